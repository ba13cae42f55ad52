CREATE TABLE brands (
  store_id BIGINT NOT NULL,
  id BIGINT NOT NULL,
  name TEXT NOT NULL,
  page_title TEXT NOT NULL,
  doc TEXT NOT NULL,
  PRIMARY KEY (store_id, id)
);
CREATE UNIQUE INDEX brands_name ON brands (store_id, name);
