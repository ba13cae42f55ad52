package dev.stockroom.webhooks;

import dev.stockroom.testing.Stockroom;

/** {@link WebhooksApiTest} against PostgreSQL (skipped with a message when none is configured). */
class WebhooksApiIT extends WebhooksApiTest {
  WebhooksApiIT(Stockroom sr) {
    super(sr);
  }
}
