package dev.stockroom.db;

import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.stockroom.api.Json;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import org.jdbi.v3.core.Handle;
import org.jdbi.v3.core.config.JdbiConfig;

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
    List<Hook> active = active(h, storeId);
    if (active.isEmpty()) {
      return List.of();
    }
    List<String> names = subscriptions(scope);
    List<Long> out = new ArrayList<>();
    for (Hook k : active) {
      if (names.contains(k.scope())) {
        out.add(k.id());
      }
    }
    return out;
  }

  private record Hook(long id, String scope) {}

  private record Known(List<Hook> hooks, long loadedNanos) {}

  /** How long a node trusts its copy of a store's active hooks (hosted: "up to one minute"). */
  static final long TRUST_NANOS = 1_000_000_000L;

  /**
   * Each database's stores' active hooks, as last read. Most writes go to stores without hooks:
   * this saves their query (a product with 12 variants emits 13 events). The webhooks feature drops
   * a store's entry when its hooks change ({@link #hooksChanged}); other nodes see the change
   * within {@link #TRUST_NANOS}, well inside the hosted API's own delay before a new hook gets
   * deliveries. A configuration of the database's {@code Jdbi}, shared by its handles (see {@link
   * #createCopy}), so databases in one JVM (under test) never mix, and read without a lock (on
   * PostgreSQL writes run on the requests' virtual threads).
   */
  public static final class KnownHooks implements JdbiConfig<KnownHooks> {
    private final ConcurrentHashMap<Long, Known> stores;

    /** The instance a {@code Jdbi} creates for itself. */
    public KnownHooks() {
      this(new ConcurrentHashMap<>());
    }

    private KnownHooks(ConcurrentHashMap<Long, Known> stores) {
      this.stores = stores;
    }

    @Override
    public KnownHooks createCopy() {
      return new KnownHooks(stores);
    }
  }

  private static List<Hook> active(Handle h, long storeId) {
    Map<Long, Known> stores = h.getConfig(KnownHooks.class).stores;
    Known k = stores.get(storeId);
    long now = System.nanoTime();
    if (k != null && now - k.loadedNanos() < TRUST_NANOS) {
      return k.hooks();
    }
    List<Hook> hooks =
        h.createQuery(
                "SELECT id, scope FROM webhooks WHERE store_id = ? AND is_active = 1 ORDER BY id")
            .bind(0, storeId)
            .map((rs, ctx) -> new Hook(rs.getLong(1), rs.getString(2)))
            .list();
    stores.put(storeId, new Known(hooks, now));
    return hooks;
  }

  /**
   * A store's hooks changed in {@code h}'s transaction: forget them now and again once it commits,
   * so that this node's next write reads them afresh.
   */
  public static void hooksChanged(Handle h, long storeId) {
    Runnable forget = () -> h.getConfig(KnownHooks.class).stores.remove(storeId);
    forget.run();
    h.afterCommit(forget);
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
