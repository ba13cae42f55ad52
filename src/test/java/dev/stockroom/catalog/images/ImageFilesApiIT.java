package dev.stockroom.catalog.images;

import dev.stockroom.testing.Stockroom;

/** {@link ImageFilesApiTest} against PostgreSQL (skipped when none is configured). */
class ImageFilesApiIT extends ImageFilesApiTest {
  ImageFilesApiIT(Stockroom sr) {
    super(sr);
  }
}
