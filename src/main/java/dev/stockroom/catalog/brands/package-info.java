/** Catalog v3 brands: {@code /stores/{store_hash}/v3/catalog/brands}, names unique per store. */
@NullMarked
package dev.stockroom.catalog.brands;

import org.jspecify.annotations.NullMarked;
