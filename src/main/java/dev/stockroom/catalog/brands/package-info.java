/** Catalog v3 brands: {@code /stores/{store_hash}/v3/catalog/brands}, names unique per store. */
package dev.stockroom.catalog.brands;
