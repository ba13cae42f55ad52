-- Scheduled tasks (202 Accepted): the request to run, its progress and result, and the lease of
-- the node running it. Times are epoch milliseconds; claimed_until is wall-clock on every node.
CREATE TABLE tasks (
  store_id BIGINT NOT NULL,
  id BIGINT NOT NULL,
  kind TEXT NOT NULL,
  status TEXT NOT NULL,
  progress_done BIGINT NOT NULL,
  progress_total BIGINT NOT NULL,
  method TEXT NOT NULL,
  path TEXT NOT NULL,
  raw_query TEXT NOT NULL,
  body TEXT NOT NULL,
  client_id TEXT,
  result_status INTEGER,
  result_body TEXT,
  created_at BIGINT NOT NULL,
  started_at BIGINT,
  finished_at BIGINT,
  claimed_until BIGINT NOT NULL,
  node TEXT,
  attempts INTEGER NOT NULL,
  PRIMARY KEY (store_id, id)
);
CREATE INDEX tasks_due ON tasks (status, claimed_until);
