package dev.stockroom.webhooks;

import dev.stockroom.api.ApiException;
import dev.stockroom.api.Json;
import dev.stockroom.db.Database;
import dev.stockroom.db.Events;
import dev.stockroom.tenancy.Tenant;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Clock;
import java.util.List;
import java.util.Map;
import org.jdbi.v3.core.Handle;
import org.jspecify.annotations.Nullable;

/**
 * The webhooks of each store. A hook belongs to the API account (client id) that created it: other
 * accounts of the same store neither list nor reach it (webhooks.v3: "the client_id used to
 * authenticate the request").
 */
final class WebhookStore {
  private static final String COLUMNS =
      "id, client_id, scope, destination, is_active, headers, created_at, updated_at";

  private final Database db;
  private final Clock clock;

  WebhookStore(Database db, Clock clock) {
    this.db = db;
    this.clock = clock;
  }

  Webhook create(Tenant t, String clientId, Webhook.Input in) {
    long now = clock.millis() / 1000;
    return db.write(
        h -> {
          long id = Database.nextId(h, t.id(), "webhook");
          h.createUpdate(
                  """
                  INSERT INTO webhooks (store_id, id, client_id, scope, destination, is_active, headers,
                    created_at, updated_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)""")
              .bind(0, t.id())
              .bind(1, id)
              .bind(2, clientId)
              .bind(3, in.scope())
              .bind(4, in.destination())
              .bind(5, in.active() == null || in.active() ? 1 : 0)
              .bind(6, in.headers() == null ? null : Json.text(in.headers()))
              .bind(7, now)
              .bind(8, now)
              .execute();
          Events.hooksChanged(h, t.id());
          return find(h, t, clientId, id);
        });
  }

  /** The hooks of {@code clientId}, or of every account when it is null (control plane). */
  List<Webhook> list(Tenant t, @Nullable String clientId, long offset, int limit) {
    return db.read(
        h ->
            h.createQuery(
                    "SELECT "
                        + COLUMNS
                        + " FROM webhooks WHERE store_id = :s"
                        + (clientId == null ? "" : " AND client_id = :c")
                        + " ORDER BY id LIMIT :limit OFFSET :offset")
                .bind("s", t.id())
                .bind("c", clientId)
                .bind("limit", limit)
                .bind("offset", offset)
                .map((rs, ctx) -> row(rs, t.hash()))
                .list());
  }

  long count(Tenant t, String clientId) {
    return db.read(
        h ->
            h.createQuery("SELECT COUNT(*) FROM webhooks WHERE store_id = ? AND client_id = ?")
                .bind(0, t.id())
                .bind(1, clientId)
                .mapTo(Long.class)
                .one());
  }

  Webhook get(Tenant t, @Nullable String clientId, long id) {
    return db.read(h -> find(h, t, clientId, id));
  }

  Webhook update(Tenant t, String clientId, long id, Webhook.Input in) {
    long now = clock.millis() / 1000;
    return db.write(
        h -> {
          Webhook old = find(h, t, clientId, id);
          Map<String, String> headers = in.headersGiven() ? in.headers() : old.headers();
          boolean active = in.active() == null ? old.active() : in.active();
          h.createUpdate(
                  """
                  UPDATE webhooks SET scope = ?, destination = ?, is_active = ?, headers = ?, updated_at = ?
                  WHERE store_id = ? AND id = ?""")
              .bind(0, in.scope() == null ? old.scope() : in.scope())
              .bind(1, in.destination() == null ? old.destination() : in.destination())
              .bind(2, active ? 1 : 0)
              .bind(3, headers == null ? null : Json.text(headers))
              .bind(4, now)
              .bind(5, t.id())
              .bind(6, id)
              .execute();
          if (!active) {
            DeliveryStore.abandon(h, t.id(), id);
          }
          Events.hooksChanged(h, t.id());
          return find(h, t, clientId, id);
        });
  }

  /** Deletes the hook and its pending deliveries; returns it (webhooks.v3 DELETE answers 200). */
  Webhook delete(Tenant t, String clientId, long id) {
    return db.write(
        h -> {
          Webhook old = find(h, t, clientId, id);
          h.createUpdate("DELETE FROM webhooks WHERE store_id = ? AND id = ?")
              .bind(0, t.id())
              .bind(1, id)
              .execute();
          DeliveryStore.abandon(h, t.id(), id);
          Events.hooksChanged(h, t.id());
          return old;
        });
  }

  /**
   * An API account was revoked: its hooks go with it, as the hosted API deletes an app's webhooks
   * when the app is uninstalled (spec-digest §7), and their pending deliveries are dropped.
   */
  static void deleteForClient(Handle h, long storeId, String clientId) {
    List<Long> ids =
        h.createQuery("SELECT id FROM webhooks WHERE store_id = ? AND client_id = ?")
            .bind(0, storeId)
            .bind(1, clientId)
            .mapTo(Long.class)
            .list();
    for (long id : ids) {
      DeliveryStore.abandon(h, storeId, id);
    }
    h.createUpdate("DELETE FROM webhooks WHERE store_id = ? AND client_id = ?")
        .bind(0, storeId)
        .bind(1, clientId)
        .execute();
    Events.hooksChanged(h, storeId);
  }

  private static Webhook find(Handle h, Tenant t, @Nullable String clientId, long id) {
    return h.createQuery(
            "SELECT "
                + COLUMNS
                + " FROM webhooks WHERE store_id = :s AND id = :id"
                + (clientId == null ? "" : " AND client_id = :c"))
        .bind("s", t.id())
        .bind("id", id)
        .bind("c", clientId)
        .map((rs, ctx) -> row(rs, t.hash()))
        .findOne()
        .orElseThrow(() -> new ApiException.NotFound("Webhook " + id + " not found."));
  }

  static Webhook row(ResultSet rs, String storeHash) throws SQLException {
    String headers = rs.getString("headers");
    return new Webhook(
        rs.getLong("id"),
        rs.getString("client_id"),
        storeHash,
        rs.getString("scope"),
        rs.getString("destination"),
        rs.getInt("is_active") == 1,
        Webhook.headers(headers),
        rs.getLong("created_at"),
        rs.getLong("updated_at"));
  }
}
