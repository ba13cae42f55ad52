-- Variants: every product has at least one (its base variant until option variants replace it).
-- SKUs are unique per store across all variants; a product's SKU is its base variant's SKU.
CREATE TABLE variants (
  store_id BIGINT NOT NULL,
  id BIGINT NOT NULL,
  product_id BIGINT NOT NULL,
  sku TEXT NOT NULL,
  is_base SMALLINT NOT NULL,
  inventory_level BIGINT NOT NULL,
  calculated_price DOUBLE PRECISION NOT NULL,
  doc TEXT NOT NULL,
  PRIMARY KEY (store_id, id)
);
CREATE INDEX variants_product ON variants (store_id, product_id, id);
CREATE UNIQUE INDEX variants_sku_unique ON variants (store_id, sku) WHERE sku <> '';

-- Variant options and modifiers (kind 'option' or 'modifier'), their values inside doc.
CREATE TABLE product_options (
  store_id BIGINT NOT NULL,
  id BIGINT NOT NULL,
  product_id BIGINT NOT NULL,
  kind TEXT NOT NULL,
  display_name TEXT NOT NULL,
  sort_order BIGINT NOT NULL,
  doc TEXT NOT NULL,
  PRIMARY KEY (store_id, id)
);
CREATE INDEX product_options_product ON product_options (store_id, product_id, kind, sort_order, id);
