/** Store information v2: {@code /v2/store} and {@code /v2/time}, bare objects in v2 form. */
@NullMarked
package dev.stockroom.store;

import org.jspecify.annotations.NullMarked;
