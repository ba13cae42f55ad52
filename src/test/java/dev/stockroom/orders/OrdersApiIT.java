package dev.stockroom.orders;

import dev.stockroom.testing.Stockroom;

/** {@link OrdersApiTest} against PostgreSQL (skipped with a message when none is configured). */
class OrdersApiIT extends OrdersApiTest {
  OrdersApiIT(Stockroom sr) {
    super(sr);
  }
}
