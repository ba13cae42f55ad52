package dev.stockroom.orders;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.stockroom.api.ApiException;
import dev.stockroom.api.Dates;
import dev.stockroom.api.Json;
import dev.stockroom.api.Paging;
import dev.stockroom.customers.CustomerStore;
import dev.stockroom.db.Database;
import dev.stockroom.db.Events;
import dev.stockroom.db.Watermarks;
import dev.stockroom.tenancy.Tenant;
import java.time.Clock;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.jdbi.v3.core.Handle;
import org.jdbi.v3.core.HandleCallback;
import org.jspecify.annotations.Nullable;

/**
 * SQL for orders: the document and its filter columns, its lines and addresses, and the stock it
 * holds, all changed in one transaction per request.
 */
public final class OrderStore {
  static final String TABLE = "orders";

  private final Database db;
  private final Clock clock;
  private final Watermarks marks;

  public OrderStore(Database db, Clock clock) {
    this.db = db;
    this.clock = clock;
    this.marks = new Watermarks(db.dialect());
  }

  /**
   * Runs a write of the store's orders and then moves its orders watermark to {@code now} (the
   * write's date_modified), so that polls see it; every write of an order goes through here.
   */
  <T> T commit(long storeId, long now, HandleCallback<T, RuntimeException> work) {
    T result = db.write(work);
    marks.touched(storeId, TABLE, now);
    return result;
  }

  /**
   * The newest date_modified of the store's orders without a query, when this node can know it
   * (SQLite); empty on PostgreSQL, where other nodes may write.
   */
  Optional<Long> newest(Tenant t) {
    return marks.newest(
        t.id(),
        TABLE,
        () ->
            db.read(
                h ->
                    h.createQuery(
                            "SELECT COALESCE(MAX(date_modified), 0) FROM orders WHERE store_id = ?")
                        .bind(0, t.id())
                        .mapTo(Long.class)
                        .one()));
  }

  /** An order row: its document, whether it holds stock, and its date_modified. */
  record Row(ObjectNode doc, boolean held, long modified) {}

  static ApiException.NotFound notFound() {
    return new ApiException.NotFound("The requested resource was not found.");
  }

  long now() {
    return clock.millis() / 1000 * 1000; // v2 dates are served to the second: filter on the same
  }

  static Optional<Row> row(Handle h, long storeId, long id) {
    return h.createQuery(
            "SELECT doc, stock_held, date_modified FROM orders WHERE store_id = ? AND id = ?")
        .bind(0, storeId)
        .bind(1, id)
        .map(
            (rs, ctx) ->
                new Row((ObjectNode) Json.tree(rs.getString(1)), rs.getInt(2) == 1, rs.getLong(3)))
        .findOne();
  }

  /** A customer_id other than 0 (a guest) must name a customer of the store. */
  static void checkCustomer(Handle h, long storeId, JsonNode in, Map<String, String> errors) {
    long customer = in.path("customer_id").asLong(0);
    if (customer > 0 && !CustomerStore.exists(h, storeId, customer)) {
      errors.put(
          "customer_id",
          "names no customer of this store: send the id of an existing customer, or 0 for a guest");
    }
  }

  /** 404 unless the order exists (sub-resources of an unknown order). */
  static void require(Handle h, long storeId, long id) {
    if (row(h, storeId, id).isEmpty()) {
      throw notFound();
    }
  }

  /** The order, locked until commit on PostgreSQL (writers of one order queue); 404 when none. */
  static Row lockedRow(Handle h, long storeId, long id) {
    Database.lock(h, TABLE, storeId, List.of(id), false);
    return row(h, storeId, id).orElseThrow(OrderStore::notFound);
  }

  Row get(Tenant t, long id) {
    return db.read(h -> row(h, t.id(), id)).orElseThrow(OrderStore::notFound);
  }

  ObjectNode create(Tenant t, ObjectNode in) {
    long now = now();
    return commit(
        t.id(),
        now,
        h -> {
          long storeId = t.id();
          Map<String, String> errors = new LinkedHashMap<>();
          checkCustomer(h, storeId, in, errors);
          List<Line> lines = new ArrayList<>();
          JsonNode items = in.path("products");
          for (int i = 0; i < items.size(); i++) {
            Line l =
                Lines.resolve(
                    h, storeId, 0, 0, (ObjectNode) items.get(i), "products." + i + ".", errors);
            if (l != null) {
              lines.add(l);
            }
          }
          OrderInput.fail(errors);
          boolean held = OrderStatus.holdsStock(in.path("status_id").asLong(OrderStatus.PENDING));
          if (held) {
            // Before anything else is written: only the product locks order concurrent orders
            // (taking the order id first would serialise them on the id sequence instead).
            Stock.take(
                h,
                storeId,
                lines.stream().map(l -> new Stock.Claim(l, l.quantity())).toList(),
                now);
          }
          long id = Database.nextId(h, storeId, TABLE);
          lines.forEach(l -> l.doc.put("order_id", id));
          ObjectNode d = Order.create(id, in, now);
          Order.money(d, in, lines, true);
          List<ObjectNode> addresses = new ArrayList<>();
          JsonNode given = in.path("shipping_addresses");
          for (int i = 0; i < given.size(); i++) {
            addresses.add(Addresses.insert(h, storeId, id, (ObjectNode) given.get(i), d, i == 0));
          }
          for (Line l : lines) {
            l.doc.put(
                "order_address_id", addresses.isEmpty() ? 0 : addresses.get(0).path("id").asLong());
            Lines.insert(h, storeId, l);
          }
          Addresses.count(h, storeId, addresses, lines);
          d.put("shipping_address_count", addresses.size());
          insert(h, storeId, d, now, held);
          Events.emit(h, storeId, now, "store/order/created", id);
          return d;
        });
  }

  ObjectNode update(Tenant t, long id, ObjectNode in) {
    long now = now();
    return commit(
        t.id(),
        now,
        h -> {
          long storeId = t.id();
          Row r = lockedRow(h, storeId, id);
          ObjectNode d = r.doc();
          long statusBefore = d.path("status_id").asLong();
          Map<String, String> customerErrors = new LinkedHashMap<>();
          checkCustomer(h, storeId, in, customerErrors);
          OrderInput.fail(customerErrors);
          List<Line> lines = Lines.of(h, storeId, id);
          long status =
              in.has("status_id") ? in.get("status_id").asLong() : d.path("status_id").asLong();
          boolean willHold = OrderStatus.holdsStock(status);
          if (r.held() && !willHold) {
            Stock.giveBack(h, storeId, lines, now);
          }
          List<Line> added = new ArrayList<>();
          List<Stock.Claim> claims = new ArrayList<>();
          boolean linesChanged = false;
          if (in.has("products")) {
            linesChanged = LineChange.all(h, storeId, id, lines, in.get("products"), added, claims);
          }
          if (r.held() && willHold) {
            Stock.take(h, storeId, claims, now);
          } else if (!r.held() && willHold) {
            List<Stock.Claim> all = new ArrayList<>();
            for (Line l : lines) {
              all.add(new Stock.Claim(l, l.quantity()));
            }
            added.forEach(l -> all.add(new Stock.Claim(l, l.quantity())));
            Stock.take(h, storeId, all, now);
          }
          List<ObjectNode> addresses = Addresses.of(h, storeId, id);
          if (in.has("shipping_addresses") && !in.get("shipping_addresses").isEmpty()) {
            ObjectNode a = (ObjectNode) in.get("shipping_addresses").get(0);
            if (addresses.isEmpty()) {
              addresses.add(Addresses.insert(h, storeId, id, a, d, true));
              d.put("shipping_address_count", 1);
            } else {
              Addresses.merge(addresses.get(0), a);
              Addresses.write(h, storeId, addresses.get(0));
            }
          }
          long addressId = addresses.isEmpty() ? 0 : addresses.get(0).path("id").asLong();
          for (Line l : lines) {
            if (l.doc.path("order_address_id").asLong() == 0 && addressId != 0) {
              l.doc.put("order_address_id", addressId);
            }
            Lines.update(h, storeId, l);
          }
          for (Line l : added) {
            l.doc.put("order_address_id", addressId);
            Lines.insert(h, storeId, l);
          }
          lines.addAll(added);
          Addresses.count(h, storeId, addresses, lines);
          Order.apply(d, in);
          if (linesChanged || Order.touchesMoney(in)) {
            Order.money(d, in, lines, linesChanged);
          }
          d.put("date_modified", dev.stockroom.api.V2.date(now));
          write(h, storeId, d, now, willHold);
          changed(h, storeId, now, id, statusBefore, d.path("status_id").asLong());
          return d;
        });
  }

  private static final String COLUMNS =
      "customer_id, status_id, email, cart_id, payment_method, total_inc_tax, date_created,"
          + " date_modified, is_deleted, channel_id, external_id, stock_held, doc";

  private static void insert(Handle h, long storeId, ObjectNode d, long now, boolean held) {
    bind(
        h.createUpdate(
            "INSERT INTO orders ("
                + COLUMNS
                + ", store_id, id) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)"),
        storeId,
        d,
        now,
        held);
  }

  static void write(Handle h, long storeId, ObjectNode d, long now, boolean held) {
    bind(
        h.createUpdate(
            "UPDATE orders SET ("
                + COLUMNS
                + ") = (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?) WHERE store_id = ? AND id = ?"),
        storeId,
        d,
        now,
        held);
  }

  /** The filter columns from the document, then the key. */
  private static void bind(
      org.jdbi.v3.core.statement.Update u, long storeId, ObjectNode d, long now, boolean held) {
    u.bind(0, d.path("customer_id").asLong())
        .bind(1, d.path("status_id").asLong())
        .bind(
            2,
            d.path("billing_address").path("email").asText("").toLowerCase(java.util.Locale.ROOT))
        .bind(3, d.path("cart_id").asText(""))
        .bind(4, d.path("payment_method").asText(""))
        .bind(5, Order.totalUnits(d))
        .bind(6, Dates.parse(d.path("date_created").asText()))
        .bind(7, now)
        .bind(8, d.path("is_deleted").asBoolean() ? 1 : 0)
        .bind(9, d.path("channel_id").asLong())
        .bind(10, externalId(d))
        .bind(11, held ? 1 : 0)
        .bind(12, Json.text(d))
        .bind(13, storeId)
        .bind(14, d.path("id").asLong())
        .execute();
  }

  private static @Nullable String externalId(ObjectNode d) {
    JsonNode e = d.path("external_id");
    return e.isTextual() ? e.asText() : null;
  }

  /** contract: orders.v2 — DELETE archives (is_deleted=true); stock stays taken. */
  void archive(Tenant t, long id) {
    long now = now();
    commit(
        t.id(),
        now,
        h -> {
          archive(h, t.id(), lockedRow(h, t.id(), id), now);
          return null;
        });
  }

  private static void archive(Handle h, long storeId, Row r, long now) {
    ObjectNode d = r.doc();
    if (!d.path("is_deleted").asBoolean()) {
      d.put("is_deleted", true);
      d.put("date_modified", dev.stockroom.api.V2.date(now));
      write(h, storeId, d, now, r.held());
      Events.emit(h, storeId, now, "store/order/archived", d.path("id").asLong());
    }
  }

  /**
   * store/order/updated, and store/order/statusUpdated with {@code status: {previous_status_id,
   * new_status_id}} when the status moved (spec-digest §7).
   */
  static void changed(Handle h, long storeId, long now, long orderId, long before, long after) {
    Events.emit(h, storeId, now, "store/order/updated", orderId);
    if (before != after) {
      ObjectNode data = Events.data("store/order/statusUpdated", orderId);
      data.putObject("status").put("previous_status_id", before).put("new_status_id", after);
      Events.emit(h, storeId, now, "store/order/statusUpdated", data);
    }
  }

  /** contract: orders.v2 — DELETE /orders archives every order, in one transaction. */
  void archiveAll(Tenant t) {
    long now = now();
    commit(
        t.id(),
        now,
        h -> {
          List<Long> ids =
              h.createQuery(
                      "SELECT id FROM orders WHERE store_id = ? AND is_deleted = 0 ORDER BY id")
                  .bind(0, t.id())
                  .mapTo(Long.class)
                  .list();
          Database.lock(h, TABLE, t.id(), ids, false);
          for (long id : ids) {
            row(h, t.id(), id).ifPresent(r -> archive(h, t.id(), r, now));
          }
          return null;
        });
  }

  /** A page of orders matching {@code where} (SQL over the columns, with its binds). */
  List<ObjectNode> page(Tenant t, String where, List<Object> binds, String orderBy, Paging paging) {
    return db.read(
        h -> {
          var q =
              h.createQuery(
                  "SELECT doc FROM orders WHERE store_id = ?"
                      + where
                      + " ORDER BY "
                      + orderBy
                      + " LIMIT "
                      + paging.limit()
                      + " OFFSET "
                      + paging.offset());
          q.bind(0, t.id());
          for (int i = 0; i < binds.size(); i++) {
            q.bind(i + 1, binds.get(i));
          }
          return q.map((rs, ctx) -> (ObjectNode) Json.tree(rs.getString(1))).list();
        });
  }

  /** {@code ordersCount_Full}: every status with its count (archived orders not counted). */
  ObjectNode count(Tenant t) {
    Map<Long, Long> counts = new HashMap<>();
    db.read(
        h ->
            h.createQuery(
                    "SELECT status_id, COUNT(*) FROM orders WHERE store_id = ? AND is_deleted = 0"
                        + " GROUP BY status_id")
                .bind(0, t.id())
                .map((rs, ctx) -> counts.put(rs.getLong(1), rs.getLong(2)))
                .list());
    ObjectNode out = Json.MAPPER.createObjectNode();
    ArrayNode statuses = out.putArray("statuses");
    long total = 0;
    List<OrderStatus> sorted = new ArrayList<>(OrderStatus.ALL);
    sorted.sort(java.util.Comparator.comparingInt(OrderStatus::sortOrder));
    for (OrderStatus s : sorted) {
      ObjectNode o = s.json();
      o.remove("order");
      long n = counts.getOrDefault((long) s.id(), 0L);
      o.put("count", n);
      o.put("sort_order", s.sortOrder());
      statuses.add(o);
      total += n;
    }
    out.put("count", total);
    return out;
  }

  /** The lines of an order (404 when the order is unknown). */
  List<ObjectNode> lines(Tenant t, long orderId) {
    return db.read(
        h -> {
          require(h, t.id(), orderId);
          return Lines.of(h, t.id(), orderId).stream().map(l -> l.doc).toList();
        });
  }

  List<ObjectNode> addresses(Tenant t, long orderId) {
    return db.read(
        h -> {
          require(h, t.id(), orderId);
          return Addresses.of(h, t.id(), orderId);
        });
  }

  /** Updates a shipping address; "will NOT trigger the recalculation of shipping cost and tax". */
  ObjectNode updateAddress(Tenant t, long orderId, long id, ObjectNode in) {
    long now = now();
    return commit(
        t.id(),
        now,
        h -> {
          Row r = lockedRow(h, t.id(), orderId);
          ObjectNode a =
              Addresses.of(h, t.id(), orderId).stream()
                  .filter(x -> x.path("id").asLong() == id)
                  .findFirst()
                  .orElseThrow(OrderStore::notFound);
          Addresses.merge(a, in);
          Addresses.write(h, t.id(), a);
          r.doc().put("date_modified", dev.stockroom.api.V2.date(now));
          write(h, t.id(), r.doc(), now, r.held());
          long status = r.doc().path("status_id").asLong();
          changed(h, t.id(), now, orderId, status, status);
          return a;
        });
  }
}
