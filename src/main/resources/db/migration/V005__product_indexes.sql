-- Non-empty SKUs are unique per store, enforced by the database too (concurrent PUTs on
-- PostgreSQL). It replaces the plain SKU index: queries on SKU say "sku <> ''" so that both
-- databases use this partial index.
DROP INDEX products_sku;
CREATE UNIQUE INDEX products_sku_unique ON products (store_id, sku) WHERE sku <> '';
