package dev.stockroom.admin;

import dev.stockroom.testing.Stockroom;

/**
 * {@link StoreAdminApiTest} against PostgreSQL (skipped with a message when no server is
 * configured).
 */
class StoreAdminApiIT extends StoreAdminApiTest {
  StoreAdminApiIT(Stockroom sr) {
    super(sr);
  }
}
