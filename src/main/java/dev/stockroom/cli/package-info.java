/** The command line: serve, and the control-plane operations as commands. */
package dev.stockroom.cli;
