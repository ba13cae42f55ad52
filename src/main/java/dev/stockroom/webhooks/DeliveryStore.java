package dev.stockroom.webhooks;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.stockroom.db.Database;
import java.util.ArrayList;
import java.util.List;
import org.jdbi.v3.core.Handle;
import org.jspecify.annotations.Nullable;

/**
 * The outbox rows ({@code webhook_deliveries}, written by {@link dev.stockroom.db.Events}) and the
 * attempt log. A node claims due rows with a lease, so that one node sends each attempt; a node
 * that dies mid-send lets its lease run out and the row is sent again (at-least-once, same hash).
 */
final class DeliveryStore {
  /** contract: spec-digest §7 — seconds between an attempt and the next, eleven retries. */
  static final long[] RETRY_SECONDS = {
    60, 180, 300, 600, 900, 1800, 3600, 7200, 21600, 50400, 86400
  };

  /** Attempts kept per hook in the log. */
  static final int LOG_SIZE = 1000;

  /** A claimed delivery with what sending it needs; destination is null when the hook is gone. */
  record Due(
      long storeId,
      long id,
      long hookId,
      String scope,
      String data,
      long createdAt,
      int attempts,
      String storeHash,
      @Nullable String destination,
      @Nullable String headers,
      boolean active) {}

  private final Database db;
  private final double retryScale;

  DeliveryStore(Database db, double retryScale) {
    this.db = db;
    this.retryScale = retryScale;
  }

  /** Leases up to {@code max} due deliveries until {@code leaseUntil}. */
  List<Due> claim(long now, long leaseUntil, int max) {
    boolean anyDue =
        db.read(
            h ->
                h.createQuery(
                        "SELECT 1 FROM webhook_deliveries WHERE state = 'pending' AND next_at <= ?"
                            + " AND lease_until <= ? LIMIT 1")
                    .bind(0, now)
                    .bind(1, now)
                    .mapTo(Integer.class)
                    .findOne()
                    .isPresent());
    if (!anyDue || max <= 0) {
      return List.of();
    }
    String lock = db.dialect() == Database.Dialect.POSTGRES ? " FOR UPDATE SKIP LOCKED" : "";
    return db.write(
        h -> {
          List<long[]> keys =
              h.createQuery(
                      """
                      UPDATE webhook_deliveries SET lease_until = ? WHERE (store_id, id) IN (
                        SELECT store_id, id FROM webhook_deliveries
                        WHERE state = 'pending' AND next_at <= ? AND lease_until <= ?
                        ORDER BY next_at, id LIMIT ?"""
                          + lock
                          + ") RETURNING store_id, id")
                  .bind(0, leaseUntil)
                  .bind(1, now)
                  .bind(2, now)
                  .bind(3, max)
                  .map((rs, ctx) -> new long[] {rs.getLong(1), rs.getLong(2)})
                  .list();
          List<Due> out = new ArrayList<>();
          for (long[] k : keys) {
            out.add(load(h, k[0], k[1]));
          }
          return out;
        });
  }

  private static Due load(Handle h, long storeId, long id) {
    return h.createQuery(
            """
            SELECT d.store_id, d.id, d.hook_id, d.scope, d.data, d.created_at, d.attempts, s.store_hash,
              w.destination, w.headers, w.is_active
            FROM webhook_deliveries d JOIN stores s ON s.id = d.store_id
            LEFT JOIN webhooks w ON w.store_id = d.store_id AND w.id = d.hook_id
            WHERE d.store_id = ? AND d.id = ?""")
        .bind(0, storeId)
        .bind(1, id)
        .map(
            (rs, ctx) ->
                new Due(
                    rs.getLong(1),
                    rs.getLong(2),
                    rs.getLong(3),
                    rs.getString(4),
                    rs.getString(5),
                    rs.getLong(6),
                    rs.getInt(7),
                    rs.getString(8),
                    rs.getString(9),
                    rs.getString(10),
                    rs.getInt(11) == 1))
        .one();
  }

  /**
   * Records one attempt and what follows: delivered (the row goes), a retry on the schedule, or,
   * after the last retry, the hook deactivated ({@code is_active: false}) as the hosted API does.
   */
  void record(Due d, String hash, long at, Sender.Outcome o, long now) {
    int attempt = d.attempts() + 1;
    Long next =
        o.delivered() || attempt > RETRY_SECONDS.length
            ? null
            : now + Math.round(RETRY_SECONDS[attempt - 1] * 1000 * retryScale);
    db.write(
        h -> {
          h.createUpdate(
                  """
                  INSERT INTO webhook_attempts (store_id, hook_id, delivery_id, attempt, scope, hash, at,
                    status, latency_ms, error, next_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)""")
              .bind(0, d.storeId())
              .bind(1, d.hookId())
              .bind(2, d.id())
              .bind(3, attempt)
              .bind(4, d.scope())
              .bind(5, hash)
              .bind(6, at)
              .bind(7, o.status())
              .bind(8, o.latencyMs())
              .bind(9, o.error())
              .bind(10, next)
              .execute();
          prune(h, d.storeId(), d.hookId());
          if (o.delivered()) {
            delete(h, d);
          } else if (next != null) {
            h.createUpdate(
                    "UPDATE webhook_deliveries SET attempts = ?, next_at = ?, lease_until = 0"
                        + " WHERE store_id = ? AND id = ?")
                .bind(0, attempt)
                .bind(1, next)
                .bind(2, d.storeId())
                .bind(3, d.id())
                .execute();
          } else {
            h.createUpdate(
                    "UPDATE webhook_deliveries SET attempts = ?, state = 'failed', lease_until = 0"
                        + " WHERE store_id = ? AND id = ?")
                .bind(0, attempt)
                .bind(1, d.storeId())
                .bind(2, d.id())
                .execute();
            h.createUpdate(
                    "UPDATE webhooks SET is_active = 0, updated_at = ? WHERE store_id = ? AND id = ?")
                .bind(0, now / 1000)
                .bind(1, d.storeId())
                .bind(2, d.hookId())
                .execute();
            abandon(h, d.storeId(), d.hookId());
            dev.stockroom.db.Events.hooksChanged(h, d.storeId());
          }
          return null;
        });
  }

  /** A delivery whose hook was deleted or deactivated before it went: it is not sent. */
  void drop(Due d) {
    db.write(
        h -> {
          h.createUpdate(
                  "UPDATE webhook_deliveries SET state = 'abandoned', lease_until = 0"
                      + " WHERE store_id = ? AND id = ?")
              .bind(0, d.storeId())
              .bind(1, d.id())
              .execute();
          return null;
        });
  }

  /** Puts a delivery back until {@code until} without counting an attempt (a blocked domain). */
  void postpone(Due d, long until) {
    db.write(
        h ->
            h.createUpdate(
                    "UPDATE webhook_deliveries SET next_at = ?, lease_until = 0"
                        + " WHERE store_id = ? AND id = ?")
                .bind(0, until)
                .bind(1, d.storeId())
                .bind(2, d.id())
                .execute());
  }

  private static void delete(Handle h, Due d) {
    h.createUpdate("DELETE FROM webhook_deliveries WHERE store_id = ? AND id = ?")
        .bind(0, d.storeId())
        .bind(1, d.id())
        .execute();
  }

  /** The hook's pending deliveries will not be sent (it was deactivated or deleted). */
  static void abandon(Handle h, long storeId, long hookId) {
    h.createUpdate(
            "UPDATE webhook_deliveries SET state = 'abandoned' WHERE store_id = ? AND hook_id = ?"
                + " AND state = 'pending'")
        .bind(0, storeId)
        .bind(1, hookId)
        .execute();
  }

  private static void prune(Handle h, long storeId, long hookId) {
    h.createUpdate(
            """
            DELETE FROM webhook_attempts WHERE store_id = ? AND hook_id = ? AND at < (
              SELECT at FROM webhook_attempts WHERE store_id = ? AND hook_id = ?
              ORDER BY at DESC LIMIT 1 OFFSET ?)""")
        .bind(0, storeId)
        .bind(1, hookId)
        .bind(2, storeId)
        .bind(3, hookId)
        .bind(4, LOG_SIZE - 1)
        .execute();
  }

  /**
   * Pending deliveries of a store (or one hook) become due now, including any a node that died was
   * holding (a developer's "send it now"; at worst a duplicate, which receivers expect). Returns
   * how many.
   */
  int retryNow(long storeId, @Nullable Long hookId, long now) {
    return db.write(
        h ->
            h.createUpdate(
                    "UPDATE webhook_deliveries SET next_at = :now, lease_until = 0 WHERE store_id = :s"
                        + " AND state = 'pending' AND (next_at > :now OR lease_until > :now)"
                        + (hookId == null ? "" : " AND hook_id = :hook"))
                .bind("now", now)
                .bind("s", storeId)
                .bind("hook", hookId)
                .execute());
  }

  /** Pending and failed deliveries of one hook: {pending, failed}. */
  long[] backlog(long storeId, long hookId) {
    return db.read(
        h -> {
          long[] out = new long[2];
          h.createQuery(
                  "SELECT state, COUNT(*) FROM webhook_deliveries WHERE store_id = ? AND hook_id = ?"
                      + " AND state IN ('pending', 'failed') GROUP BY state")
              .bind(0, storeId)
              .bind(1, hookId)
              .map((rs, ctx) -> new Object[] {rs.getString(1), rs.getLong(2)})
              .forEach(r -> out[r[0].equals("pending") ? 0 : 1] = (Long) r[1]);
          return out;
        });
  }

  /** The newest {@code limit} attempts of one hook, newest first. */
  ArrayNode attempts(long storeId, long hookId, int limit) {
    ArrayNode out = JsonNodeFactory.instance.arrayNode();
    db.read(
        h ->
            h.createQuery(
                    """
                    SELECT delivery_id, attempt, scope, hash, at, status, latency_ms, error, next_at
                    FROM webhook_attempts WHERE store_id = ? AND hook_id = ?
                    ORDER BY at DESC, delivery_id DESC, attempt DESC LIMIT ?""")
                .bind(0, storeId)
                .bind(1, hookId)
                .bind(2, limit)
                .map(
                    (rs, ctx) -> {
                      ObjectNode o = out.addObject();
                      o.put("delivery_id", rs.getLong(1));
                      o.put("attempt", rs.getInt(2));
                      o.put("scope", rs.getString(3));
                      o.put("hash", rs.getString(4));
                      o.put("at", java.time.Instant.ofEpochMilli(rs.getLong(5)).toString());
                      o.put("at_ms", rs.getLong(5));
                      int status = rs.getInt(6);
                      if (status == 0) {
                        o.putNull("status");
                      } else {
                        o.put("status", status);
                      }
                      o.put("latency_ms", rs.getLong(7));
                      o.put("error", rs.getString(8));
                      long next = rs.getLong(9);
                      if (rs.wasNull()) {
                        o.putNull("next_attempt_at");
                      } else {
                        o.put("next_attempt_at", java.time.Instant.ofEpochMilli(next).toString());
                      }
                      return o;
                    })
                .list());
    return out;
  }
}
