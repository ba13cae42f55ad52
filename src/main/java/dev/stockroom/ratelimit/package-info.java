/** The per-store request quota and its X-Rate-Limit-* figures. */
@NullMarked
package dev.stockroom.ratelimit;

import org.jspecify.annotations.NullMarked;
