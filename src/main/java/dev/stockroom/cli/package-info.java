/** The command line: serve, and the control-plane operations as commands. */
@NullMarked
package dev.stockroom.cli;

import org.jspecify.annotations.NullMarked;
