package dev.stockroom.webhooks;

import dev.stockroom.testing.TestDatabase;

/** The same crash test against PostgreSQL. */
class WebhookDurabilityIT extends WebhookDurabilityTest {
  @Override
  String databaseUrl() {
    return TestDatabase.postgresUrlOrSkip();
  }
}
