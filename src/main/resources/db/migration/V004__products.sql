-- Columns for everything filtered or sorted on; the whole product as served lives in doc.
CREATE TABLE products (
  store_id BIGINT NOT NULL,
  id BIGINT NOT NULL,
  name TEXT NOT NULL,
  sku TEXT NOT NULL,
  upc TEXT NOT NULL,
  product_type TEXT NOT NULL,
  price DOUBLE PRECISION NOT NULL,
  weight DOUBLE PRECISION NOT NULL,
  inventory_level BIGINT NOT NULL,
  inventory_warning_level BIGINT NOT NULL,
  inventory_tracking TEXT NOT NULL,
  is_visible SMALLINT NOT NULL,
  is_featured SMALLINT NOT NULL,
  is_free_shipping SMALLINT NOT NULL,
  brand_id BIGINT NOT NULL,
  item_condition TEXT NOT NULL,
  availability TEXT NOT NULL,
  total_sold BIGINT NOT NULL,
  keywords TEXT NOT NULL,
  date_created BIGINT NOT NULL,
  date_modified BIGINT NOT NULL,
  date_last_imported BIGINT,
  doc TEXT NOT NULL,
  PRIMARY KEY (store_id, id)
);
CREATE UNIQUE INDEX products_name ON products (store_id, name);
CREATE INDEX products_sku ON products (store_id, sku);
CREATE INDEX products_price ON products (store_id, price, id);
CREATE INDEX products_modified ON products (store_id, date_modified, id);
CREATE INDEX products_brand ON products (store_id, brand_id);

CREATE TABLE product_categories (
  store_id BIGINT NOT NULL,
  category_id BIGINT NOT NULL,
  product_id BIGINT NOT NULL,
  PRIMARY KEY (store_id, category_id, product_id)
);
CREATE INDEX product_categories_product ON product_categories (store_id, product_id);
