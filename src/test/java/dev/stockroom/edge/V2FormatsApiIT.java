package dev.stockroom.edge;

import dev.stockroom.testing.Stockroom;

/** {@link V2FormatsApiTest} against PostgreSQL. */
class V2FormatsApiIT extends V2FormatsApiTest {
  V2FormatsApiIT(Stockroom sr) {
    super(sr);
  }
}
