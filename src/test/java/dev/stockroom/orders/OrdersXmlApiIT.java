package dev.stockroom.orders;

import dev.stockroom.testing.Stockroom;

/** {@link OrdersXmlApiTest} against PostgreSQL. */
class OrdersXmlApiIT extends OrdersXmlApiTest {
  OrdersXmlApiIT(Stockroom sr) {
    super(sr);
  }
}
