/**
 * Catalog v3 products: names and SKUs unique per store, brand and category references checked
 * (409), the store's plan limit enforced (507), every product with its base variant id.
 */
package dev.stockroom.catalog.products;
