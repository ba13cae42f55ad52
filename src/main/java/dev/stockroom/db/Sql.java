package dev.stockroom.db;

import dev.stockroom.api.Filters;
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
   * The rows of {@code select + " WHERE store_id = ? AND " + key + <the ids> + tail} (two columns:
   * a long key, then bytes) whose {@code key} column is one of {@code ids}, each handed to {@code
   * row} in the order {@code tail} asks: the sub-resources of a page of products, where JDBI's
   * per-argument binding and per-row mapping cost more than SQLite's lookups.
   *
   * <p>When the ids are dense (their span at most twice their number, as on an unfiltered page) the
   * query reads one index range ({@code key BETWEEN min AND max}) instead of seeking each id, and
   * rows of keys in the range but not among the ids are dropped here; otherwise it binds them as an
   * {@code IN} list. On a page of 250 products with 3 variants and 2 images each, SQLite read the
   * ranges in about three quarters of the time of the seeks.
   */
  public static void eachKeyed(
      Handle h,
      String select,
      String key,
      String tail,
      long storeId,
      List<Long> ids,
      KeyedRow row) {
    if (ids.isEmpty()) {
      return;
    }
    long min = Long.MAX_VALUE;
    long max = Long.MIN_VALUE;
    for (long id : ids) {
      min = Math.min(min, id);
      max = Math.max(max, id);
    }
    String where = select + " WHERE store_id = ? AND " + key;
    if (max - min >= 2L * ids.size()) {
      Object[] args = new Object[ids.size() + 1];
      args[0] = storeId;
      for (int i = 0; i < ids.size(); i++) {
        args[i + 1] = ids.get(i);
      }
      each(h, where + " IN (" + Filters.marks(ids.size()) + ")" + tail, args, row);
      return;
    }
    boolean[] wanted = new boolean[(int) (max - min + 1)];
    for (long id : ids) {
      wanted[(int) (id - min)] = true;
    }
    long base = min;
    KeyedRow take =
        (k, v) -> {
          if (wanted[(int) (k - base)]) {
            row.accept(k, v);
          }
        };
    each(h, where + " BETWEEN ? AND ?" + tail, new Object[] {storeId, min, max}, take);
  }

  private static void each(Handle h, String sql, Object[] args, KeyedRow row) {
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
