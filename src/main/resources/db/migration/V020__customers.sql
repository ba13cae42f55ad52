-- Customers (v3 and v2 serve the same rows). Columns for everything filtered or sorted on; the
-- customer as served by v3 lives in doc. email_key is the lower-cased email: unique per store
-- (customers.v3 customer_Full.email "Must be unique", compared case-insensitively). name is
-- "first last" (the v3 name filter). Dates are epoch milliseconds.
CREATE TABLE customers (
  store_id BIGINT NOT NULL,
  id BIGINT NOT NULL,
  email TEXT NOT NULL,
  email_key TEXT NOT NULL,
  first_name TEXT NOT NULL,
  last_name TEXT NOT NULL,
  name TEXT NOT NULL,
  company TEXT NOT NULL,
  phone TEXT NOT NULL,
  customer_group_id BIGINT NOT NULL,
  registration_ip_address TEXT NOT NULL,
  tax_exempt_category TEXT NOT NULL,
  store_credit DOUBLE PRECISION NOT NULL,
  date_created BIGINT NOT NULL,
  date_modified BIGINT NOT NULL,
  password_hash TEXT NOT NULL,
  doc TEXT NOT NULL,
  PRIMARY KEY (store_id, id)
);
CREATE UNIQUE INDEX customers_email ON customers (store_id, email_key);
CREATE INDEX customers_created ON customers (store_id, date_created, id);
CREATE INDEX customers_modified ON customers (store_id, date_modified, id);
CREATE INDEX customers_last_name ON customers (store_id, last_name, id);
CREATE INDEX customers_group ON customers (store_id, customer_group_id);
CREATE INDEX customers_name ON customers (store_id, name);

CREATE TABLE customer_addresses (
  store_id BIGINT NOT NULL,
  id BIGINT NOT NULL,
  customer_id BIGINT NOT NULL,
  name TEXT NOT NULL,
  company TEXT NOT NULL,
  doc TEXT NOT NULL,
  PRIMARY KEY (store_id, id)
);
CREATE INDEX customer_addresses_customer ON customer_addresses (store_id, customer_id, id);

-- contract: customers.v3 — an attribute's type is immutable; at most 50 per store.
CREATE TABLE customer_attributes (
  store_id BIGINT NOT NULL,
  id BIGINT NOT NULL,
  name TEXT NOT NULL,
  attribute_type TEXT NOT NULL,
  date_created BIGINT NOT NULL,
  date_modified BIGINT NOT NULL,
  doc TEXT NOT NULL,
  PRIMARY KEY (store_id, id)
);

-- One value per (customer, attribute): PUT /customers/attribute-values upserts on that pair.
CREATE TABLE customer_attribute_values (
  store_id BIGINT NOT NULL,
  id BIGINT NOT NULL,
  customer_id BIGINT NOT NULL,
  attribute_id BIGINT NOT NULL,
  date_created BIGINT NOT NULL,
  date_modified BIGINT NOT NULL,
  doc TEXT NOT NULL,
  PRIMARY KEY (store_id, id)
);
CREATE UNIQUE INDEX customer_attribute_values_pair
  ON customer_attribute_values (store_id, customer_id, attribute_id);
CREATE INDEX customer_attribute_values_attribute
  ON customer_attribute_values (store_id, attribute_id);

-- Form field values of a customer (address_id 0) or of an address (customer_id is its customer).
CREATE TABLE customer_form_field_values (
  store_id BIGINT NOT NULL,
  id BIGINT NOT NULL,
  customer_id BIGINT NOT NULL,
  address_id BIGINT NOT NULL,
  name TEXT NOT NULL,
  field_type TEXT NOT NULL,
  doc TEXT NOT NULL,
  PRIMARY KEY (store_id, id)
);
CREATE UNIQUE INDEX customer_form_field_values_key
  ON customer_form_field_values (store_id, customer_id, address_id, name);

CREATE TABLE customer_groups (
  store_id BIGINT NOT NULL,
  id BIGINT NOT NULL,
  name TEXT NOT NULL,
  is_default SMALLINT NOT NULL,
  doc TEXT NOT NULL,
  PRIMARY KEY (store_id, id)
);
CREATE UNIQUE INDEX customer_groups_name ON customer_groups (store_id, name);

-- Customer settings as given: channel_id 0 is the store-wide object.
CREATE TABLE customer_settings (
  store_id BIGINT NOT NULL,
  channel_id BIGINT NOT NULL,
  doc TEXT NOT NULL,
  PRIMARY KEY (store_id, channel_id)
);

CREATE TABLE customer_consents (
  store_id BIGINT NOT NULL,
  customer_id BIGINT NOT NULL,
  doc TEXT NOT NULL,
  PRIMARY KEY (store_id, customer_id)
);
