package dev.stockroom.catalog.images;

import dev.stockroom.testing.Stockroom;

/**
 * {@link VariantImagesApiTest} against PostgreSQL (skipped with a message when no server is
 * configured).
 */
class VariantImagesApiIT extends VariantImagesApiTest {
  VariantImagesApiIT(Stockroom sr) {
    super(sr);
  }
}
