-- Orders v2: columns for every filter and sort, the order as served (without its links) in doc.
-- Money columns hold ten-thousandths (4 decimals, exact on both databases).
CREATE TABLE orders (
  store_id BIGINT NOT NULL,
  id BIGINT NOT NULL,
  customer_id BIGINT NOT NULL,
  status_id BIGINT NOT NULL,
  email TEXT NOT NULL,
  cart_id TEXT NOT NULL,
  payment_method TEXT NOT NULL,
  total_inc_tax BIGINT NOT NULL,
  date_created BIGINT NOT NULL,
  date_modified BIGINT NOT NULL,
  is_deleted SMALLINT NOT NULL,
  channel_id BIGINT NOT NULL,
  external_id TEXT,
  stock_held SMALLINT NOT NULL,
  doc TEXT NOT NULL,
  PRIMARY KEY (store_id, id)
);
CREATE INDEX orders_customer ON orders (store_id, customer_id, id);
CREATE INDEX orders_status ON orders (store_id, status_id, id);
CREATE INDEX orders_email ON orders (store_id, email);
CREATE INDEX orders_cart ON orders (store_id, cart_id);
CREATE INDEX orders_payment ON orders (store_id, payment_method);
CREATE INDEX orders_total ON orders (store_id, total_inc_tax);
CREATE INDEX orders_created ON orders (store_id, date_created, id);
CREATE INDEX orders_modified ON orders (store_id, date_modified, id);
CREATE INDEX orders_deleted ON orders (store_id, is_deleted, id);
CREATE INDEX orders_channel ON orders (store_id, channel_id, id);
CREATE INDEX orders_external ON orders (store_id, external_id);

-- Order lines (order products). stock_mode records what placing the line took stock from:
-- '' (nothing), 'product' or 'variant', so that a cancel gives back exactly that, once.
CREATE TABLE order_products (
  store_id BIGINT NOT NULL,
  id BIGINT NOT NULL,
  order_id BIGINT NOT NULL,
  product_id BIGINT NOT NULL,
  variant_id BIGINT NOT NULL,
  quantity BIGINT NOT NULL,
  stock_mode TEXT NOT NULL,
  stock_taken BIGINT NOT NULL,
  doc TEXT NOT NULL,
  PRIMARY KEY (store_id, id)
);
CREATE INDEX order_products_order ON order_products (store_id, order_id, id);

CREATE TABLE order_addresses (
  store_id BIGINT NOT NULL,
  id BIGINT NOT NULL,
  order_id BIGINT NOT NULL,
  doc TEXT NOT NULL,
  PRIMARY KEY (store_id, id)
);
CREATE INDEX order_addresses_order ON order_addresses (store_id, order_id, id);

CREATE TABLE order_shipments (
  store_id BIGINT NOT NULL,
  id BIGINT NOT NULL,
  order_id BIGINT NOT NULL,
  doc TEXT NOT NULL,
  PRIMARY KEY (store_id, id)
);
CREATE INDEX order_shipments_order ON order_shipments (store_id, order_id, id);
