/**
 * Catalog v3 products: names and SKUs unique per store, brand and category references checked
 * (409), the store's plan limit enforced (507), every product with its base variant id.
 */
@NullMarked
package dev.stockroom.catalog.products;

import org.jspecify.annotations.NullMarked;
