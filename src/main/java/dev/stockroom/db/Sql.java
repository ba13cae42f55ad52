package dev.stockroom.db;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import java.util.OptionalLong;
import org.jdbi.v3.core.Handle;

/**
 * Plain JDBC for the few statements every write runs (ids, counts, uniqueness checks), on the
 * handle's own connection and transaction. Going through JDBI costs each of them more than SQLite
 * spends on it (a statement context, argument and mapper look-ups); on the single SQLite writer
 * that was a fifth of a product create. The write lane's statements stay prepared ({@link
 * CachedStatements}); elsewhere each is prepared and closed. Arguments are {@code Long}, {@code
 * Integer}, {@code Double} or {@code String}.
 */
public final class Sql {
  private Sql() {}

  /** The first column of the first row as a long; empty when there is no row (or it is NULL). */
  public static OptionalLong firstLong(Handle h, String sql, Object... args) {
    return run(
        h,
        sql,
        args,
        ps -> {
          try (ResultSet rs = ps.executeQuery()) {
            if (!rs.next()) {
              return OptionalLong.empty();
            }
            long v = rs.getLong(1);
            return rs.wasNull() ? OptionalLong.empty() : OptionalLong.of(v);
          }
        });
  }

  /** The first column of every row as longs, in the order of the rows. */
  public static List<Long> longs(Handle h, String sql, Object... args) {
    return run(
        h,
        sql,
        args,
        ps -> {
          List<Long> out = new ArrayList<>();
          try (ResultSet rs = ps.executeQuery()) {
            while (rs.next()) {
              out.add(rs.getLong(1));
            }
          }
          return out;
        });
  }

  /** Receives one row of a {@link #eachKeyed} query. */
  @FunctionalInterface
  public interface KeyedRow {
    void accept(long key, byte[] value);
  }

  /**
   * Runs a query whose arguments are {@code storeId} and then each of {@code ids} (an {@code IN}
   * list) and hands each row's first column (a long) and second (bytes) to {@code row}: the
   * sub-resources of a page of products, where JDBI's per-argument binding and per-row mapping cost
   * more than SQLite's lookups.
   */
  public static void eachKeyed(Handle h, String sql, long storeId, List<Long> ids, KeyedRow row) {
    Object[] args = new Object[ids.size() + 1];
    args[0] = storeId;
    for (int i = 0; i < ids.size(); i++) {
      args[i + 1] = ids.get(i);
    }
    run(
        h,
        sql,
        args,
        ps -> {
          try (ResultSet rs = ps.executeQuery()) {
            while (rs.next()) {
              row.accept(rs.getLong(1), rs.getBytes(2));
            }
          }
          return Boolean.TRUE;
        });
  }

  /** Runs an INSERT, UPDATE or DELETE; returns how many rows it changed. */
  public static int update(Handle h, String sql, Object... args) {
    return run(h, sql, args, PreparedStatement::executeUpdate);
  }

  @FunctionalInterface
  private interface Work<T> {
    T apply(PreparedStatement ps) throws SQLException;
  }

  private static <T> T run(Handle h, String sql, Object[] args, Work<T> work) {
    Connection c = h.getConnection();
    boolean cached = h.getStatementBuilder() instanceof CachedStatements;
    try {
      PreparedStatement ps =
          cached
              ? ((CachedStatements) h.getStatementBuilder()).prepare(c, sql)
              : c.prepareStatement(sql);
      try {
        for (int i = 0; i < args.length; i++) {
          bind(ps, i + 1, args[i]);
        }
        return work.apply(ps);
      } finally {
        if (cached) {
          ps.clearParameters();
        } else {
          ps.close();
        }
      }
    } catch (SQLException e) {
      // Database.write finds a unique violation among the causes, as it does under JDBI's own.
      throw new IllegalStateException("SQL failed: " + sql, e);
    }
  }

  private static void bind(PreparedStatement ps, int at, Object v) throws SQLException {
    switch (v) {
      case Long l -> ps.setLong(at, l);
      case Integer i -> ps.setLong(at, i);
      case Double d -> ps.setDouble(at, d);
      case String s -> ps.setString(at, s);
      default ->
          throw new IllegalArgumentException("cannot bind a " + v.getClass().getSimpleName());
    }
  }
}
