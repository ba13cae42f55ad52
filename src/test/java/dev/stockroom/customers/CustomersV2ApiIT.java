package dev.stockroom.customers;

import dev.stockroom.testing.Stockroom;

/**
 * {@link CustomersV2ApiTest} against PostgreSQL (skipped with a message when none is configured).
 */
class CustomersV2ApiIT extends CustomersV2ApiTest {
  CustomersV2ApiIT(Stockroom sr) {
    super(sr);
  }
}
