package dev.stockroom.edge;

import dev.stockroom.testing.Stockroom;

/**
 * {@link BadInputApiTest} against PostgreSQL (skipped with a message when no server is configured).
 */
class BadInputApiIT extends BadInputApiTest {
  BadInputApiIT(Stockroom sr) {
    super(sr);
  }
}
