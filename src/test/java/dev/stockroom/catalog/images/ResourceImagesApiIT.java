package dev.stockroom.catalog.images;

import dev.stockroom.testing.Stockroom;

/** {@link ResourceImagesApiTest} against PostgreSQL (skipped when none is configured). */
class ResourceImagesApiIT extends ResourceImagesApiTest {
  ResourceImagesApiIT(Stockroom sr) {
    super(sr);
  }
}
