-- Sub-resources of the catalog served as documents of their own: product custom fields, bulk
-- pricing rules, videos and reviews, and the metafields of products, variants, categories and
-- brands. One table for every kind: owner_id is the product, variant, category or brand the row
-- hangs on; product_id the product it goes with (0 for category and brand metafields), so that
-- deleting products deletes their children in one statement. sort_order, namespace and field_key
-- are copies of document fields that lists order and filter on (videos; metafields).
CREATE TABLE catalog_children (
  store_id BIGINT NOT NULL,
  kind TEXT NOT NULL,
  id BIGINT NOT NULL,
  owner_id BIGINT NOT NULL,
  product_id BIGINT NOT NULL,
  sort_order BIGINT NOT NULL,
  client_id TEXT NOT NULL,
  namespace TEXT NOT NULL,
  field_key TEXT NOT NULL,
  doc TEXT NOT NULL,
  PRIMARY KEY (store_id, kind, id)
);
CREATE INDEX catalog_children_owner ON catalog_children (store_id, kind, owner_id, sort_order, id);
CREATE INDEX catalog_children_product ON catalog_children (store_id, product_id);
-- contract: catalog.v3 metafields — (client id, namespace, key, resource) is unique (409).
CREATE UNIQUE INDEX catalog_children_metafield_key
  ON catalog_children (store_id, kind, owner_id, client_id, namespace, field_key) WHERE namespace <> '';
