package dev.stockroom.orders;

import dev.stockroom.testing.Stockroom;

/** {@link OrderPartsApiTest} against PostgreSQL. */
class OrderPartsApiIT extends OrderPartsApiTest {
  OrderPartsApiIT(Stockroom sr) {
    super(sr);
  }
}
