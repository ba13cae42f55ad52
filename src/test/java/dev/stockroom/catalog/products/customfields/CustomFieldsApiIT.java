package dev.stockroom.catalog.products.customfields;

import dev.stockroom.testing.Stockroom;

/**
 * {@link CustomFieldsApiTest} against PostgreSQL (skipped with a message when no server is
 * configured).
 */
class CustomFieldsApiIT extends CustomFieldsApiTest {
  CustomFieldsApiIT(Stockroom sr) {
    super(sr);
  }
}
