package dev.stockroom.catalog.brands;

import dev.stockroom.testing.Stockroom;

/**
 * {@link BrandsApiTest} against PostgreSQL (skipped with a message when no server is configured).
 */
class BrandsApiIT extends BrandsApiTest {
  BrandsApiIT(Stockroom sr) {
    super(sr);
  }
}
