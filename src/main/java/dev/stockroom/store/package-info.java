/** Store information v2: {@code /v2/store} and {@code /v2/time}, bare objects in v2 form. */
package dev.stockroom.store;
