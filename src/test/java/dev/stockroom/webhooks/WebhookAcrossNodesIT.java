package dev.stockroom.webhooks;

import dev.stockroom.testing.Stockroom;

/** {@link WebhookAcrossNodesTest} on PostgreSQL ({@code FOR UPDATE SKIP LOCKED} claims). */
class WebhookAcrossNodesIT extends WebhookAcrossNodesTest {
  WebhookAcrossNodesIT(Stockroom sr) {
    super(sr);
  }
}
