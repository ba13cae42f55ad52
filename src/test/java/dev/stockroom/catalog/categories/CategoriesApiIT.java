package dev.stockroom.catalog.categories;

import dev.stockroom.testing.Stockroom;

/**
 * {@link CategoriesApiTest} against PostgreSQL (skipped with a message when no server is
 * configured).
 */
class CategoriesApiIT extends CategoriesApiTest {
  CategoriesApiIT(Stockroom sr) {
    super(sr);
  }
}
