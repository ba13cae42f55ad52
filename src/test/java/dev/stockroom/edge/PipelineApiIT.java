package dev.stockroom.edge;

import dev.stockroom.testing.Stockroom;

/**
 * {@link PipelineApiTest} against PostgreSQL (skipped with a message when no server is configured).
 */
class PipelineApiIT extends PipelineApiTest {
  PipelineApiIT(Stockroom sr) {
    super(sr);
  }
}
