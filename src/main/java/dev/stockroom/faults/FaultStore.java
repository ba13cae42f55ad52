package dev.stockroom.faults;

import dev.stockroom.api.ApiException;
import dev.stockroom.api.Status;
import dev.stockroom.db.Database;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.List;
import java.util.Optional;
import java.util.OptionalLong;
import org.jdbi.v3.core.mapper.RowMapper;
import org.jspecify.annotations.Nullable;

/** SQL for fault rules. The count of a "next N" rule lives here, decremented atomically. */
public final class FaultStore {
  private static final String COLUMNS =
      "store_id, id, method, path, status, latency_ms, drop_connection, times, probability,"
          + " remaining, fired, created_at";

  private static final RowMapper<FaultRule> RULE =
      (rs, ctx) ->
          new FaultRule(
              rs.getLong("store_id"),
              rs.getLong("id"),
              rs.getString("method"),
              rs.getString("path"),
              status(rs),
              longOrNull(rs, "latency_ms"),
              rs.getInt("drop_connection") != 0,
              longOrNull(rs, "times"),
              doubleOrNull(rs, "probability"),
              longOrNull(rs, "remaining"),
              rs.getLong("fired"),
              rs.getLong("created_at"));

  private final Database db;

  public FaultStore(Database db) {
    this.db = db;
  }

  public FaultRule insert(long storeId, FaultRule.Input in, long now) {
    Status status = in.status();
    Integer code = status == null ? null : status.code();
    return db.write(
        h -> {
          long id = Database.nextId(h, storeId, "fault");
          h.createUpdate(
                  "INSERT INTO faults ("
                      + COLUMNS
                      + ") VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, 0, ?)")
              .bind(0, storeId)
              .bind(1, id)
              .bind(2, in.method())
              .bind(3, in.path())
              .bind(4, code)
              .bind(5, in.latencyMs())
              .bind(6, in.drop() ? 1 : 0)
              .bind(7, in.times())
              .bind(8, in.probability())
              .bind(9, in.times())
              .bind(10, now)
              .execute();
          return new FaultRule(
              storeId,
              id,
              in.method(),
              in.path(),
              in.status(),
              in.latencyMs(),
              in.drop(),
              in.times(),
              in.probability(),
              in.times(),
              0,
              now);
        });
  }

  public List<FaultRule> list(long storeId) {
    return db.read(
        h ->
            h.createQuery("SELECT " + COLUMNS + " FROM faults WHERE store_id = ? ORDER BY id")
                .bind(0, storeId)
                .map(RULE)
                .list());
  }

  public FaultRule get(long storeId, String hash, long id) {
    return db.read(
            h ->
                h.createQuery("SELECT " + COLUMNS + " FROM faults WHERE store_id = ? AND id = ?")
                    .bind(0, storeId)
                    .bind(1, id)
                    .map(RULE)
                    .findOne())
        .orElseThrow(() -> notFound(hash, id));
  }

  public void delete(long storeId, String hash, long id) {
    int n =
        db.write(
            h ->
                h.createUpdate("DELETE FROM faults WHERE store_id = ? AND id = ?")
                    .bind(0, storeId)
                    .bind(1, id)
                    .execute());
    if (n == 0) {
      throw notFound(hash, id);
    }
  }

  public int deleteAll(long storeId) {
    return db.write(
        h -> h.createUpdate("DELETE FROM faults WHERE store_id = ?").bind(0, storeId).execute());
  }

  /** The rules of every store that can still fire (the nodes' in-memory copy). */
  List<FaultRule> armed() {
    return db.read(
        h ->
            h.createQuery(
                    "SELECT "
                        + COLUMNS
                        + " FROM faults WHERE remaining IS NULL OR remaining > 0"
                        + " ORDER BY store_id, id")
                .map(RULE)
                .list());
  }

  /**
   * Counts one firing of a rule, atomically: a counted rule fires only while it has some left, so
   * exactly {@code times} requests get it however many nodes and threads race. Empty when the rule
   * did not fire (used up or deleted meanwhile); otherwise what it has left ({@link Long#MAX_VALUE}
   * for a rule without a count).
   */
  OptionalLong fire(long storeId, long id, boolean counted) {
    if (!counted) {
      int n =
          db.write(
              h ->
                  h.createUpdate(
                          "UPDATE faults SET fired = fired + 1 WHERE store_id = ? AND id = ?")
                      .bind(0, storeId)
                      .bind(1, id)
                      .execute());
      return n == 0 ? OptionalLong.empty() : OptionalLong.of(Long.MAX_VALUE);
    }
    Optional<Long> left =
        db.write(
            h ->
                h.createQuery(
                        """
                        UPDATE faults SET fired = fired + 1, remaining = remaining - 1
                        WHERE store_id = ? AND id = ? AND remaining > 0
                        RETURNING remaining""")
                    .bind(0, storeId)
                    .bind(1, id)
                    .mapTo(Long.class)
                    .findOne());
    return left.map(OptionalLong::of).orElse(OptionalLong.empty());
  }

  private static ApiException.NotFound notFound(String hash, long id) {
    return new ApiException.NotFound("Fault rule " + id + " not found in store " + hash + ".");
  }

  private static @Nullable Status status(ResultSet rs) throws SQLException {
    int code = rs.getInt("status");
    if (rs.wasNull()) {
      return null;
    }
    for (Status s : Status.values()) {
      if (s.code() == code) {
        return s;
      }
    }
    return Status.INTERNAL_ERROR; // written by a newer version with codes this one lacks
  }

  private static @Nullable Long longOrNull(ResultSet rs, String column) throws SQLException {
    long v = rs.getLong(column);
    return rs.wasNull() ? null : v;
  }

  private static @Nullable Double doubleOrNull(ResultSet rs, String column) throws SQLException {
    double v = rs.getDouble(column);
    return rs.wasNull() ? null : v;
  }
}
