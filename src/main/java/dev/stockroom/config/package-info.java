/** The node's configuration, one record passed down through constructors. */
@NullMarked
package dev.stockroom.config;

import org.jspecify.annotations.NullMarked;
