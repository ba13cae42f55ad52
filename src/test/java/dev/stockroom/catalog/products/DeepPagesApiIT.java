package dev.stockroom.catalog.products;

import dev.stockroom.testing.Stockroom;

/**
 * {@link DeepPagesApiTest} against PostgreSQL (skipped with a message when no server is
 * configured).
 */
class DeepPagesApiIT extends DeepPagesApiTest {
  DeepPagesApiIT(Stockroom sr) {
    super(sr);
  }
}
