CREATE TABLE categories (
  store_id BIGINT NOT NULL,
  id BIGINT NOT NULL,
  parent_id BIGINT NOT NULL,
  name TEXT NOT NULL,
  page_title TEXT NOT NULL,
  keywords TEXT NOT NULL,
  is_visible SMALLINT NOT NULL,
  sort_order BIGINT NOT NULL,
  doc TEXT NOT NULL,
  PRIMARY KEY (store_id, id)
);
CREATE UNIQUE INDEX categories_sibling_name ON categories (store_id, parent_id, name);
