package dev.stockroom.orders;

import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.databind.node.TextNode;
import dev.stockroom.api.ApiException;
import dev.stockroom.api.Call;
import dev.stockroom.api.Dates;
import dev.stockroom.api.Paging;
import dev.stockroom.api.Query;
import dev.stockroom.api.Reply;
import dev.stockroom.api.Router;
import dev.stockroom.api.Routes;
import dev.stockroom.api.Scheduler;
import dev.stockroom.api.V2;
import dev.stockroom.tenancy.Scopes;
import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/** {@code /v2/orders}: list, create, count, archive all; one order: get, update, archive. */
public final class OrderRoutes implements Routes {
  static final String ORDERS = "/stores/{store_hash}/v2/orders";
  static final String ORDER = ORDERS + "/{order_id}";
  private static final String STATUSES = "/stores/{store_hash}/v2/order_statuses";

  private static final Set<String> SORTS =
      Set.of(
          "id",
          "customer_id",
          "date_created",
          "date_modified",
          "status_id",
          "channel_id",
          "external_id");

  private final OrderStore store;
  private final Scheduler scheduler;

  public OrderRoutes(OrderStore store, Scheduler scheduler) {
    this.store = store;
    this.scheduler = scheduler;
  }

  @Override
  public void register(Router r) {
    r.add("GET", ORDERS, Scopes.ORDERS, this::list);
    r.add("POST", ORDERS, Scopes.ORDERS, this::create);
    r.add("DELETE", ORDERS, Scopes.ORDERS, this::archiveAll);
    r.add("GET", ORDERS + "/count", Scopes.ORDERS, c -> Reply.ok(store.count(c.tenant())));
    r.add("GET", ORDER, Scopes.ORDERS, this::get);
    r.add("PUT", ORDER, Scopes.ORDERS, this::update);
    r.add("DELETE", ORDER, Scopes.ORDERS, this::archive);
    r.add("GET", STATUSES, Scopes.ORDERS, this::statuses);
    r.add("GET", STATUSES + "/{status_id}", Scopes.ORDERS, this::status);
  }

  private Reply create(Call c) {
    ObjectNode d = store.create(c.tenant(), OrderInput.post(c.json()));
    long id = d.path("id").asLong();
    return V2.created(c, Order.render(c, d), "/orders/" + id);
  }

  private Reply get(Call c) {
    OrderStore.Row r = store.get(c.tenant(), c.id("order_id"));
    return V2.one(Order.render(c, r.doc())).header("Last-Modified", Dates.http(r.modified()));
  }

  private Reply update(Call c) {
    long id = c.id("order_id");
    ObjectNode d = store.update(c.tenant(), id, OrderInput.put(c.json()));
    return V2.one(Order.render(c, d));
  }

  private Reply archive(Call c) {
    store.archive(c.tenant(), c.id("order_id"));
    return Reply.noContent();
  }

  /** Archiving every order is always a scheduled task (202); its run archives them. */
  private Reply archiveAll(Call c) {
    if (!c.scheduledRun()) {
      long open = store.count(c.tenant()).path("count").asLong();
      return scheduler.schedule(c, "orders.archive_all", c.basePath() + "/orders", open);
    }
    store.archiveAll(c.tenant());
    return Reply.noContent();
  }

  private Reply statuses(Call c) {
    return V2.list(c, OrderStatus.ALL.stream().map(OrderStatus::json).toList());
  }

  private Reply status(Call c) {
    long id;
    try {
      id = Long.parseLong(c.param("status_id"));
    } catch (NumberFormatException e) {
      throw OrderStore.notFound();
    }
    return V2.one(OrderStatus.byId(id).orElseThrow(OrderStore::notFound).json());
  }

  /** GET /orders with the spec's filters, sort and paging; archived orders only when asked. */
  private Reply list(Call c) {
    Paging paging = V2.paging(c);
    Optional<Long> polled = c.ifModifiedSince();
    if (polled.isPresent()) {
      // A poll ("anything new since?") with nothing newer in the store is answered without a
      // query; the filters below can only narrow an empty answer further.
      Optional<Long> newest = store.newest(c.tenant());
      if (newest.isPresent() && newest.get() <= polled.get()) {
        return V2.notModified();
      }
    }
    Query q = c.query();
    StringBuilder where = new StringBuilder();
    List<Object> binds = new ArrayList<>();
    Map<String, String> columns = new HashMap<>();
    columns.put("min_id", "id >= ?");
    columns.put("max_id", "id <= ?");
    columns.put("customer_id", "customer_id = ?");
    columns.put("status_id", "status_id = ?");
    columns.put("channel_id", "channel_id = ?");
    for (String p : List.of("min_id", "max_id", "customer_id", "status_id", "channel_id")) {
      Optional<Long> v = whole(q, p);
      if (v.isPresent()) {
        where.append(" AND ").append(columns.get(p));
        binds.add(v.get());
      }
    }
    for (String p : List.of("min_total", "max_total")) {
      Optional<String> raw = q.first(p);
      if (raw.isPresent() && !raw.get().isBlank()) {
        Map<String, String> errors = new HashMap<>();
        BigDecimal d = V2.moneyInput(TextNode.valueOf(raw.get()), p, errors);
        OrderInput.fail(errors);
        where.append(p.startsWith("min") ? " AND total_inc_tax >= ?" : " AND total_inc_tax <= ?");
        binds.add(
            java.util.Objects.requireNonNull(d)
                .movePointRight(4)
                .setScale(0, java.math.RoundingMode.HALF_UP)
                .longValue());
      }
    }
    text(q, "email", "email = ?", where, binds, true);
    text(q, "cart_id", "cart_id = ?", where, binds, false);
    text(q, "payment_method", "payment_method = ?", where, binds, false);
    date(c, "min_date_created", " AND date_created >= ?", where, binds);
    date(c, "max_date_created", " AND date_created <= ?", where, binds);
    date(c, "min_date_modified", " AND date_modified >= ?", where, binds);
    date(c, "max_date_modified", " AND date_modified <= ?", where, binds);
    String deleted = q.first("is_deleted").orElse("false").trim().toLowerCase(Locale.ROOT);
    if (!deleted.equals("true") && !deleted.equals("false")) {
      throw ApiException.Invalid.field("is_deleted", "must be true or false");
    }
    where.append(" AND is_deleted = ").append(deleted.equals("true") ? 1 : 0);
    if (polled.isPresent()) {
      where.append(" AND date_modified > ?");
      binds.add(polled.get());
    }
    List<ObjectNode> docs = store.page(c.tenant(), where.toString(), binds, sort(q), paging);
    return V2.list(c, docs.stream().map(d -> Order.render(c, d)).toList());
  }

  /** {@code sort=field:asc|desc} (default id ascending); ties broken by id. */
  private static String sort(Query q) {
    Optional<String> raw = q.first("sort");
    if (raw.isEmpty() || raw.get().isBlank()) {
      return "id";
    }
    String[] parts = raw.get().trim().split(":", -1);
    String field = parts[0].trim();
    String dir = parts.length > 1 ? parts[1].trim().toLowerCase(Locale.ROOT) : "asc";
    if (!SORTS.contains(field) || parts.length > 2 || !(dir.equals("asc") || dir.equals("desc"))) {
      throw ApiException.Invalid.field(
          "sort",
          "must be field:asc or field:desc, the field one of: "
              + String.join(", ", new java.util.TreeSet<>(SORTS)));
    }
    String d = dir.toUpperCase(Locale.ROOT);
    // Orders without an external id sort as "" on both databases (NULLs order differently).
    String column = field.equals("external_id") ? "COALESCE(external_id, '')" : field;
    return field.equals("id") ? "id " + d : column + " " + d + ", id " + d;
  }

  private static Optional<Long> whole(Query q, String name) {
    Optional<String> raw = q.first(name);
    if (raw.isEmpty() || raw.get().isBlank()) {
      return Optional.empty();
    }
    try {
      long v = Long.parseLong(raw.get().trim());
      if (v < 0) {
        throw new NumberFormatException();
      }
      return Optional.of(v);
    } catch (NumberFormatException e) {
      throw ApiException.Invalid.field(name, "must be a whole number of at least 0");
    }
  }

  private static void text(
      Query q, String name, String sql, StringBuilder where, List<Object> binds, boolean lower) {
    Optional<String> raw = q.first(name);
    if (raw.isPresent() && !raw.get().isEmpty()) {
      if (raw.get().indexOf(0) >= 0 || raw.get().length() > 255) {
        throw ApiException.Invalid.field(name, "must be at most 255 characters, without NUL");
      }
      where.append(" AND ").append(sql);
      binds.add(lower ? raw.get().toLowerCase(Locale.ROOT) : raw.get());
    }
  }

  private static void date(
      Call c, String name, String sql, StringBuilder where, List<Object> binds) {
    Optional<Long> v = V2.dateParam(c, name);
    if (v.isPresent()) {
      where.append(sql);
      binds.add(v.get());
    }
  }
}
