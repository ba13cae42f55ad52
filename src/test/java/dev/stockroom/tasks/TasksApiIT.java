package dev.stockroom.tasks;

import dev.stockroom.testing.Stockroom;

/**
 * {@link TasksApiTest} against PostgreSQL (skipped with a message when no server is configured).
 */
class TasksApiIT extends TasksApiTest {
  TasksApiIT(Stockroom sr) {
    super(sr);
  }
}
