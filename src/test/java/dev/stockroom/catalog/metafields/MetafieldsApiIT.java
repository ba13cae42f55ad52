package dev.stockroom.catalog.metafields;

import dev.stockroom.testing.Stockroom;

/**
 * {@link MetafieldsApiTest} against PostgreSQL (skipped with a message when no server is
 * configured).
 */
class MetafieldsApiIT extends MetafieldsApiTest {
  MetafieldsApiIT(Stockroom sr) {
    super(sr);
  }
}
