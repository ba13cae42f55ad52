package dev.stockroom.testing;

import org.junit.jupiter.api.Assumptions;

/** Which database a test class runs on: SQLite for *Test, PostgreSQL for *IT. */
public final class TestDatabase {
  private TestDatabase() {}

  /**
   * The PostgreSQL JDBC URL for *IT classes, or an aborted (skipped) test saying how to get one.
   */
  public static String postgresUrlOrSkip() {
    String url = System.getProperty("stockroom.test.pg.url");
    if (url == null || url.isBlank()) {
      url = System.getenv("STOCKROOM_TEST_PG_URL");
    }
    Assumptions.assumeTrue(
        url != null && !url.isBlank(),
        "PostgreSQL run skipped: no server configured. Set STOCKROOM_TEST_PG_URL to a JDBC URL"
            + " (bash scripts/test-postgres.sh start prints one; .ci/run does this).");
    return url;
  }

  public static boolean isIntegration(Class<?> testClass) {
    return testClass.getSimpleName().endsWith("IT");
  }
}
