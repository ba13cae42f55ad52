package dev.stockroom.store;

import dev.stockroom.testing.Stockroom;

/**
 * {@link StoreInfoApiTest} against PostgreSQL (skipped with a message when no server is
 * configured).
 */
class StoreInfoApiIT extends StoreInfoApiTest {
  StoreInfoApiIT(Stockroom sr) {
    super(sr);
  }
}
