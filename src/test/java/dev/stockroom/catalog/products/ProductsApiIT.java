package dev.stockroom.catalog.products;

import dev.stockroom.testing.Stockroom;

/**
 * {@link ProductsApiTest} against PostgreSQL (skipped with a message when no server is configured).
 */
class ProductsApiIT extends ProductsApiTest {
  ProductsApiIT(Stockroom sr) {
    super(sr);
  }
}
