package dev.stockroom.catalog;

import dev.stockroom.testing.Stockroom;

/**
 * {@link ConcurrentWritesApiTest} against PostgreSQL (skipped with a message when no server is
 * configured).
 */
class ConcurrentWritesApiIT extends ConcurrentWritesApiTest {
  ConcurrentWritesApiIT(Stockroom sr) {
    super(sr);
  }
}
