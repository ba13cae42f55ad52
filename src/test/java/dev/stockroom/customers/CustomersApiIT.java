package dev.stockroom.customers;

import dev.stockroom.testing.Stockroom;

/** {@link CustomersApiTest} against PostgreSQL (skipped with a message when none is configured). */
class CustomersApiIT extends CustomersApiTest {
  CustomersApiIT(Stockroom sr) {
    super(sr);
  }
}
