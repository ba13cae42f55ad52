-- Stores (tenants), their API accounts, and per-store id sequences and counters.
CREATE TABLE stores (
  id BIGINT NOT NULL PRIMARY KEY,
  store_hash TEXT NOT NULL UNIQUE,
  name TEXT NOT NULL,
  plan TEXT NOT NULL,
  status TEXT NOT NULL,
  product_limit BIGINT NOT NULL,
  rate_quota BIGINT NOT NULL,
  rate_window_ms BIGINT NOT NULL,
  created_at BIGINT NOT NULL,
  updated_at BIGINT NOT NULL
);

CREATE TABLE api_accounts (
  store_id BIGINT NOT NULL,
  id BIGINT NOT NULL,
  name TEXT NOT NULL,
  client_id TEXT NOT NULL,
  token_hash TEXT NOT NULL,
  scopes TEXT NOT NULL,
  created_at BIGINT NOT NULL,
  PRIMARY KEY (store_id, id)
);
CREATE UNIQUE INDEX api_accounts_token ON api_accounts (token_hash);

-- Ids are sequential per store and entity (BigCommerce ids are small integers per store).
CREATE TABLE id_sequences (
  store_id BIGINT NOT NULL,
  entity TEXT NOT NULL,
  last_id BIGINT NOT NULL,
  PRIMARY KEY (store_id, entity)
);

-- Counts kept in the same transaction as the rows they count (plan limits, unfiltered totals).
CREATE TABLE store_counts (
  store_id BIGINT NOT NULL,
  entity TEXT NOT NULL,
  n BIGINT NOT NULL,
  PRIMARY KEY (store_id, entity)
);
