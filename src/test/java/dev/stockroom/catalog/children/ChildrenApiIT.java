package dev.stockroom.catalog.children;

import dev.stockroom.testing.Stockroom;

/**
 * {@link ChildrenApiTest} against PostgreSQL (skipped with a message when no server is configured):
 * the concurrent writes there really run in parallel.
 */
class ChildrenApiIT extends ChildrenApiTest {
  ChildrenApiIT(Stockroom sr) {
    super(sr);
  }
}
