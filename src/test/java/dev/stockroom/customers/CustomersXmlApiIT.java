package dev.stockroom.customers;

import dev.stockroom.testing.Stockroom;

/** {@link CustomersXmlApiTest} against PostgreSQL. */
class CustomersXmlApiIT extends CustomersXmlApiTest {
  CustomersXmlApiIT(Stockroom sr) {
    super(sr);
  }
}
