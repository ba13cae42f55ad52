package dev.stockroom.db;

import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.LongSupplier;

/**
 * The newest {@code date_modified} of a store's rows in one table, kept in memory so that a poll
 * with {@code If-Modified-Since} ("anything new since?") is answered without a query when nothing
 * is newer.
 *
 * <p>Writers call {@link #touched} after their transaction commits and before they answer, so a
 * client that has seen a write's answer never polls past it. A mark is loaded from the table the
 * first time it is asked for; a load and a touch of the same mark never interleave (both are atomic
 * map operations on one key), and a touch of a mark not loaded yet is left to the load, which reads
 * the committed write.
 *
 * <p>Only on SQLite: one process owns the database file, so every write passes through this node.
 * On PostgreSQL several nodes may write, so {@link #newest} answers empty and callers query.
 */
public final class Watermarks {
  private record Key(long storeId, String table) {}

  private final ConcurrentHashMap<Key, Long> marks = new ConcurrentHashMap<>();
  private final boolean enabled;

  public Watermarks(Database.Dialect dialect) {
    this.enabled = dialect == Database.Dialect.SQLITE;
  }

  /**
   * The newest modification time (epoch ms) of the store's rows in {@code table}, loading it with
   * {@code load} the first time; empty when marks cannot be trusted (PostgreSQL).
   */
  public Optional<Long> newest(long storeId, String table, LongSupplier load) {
    if (!enabled) {
      return Optional.empty();
    }
    Key key = new Key(storeId, table);
    Long known = marks.get(key); // a plain read first: computeIfAbsent can lock a bin
    return Optional.of(known != null ? known : marks.computeIfAbsent(key, k -> load.getAsLong()));
  }

  /** A write set some row's {@code date_modified} to {@code millis}. */
  public void touched(long storeId, String table, long millis) {
    if (enabled) {
      marks.computeIfPresent(new Key(storeId, table), (k, v) -> Math.max(v, millis));
    }
  }

  /** The store is gone (its rows with it). */
  public void forget(long storeId) {
    marks.keySet().removeIf(k -> k.storeId() == storeId);
  }
}
