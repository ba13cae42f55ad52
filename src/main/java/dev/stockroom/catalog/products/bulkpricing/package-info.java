/**
 * Bulk pricing rules: {@code /v3/catalog/products/{product_id}/bulk-pricing-rules}, quantity ranges
 * that never overlap on a product (409), at most {@code bulk_pricing_rules_per_product} (403).
 */
@NullMarked
package dev.stockroom.catalog.products.bulkpricing;

import org.jspecify.annotations.NullMarked;
