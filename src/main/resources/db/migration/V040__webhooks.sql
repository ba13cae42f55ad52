-- Webhooks (per store, visible to the API account that created them), the outbox of deliveries
-- written in the same transaction as the change that caused them, and the log of attempts.
CREATE TABLE webhooks (
  store_id BIGINT NOT NULL,
  id BIGINT NOT NULL,
  client_id TEXT NOT NULL,
  scope TEXT NOT NULL,
  destination TEXT NOT NULL,
  is_active SMALLINT NOT NULL,
  headers TEXT,
  created_at BIGINT NOT NULL,
  updated_at BIGINT NOT NULL,
  PRIMARY KEY (store_id, id)
);
CREATE INDEX webhooks_by_scope ON webhooks (store_id, scope, is_active);

-- One row per (event, hook): the outbox. state: pending, delivered, failed (retries exhausted),
-- abandoned (the hook was deactivated or deleted first). next_at and lease_until are epoch ms.
CREATE TABLE webhook_deliveries (
  store_id BIGINT NOT NULL,
  id BIGINT NOT NULL,
  hook_id BIGINT NOT NULL,
  scope TEXT NOT NULL,
  data TEXT NOT NULL,
  created_at BIGINT NOT NULL,
  attempts INT NOT NULL,
  state TEXT NOT NULL,
  next_at BIGINT NOT NULL,
  lease_until BIGINT NOT NULL,
  PRIMARY KEY (store_id, id)
);
CREATE INDEX webhook_deliveries_due ON webhook_deliveries (state, next_at);
CREATE INDEX webhook_deliveries_by_hook ON webhook_deliveries (store_id, hook_id, state);

-- Every attempt, for the delivery log of the control plane (bounded per hook).
CREATE TABLE webhook_attempts (
  store_id BIGINT NOT NULL,
  hook_id BIGINT NOT NULL,
  delivery_id BIGINT NOT NULL,
  attempt INT NOT NULL,
  scope TEXT NOT NULL,
  hash TEXT NOT NULL,
  at BIGINT NOT NULL,
  status INT NOT NULL,
  latency_ms BIGINT NOT NULL,
  error TEXT,
  next_at BIGINT,
  PRIMARY KEY (store_id, delivery_id, attempt)
);
CREATE INDEX webhook_attempts_by_hook ON webhook_attempts (store_id, hook_id, at);
