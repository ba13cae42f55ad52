package dev.stockroom.orders;

import dev.stockroom.testing.Stockroom;

/**
 * {@link OrderInventoryApiTest} against PostgreSQL: there the concurrent orders race in real
 * transactions and only the row locks keep them from overselling.
 */
class OrderInventoryApiIT extends OrderInventoryApiTest {
  OrderInventoryApiIT(Stockroom sr) {
    super(sr);
  }
}
