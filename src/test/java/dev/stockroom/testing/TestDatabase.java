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
    return ownSchema(url);
  }

  private static String schemaUrl;

  /**
   * This test JVM's own schema in the given database, created once and dropped at exit: runs of
   * different checkouts (or an older migration set) never meet in one schema.
   */
  private static synchronized String ownSchema(String url) {
    if (schemaUrl == null) {
      String schema = "t" + ProcessHandle.current().pid() + "_" + System.nanoTime() % 1_000_000;
      try (java.sql.Connection c = java.sql.DriverManager.getConnection(url);
          java.sql.Statement st = c.createStatement()) {
        st.execute("CREATE SCHEMA " + schema);
      } catch (java.sql.SQLException e) {
        throw new IllegalStateException("cannot create a test schema in " + url, e);
      }
      Runtime.getRuntime()
          .addShutdownHook(
              new Thread(
                  () -> {
                    try (java.sql.Connection c = java.sql.DriverManager.getConnection(url);
                        java.sql.Statement st = c.createStatement()) {
                      st.execute("DROP SCHEMA " + schema + " CASCADE");
                    } catch (java.sql.SQLException e) {
                      // the server may be gone already; the schema goes with it
                    }
                  }));
      schemaUrl = url + (url.contains("?") ? "&" : "?") + "currentSchema=" + schema;
    }
    return schemaUrl;
  }

  public static boolean isIntegration(Class<?> testClass) {
    return testClass.getSimpleName().endsWith("IT");
  }
}
