package dev.stockroom.catalog.images;

import dev.stockroom.testing.Stockroom;

/** {@link ImagesApiTest} against PostgreSQL (skipped with a message when none is configured). */
class ImagesApiIT extends ImagesApiTest {
  ImagesApiIT(Stockroom sr) {
    super(sr);
  }
}
