package dev.stockroom.webhooks;

import dev.stockroom.testing.Stockroom;

/** {@link WebhookDeliveryApiTest} against PostgreSQL (skipped when none is configured). */
class WebhookDeliveryApiIT extends WebhookDeliveryApiTest {
  WebhookDeliveryApiIT(Stockroom sr) {
    super(sr);
  }
}
