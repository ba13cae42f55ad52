-- Product images: the document as served, the columns it is sorted and checked by, and the name
-- of its uploaded file under <data-dir>/images/<store_id>/ ('' for an image given by image_url).
CREATE TABLE product_images (
  store_id BIGINT NOT NULL,
  id BIGINT NOT NULL,
  product_id BIGINT NOT NULL,
  sort_order BIGINT NOT NULL,
  is_thumbnail SMALLINT NOT NULL,
  file_name TEXT NOT NULL,
  doc TEXT NOT NULL,
  PRIMARY KEY (store_id, id)
);
CREATE INDEX product_images_product ON product_images (store_id, product_id, sort_order, id);
