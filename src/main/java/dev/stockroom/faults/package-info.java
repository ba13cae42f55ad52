/**
 * Failures on demand: per-store rules that make matching store API requests answer an error status,
 * wait, or lose their connection, so that a client's retry logic can be rehearsed against the
 * contract's advice (a 500 is retried three to five times with increasing delays).
 */
@NullMarked
package dev.stockroom.faults;

import org.jspecify.annotations.NullMarked;
