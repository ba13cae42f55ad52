package dev.stockroom.tasks;

import dev.stockroom.testing.Stockroom;

/**
 * {@link ScheduledWritesApiTest} against PostgreSQL (skipped with a message when no server is
 * configured).
 */
class ScheduledWritesApiIT extends ScheduledWritesApiTest {
  ScheduledWritesApiIT(Stockroom sr) {
    super(sr);
  }
}
