package dev.stockroom.tenancy;

import dev.stockroom.testing.Stockroom;

/**
 * {@link TenantIsolationTest} against PostgreSQL (skipped with a message when no server is
 * configured).
 */
class TenantIsolationIT extends TenantIsolationTest {
  TenantIsolationIT(Stockroom sr) {
    super(sr);
  }
}
