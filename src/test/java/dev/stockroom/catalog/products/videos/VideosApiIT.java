package dev.stockroom.catalog.products.videos;

import dev.stockroom.testing.Stockroom;

/**
 * {@link VideosApiTest} against PostgreSQL (skipped with a message when no server is configured).
 */
class VideosApiIT extends VideosApiTest {
  VideosApiIT(Stockroom sr) {
    super(sr);
  }
}
