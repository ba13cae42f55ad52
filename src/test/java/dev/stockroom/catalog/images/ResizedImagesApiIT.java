package dev.stockroom.catalog.images;

import dev.stockroom.testing.Stockroom;

/** {@link ResizedImagesApiTest} against PostgreSQL (skipped when none is configured). */
class ResizedImagesApiIT extends ResizedImagesApiTest {
  ResizedImagesApiIT(Stockroom sr) {
    super(sr);
  }
}
