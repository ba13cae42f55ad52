/**
 * Product reviews: {@code /v3/catalog/products/{product_id}/reviews}. Approved reviews count in the
 * product's {@code reviews_count} and {@code reviews_rating_sum}, kept in the same transaction.
 */
@NullMarked
package dev.stockroom.catalog.products.reviews;

import org.jspecify.annotations.NullMarked;
