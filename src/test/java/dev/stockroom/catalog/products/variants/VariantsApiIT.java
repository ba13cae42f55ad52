package dev.stockroom.catalog.products.variants;

import dev.stockroom.testing.Stockroom;

/**
 * {@link VariantsApiTest} against PostgreSQL (skipped with a message when no server is configured).
 */
class VariantsApiIT extends VariantsApiTest {
  VariantsApiIT(Stockroom sr) {
    super(sr);
  }
}
