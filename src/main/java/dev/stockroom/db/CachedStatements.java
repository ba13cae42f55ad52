package dev.stockroom.db;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.HashMap;
import java.util.Map;
import org.jdbi.v3.core.statement.DefaultStatementBuilder;
import org.jdbi.v3.core.statement.StatementContext;

/**
 * Keeps the prepared statements of one long-lived connection (the SQLite write lane's): compiling
 * SQL was a third of the writer's time. Used by one thread only.
 */
final class CachedStatements extends DefaultStatementBuilder {
  private static final int MAX = 256;
  private final Map<String, PreparedStatement> cache = new HashMap<>();

  @Override
  public PreparedStatement create(Connection conn, String sql, StatementContext ctx)
      throws SQLException {
    if (ctx.isReturningGeneratedKeys() || ctx.isConcurrentUpdatable()) {
      return super.create(conn, sql, ctx);
    }
    return prepare(conn, sql);
  }

  /** The cached statement for {@code sql}; callers must not close it. */
  PreparedStatement prepare(Connection conn, String sql) throws SQLException {
    PreparedStatement ps = cache.get(sql);
    if (ps == null || ps.isClosed()) {
      if (cache.size() >= MAX) {
        clear();
      }
      ps = conn.prepareStatement(sql);
      cache.put(sql, ps);
    }
    return ps;
  }

  @Override
  public void close(Connection conn, String sql, Statement stmt) throws SQLException {
    if (stmt instanceof PreparedStatement ps && cache.get(sql) == ps) {
      ps.clearParameters();
      return;
    }
    super.close(conn, sql, stmt);
  }

  @Override
  public void close(Connection conn) {
    clear();
  }

  private void clear() {
    for (PreparedStatement ps : cache.values()) {
      try {
        ps.close();
      } catch (SQLException ignored) {
        // closing a cached statement of a connection that is going away
      }
    }
    cache.clear();
  }
}
