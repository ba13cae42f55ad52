package dev.stockroom.catalog.products.reviews;

import dev.stockroom.testing.Stockroom;

/**
 * {@link ReviewsApiTest} against PostgreSQL (skipped with a message when no server is configured).
 */
class ReviewsApiIT extends ReviewsApiTest {
  ReviewsApiIT(Stockroom sr) {
    super(sr);
  }
}
