package dev.stockroom.edge;

import dev.stockroom.testing.Stockroom;

/** {@link ConditionalApiTest} against PostgreSQL. */
class ConditionalApiIT extends ConditionalApiTest {
  ConditionalApiIT(Stockroom sr) {
    super(sr);
  }
}
