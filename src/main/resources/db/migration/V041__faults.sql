-- Failure rules of the control plane (POST /admin/api/stores/{store_hash}/faults): matching store
-- API requests answer a chosen status, wait, or lose their connection. Kept in the database so that
-- they survive a restart and every node sharing the database applies them.
CREATE TABLE faults (
  store_id BIGINT NOT NULL,
  id BIGINT NOT NULL,
  method TEXT NOT NULL,
  path TEXT NOT NULL,
  status INTEGER,
  latency_ms BIGINT,
  drop_connection INTEGER NOT NULL,
  times BIGINT,
  probability DOUBLE PRECISION,
  -- null: every time; otherwise how many more times the rule may fire (decremented atomically)
  remaining BIGINT,
  fired BIGINT NOT NULL,
  created_at BIGINT NOT NULL,
  PRIMARY KEY (store_id, id)
);
