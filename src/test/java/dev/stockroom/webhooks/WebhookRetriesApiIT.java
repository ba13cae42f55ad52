package dev.stockroom.webhooks;

import dev.stockroom.testing.Stockroom;

/** {@link WebhookRetriesApiTest} against PostgreSQL (skipped when none is configured). */
class WebhookRetriesApiIT extends WebhookRetriesApiTest {
  WebhookRetriesApiIT(Stockroom sr) {
    super(sr);
  }
}
