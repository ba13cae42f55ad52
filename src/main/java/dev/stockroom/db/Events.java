package dev.stockroom.db;

import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.stockroom.api.Json;
import java.util.ArrayList;
import java.util.List;
import org.jdbi.v3.core.Handle;

/**
 * The webhook outbox, written by every feature inside the transaction of the change it reports
 * ({@code store/product/updated} commits with the product or not at all), so no event is lost to a
 * crash. Each event becomes one pending delivery per active hook whose scope matches it (the event
 * itself or a wildcard above it, such as {@code store/product/*}); with no such hook it costs one
 * indexed query and writes nothing.
 */
public final class Events {
  private Events() {}

  /** Emits {@code scope} with the light payload {@code {type, id}}. */
  public static void emit(Handle h, long storeId, long nowMs, String scope, long id) {
    emit(h, storeId, nowMs, scope, data(scope, id));
  }

  /** Emits {@code scope} once for each id (a batch write or a collection delete). */
  public static void emitEach(Handle h, long storeId, long nowMs, String scope, List<Long> ids) {
    if (ids.isEmpty()) {
      return;
    }
    List<Long> hooks = hooksFor(h, storeId, scope);
    for (long id : ids) {
      queue(h, storeId, nowMs, scope, data(scope, id), hooks);
    }
  }

  /** Emits {@code scope} with {@code data}, which must hold {@code type} and usually {@code id}. */
  public static void emit(Handle h, long storeId, long nowMs, String scope, ObjectNode data) {
    queue(h, storeId, nowMs, scope, data, hooksFor(h, storeId, scope));
  }

  /** {@code {type, id}}, the type being the scope's second part ({@code store/sku/…} → sku). */
  public static ObjectNode data(String scope, long id) {
    ObjectNode d = JsonNodeFactory.instance.objectNode();
    String[] parts = scope.split("/");
    d.put("type", parts.length > 1 ? parts[1] : scope);
    d.put("id", id);
    return d;
  }

  private static void queue(
      Handle h, long storeId, long nowMs, String scope, ObjectNode data, List<Long> hooks) {
    if (hooks.isEmpty()) {
      return;
    }
    long first = Database.nextIds(h, storeId, "webhook_delivery", hooks.size());
    String text = Json.text(data);
    var batch =
        h.prepareBatch(
            """
            INSERT INTO webhook_deliveries (store_id, id, hook_id, scope, data, created_at, attempts,
              state, next_at, lease_until) VALUES (?, ?, ?, ?, ?, ?, 0, 'pending', ?, 0)""");
    for (int i = 0; i < hooks.size(); i++) {
      batch
          .bind(0, storeId)
          .bind(1, first + i)
          .bind(2, hooks.get(i))
          .bind(3, scope)
          .bind(4, text)
          .bind(5, nowMs)
          .bind(6, nowMs)
          .add();
    }
    batch.execute();
  }

  /** The active hooks subscribed to {@code scope} directly or through a wildcard above it. */
  private static List<Long> hooksFor(Handle h, long storeId, String scope) {
    List<String> names = subscriptions(scope);
    var q =
        h.createQuery(
            "SELECT id FROM webhooks WHERE store_id = ? AND is_active = 1 AND scope IN ("
                + String.join(", ", java.util.Collections.nCopies(names.size(), "?"))
                + ") ORDER BY id");
    q.bind(0, storeId);
    for (int i = 0; i < names.size(); i++) {
      q.bind(i + 1, names.get(i));
    }
    return q.mapTo(Long.class).list();
  }

  /**
   * The subscriptions that receive {@code scope}: itself and each wildcard above it ({@code
   * store/cart/lineItem/created} → {@code store/cart/lineItem/*}, {@code store/cart/*}, {@code
   * store/*}).
   */
  public static List<String> subscriptions(String scope) {
    List<String> out = new ArrayList<>();
    out.add(scope);
    for (int i = scope.lastIndexOf('/'); i > 0; i = scope.lastIndexOf('/', i - 1)) {
      out.add(scope.substring(0, i) + "/*");
    }
    return out;
  }
}
