package dev.stockroom.edge;

import dev.stockroom.testing.Stockroom;

/**
 * {@link InternalErrorApiTest} against PostgreSQL (skipped with a message when no server is
 * configured).
 */
class InternalErrorApiIT extends InternalErrorApiTest {
  InternalErrorApiIT(Stockroom sr) {
    super(sr);
  }
}
