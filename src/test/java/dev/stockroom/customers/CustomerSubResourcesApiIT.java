package dev.stockroom.customers;

import dev.stockroom.testing.Stockroom;

/** {@link CustomerSubResourcesApiTest} against PostgreSQL (skipped when none is configured). */
class CustomerSubResourcesApiIT extends CustomerSubResourcesApiTest {
  CustomerSubResourcesApiIT(Stockroom sr) {
    super(sr);
  }
}
