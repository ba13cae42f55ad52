/**
 * Product custom fields: {@code /v3/catalog/products/{product_id}/custom-fields}, name and value of
 * 1 to 250 characters, at most {@code custom_fields_per_product} per product (403).
 */
@NullMarked
package dev.stockroom.catalog.products.customfields;

import org.jspecify.annotations.NullMarked;
