package dev.stockroom.db;

import dev.stockroom.testing.TestDatabase;

/** The same crash test against PostgreSQL. */
class DurabilityIT extends DurabilityTest {
  @Override
  String databaseUrl() {
    return TestDatabase.postgresUrlOrSkip();
  }
}
