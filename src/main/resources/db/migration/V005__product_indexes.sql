-- Non-empty SKUs are unique per store, enforced by the database too (concurrent PUTs on PostgreSQL).
CREATE UNIQUE INDEX products_sku_unique ON products (store_id, sku) WHERE sku <> '';
-- Every documented sort key pages through an index instead of sorting the store's rows.
CREATE INDEX products_inventory ON products (store_id, inventory_level, id);
CREATE INDEX products_total_sold ON products (store_id, total_sold, id);
CREATE INDEX products_visible ON products (store_id, is_visible, id);
