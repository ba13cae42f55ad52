package dev.stockroom.orders;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.stockroom.api.ApiException;
import dev.stockroom.api.Json;
import dev.stockroom.api.V2;
import dev.stockroom.db.Database;
import dev.stockroom.db.Events;
import dev.stockroom.tenancy.Tenant;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.jdbi.v3.core.Handle;

/**
 * Shipments of an order: creating one ships line quantities (never more than ordered minus already
 * shipped) and moves the order to Shipped or Partially Shipped; deleting one takes them back.
 */
public final class ShipmentStore {
  static final String TABLE = "order_shipments";

  private final Database db;
  private final OrderStore orders;

  public ShipmentStore(Database db, OrderStore orders) {
    this.db = db;
    this.orders = orders;
  }

  List<ObjectNode> list(Tenant t, long orderId) {
    return db.read(
        h -> {
          OrderStore.require(h, t.id(), orderId);
          return of(h, t.id(), orderId);
        });
  }

  ObjectNode get(Tenant t, long orderId, long id) {
    return db.read(h -> find(h, t.id(), orderId, id)).orElseThrow(OrderStore::notFound);
  }

  private static List<ObjectNode> of(Handle h, long storeId, long orderId) {
    return h.createQuery(
            "SELECT doc FROM order_shipments WHERE store_id = ? AND order_id = ? ORDER BY id")
        .bind(0, storeId)
        .bind(1, orderId)
        .map((rs, ctx) -> (ObjectNode) Json.tree(rs.getString(1)))
        .list();
  }

  private static Optional<ObjectNode> find(Handle h, long storeId, long orderId, long id) {
    return h.createQuery(
            "SELECT doc FROM order_shipments WHERE store_id = ? AND order_id = ? AND id = ?")
        .bind(0, storeId)
        .bind(1, orderId)
        .bind(2, id)
        .map((rs, ctx) -> (ObjectNode) Json.tree(rs.getString(1)))
        .findOne();
  }

  ObjectNode create(Tenant t, long orderId, ObjectNode in) {
    long now = orders.now();
    return orders.commit(
        t.id(),
        now,
        h -> {
          long storeId = t.id();
          OrderStore.Row r = OrderStore.lockedRow(h, storeId, orderId);
          if (!r.held()) {
            throw new ApiException.Conflict(
                "Order "
                    + orderId
                    + " is "
                    + r.doc().path("status").asText()
                    + "; move it to another status before shipping it.",
                Map.of("status_id", r.doc().path("status_id").asText()));
          }
          List<ObjectNode> addresses = Addresses.of(h, storeId, orderId);
          long addressId = in.path("order_address_id").asLong();
          ObjectNode address =
              addresses.stream()
                  .filter(a -> a.path("id").asLong() == addressId)
                  .findFirst()
                  .orElse(null);
          Map<String, String> errors = new LinkedHashMap<>();
          if (address == null) {
            errors.put("order_address_id", "is not a shipping address of order " + orderId);
          }
          List<Line> lines = Lines.of(h, storeId, orderId);
          Map<Long, Line> byId = new HashMap<>();
          lines.forEach(l -> byId.put(l.id(), l));
          Map<Long, Long> shipping = new HashMap<>();
          ArrayNode items = Json.MAPPER.createArrayNode();
          JsonNode given = in.path("items");
          for (int i = 0; i < given.size(); i++) {
            JsonNode item = given.get(i);
            String prefix = "items." + i + ".";
            Line l = byId.get(item.path("order_product_id").asLong());
            if (l == null) {
              errors.put(prefix + "order_product_id", "is not a product line of order " + orderId);
              continue;
            }
            long q = item.path("quantity").asLong();
            long total = shipping.merge(l.id(), q, Long::sum);
            long left = l.quantity() - l.shipped();
            if (total > left) {
              errors.put(
                  prefix + "quantity",
                  "ships "
                      + total
                      + " of line "
                      + l.id()
                      + " but only "
                      + left
                      + " of it are left to ship ("
                      + l.quantity()
                      + " ordered, "
                      + l.shipped()
                      + " shipped)");
            }
            ObjectNode out = items.addObject();
            out.put("order_product_id", l.id());
            out.put("product_id", l.productId());
            out.put("quantity", q);
          }
          OrderInput.fail(errors);
          for (Line l : lines) {
            long q = shipping.getOrDefault(l.id(), 0L);
            if (q > 0) {
              l.doc.put("quantity_shipped", l.shipped() + q);
              Lines.update(h, storeId, l);
            }
          }
          ObjectNode s = Json.MAPPER.createObjectNode();
          s.put("id", Database.nextId(h, storeId, TABLE));
          s.put("order_id", orderId);
          s.put("customer_id", r.doc().path("customer_id").asLong());
          s.put("order_address_id", addressId);
          s.put("date_created", V2.date(now));
          s.put("tracking_number", in.path("tracking_number").asText(""));
          s.put("merchant_shipping_cost", "0.0000");
          s.put("shipping_method", in.path("shipping_method").asText(""));
          s.set("items", items);
          s.set("billing_address", r.doc().path("billing_address").deepCopy());
          s.set("shipping_address", shippingAddress(java.util.Objects.requireNonNull(address)));
          s.put("shipping_provider", in.path("shipping_provider").asText(""));
          s.put("tracking_carrier", in.path("tracking_carrier").asText(""));
          s.put("comments", in.path("comments").asText(""));
          Shipment.link(s);
          h.createUpdate(
                  "INSERT INTO order_shipments (store_id, id, order_id, doc) VALUES (?, ?, ?, ?)")
              .bind(0, storeId)
              .bind(1, s.path("id").asLong())
              .bind(2, orderId)
              .bind(3, Json.text(s))
              .execute();
          shipped(h, storeId, r, lines, addresses, now);
          event(h, storeId, now, "store/shipment/created", s);
          return s;
        });
  }

  ObjectNode update(Tenant t, long orderId, long id, ObjectNode in) {
    long now = orders.now();
    return orders.commit(
        t.id(),
        now,
        h -> {
          OrderStore.Row r = OrderStore.lockedRow(h, t.id(), orderId);
          ObjectNode s = find(h, t.id(), orderId, id).orElseThrow(OrderStore::notFound);
          if (in.has("order_address_id")
              && in.get("order_address_id").asLong() != s.path("order_address_id").asLong()) {
            long aid = in.get("order_address_id").asLong();
            ObjectNode a =
                Addresses.of(h, t.id(), orderId).stream()
                    .filter(x -> x.path("id").asLong() == aid)
                    .findFirst()
                    .orElseThrow(
                        () ->
                            ApiException.Invalid.field(
                                "order_address_id",
                                "is not a shipping address of order " + orderId));
            s.put("order_address_id", aid);
            s.set("shipping_address", shippingAddress(a));
          }
          for (String f :
              List.of(
                  "tracking_number",
                  "shipping_method",
                  "shipping_provider",
                  "tracking_carrier",
                  "comments")) {
            if (in.has(f)) {
              s.put(f, in.get(f).asText());
            }
          }
          Shipment.link(s);
          h.createUpdate("UPDATE order_shipments SET doc = ? WHERE store_id = ? AND id = ?")
              .bind(0, Json.text(s))
              .bind(1, t.id())
              .bind(2, id)
              .execute();
          r.doc().put("date_modified", V2.date(now));
          OrderStore.write(h, t.id(), r.doc(), now, r.held());
          long status = r.doc().path("status_id").asLong();
          OrderStore.changed(h, t.id(), now, orderId, status, status);
          event(h, t.id(), now, "store/shipment/updated", s);
          return s;
        });
  }

  /** Deletes one shipment ({@code id}) or all of the order's (null): their items are unshipped. */
  void delete(Tenant t, long orderId, @org.jspecify.annotations.Nullable Long id) {
    long now = orders.now();
    orders.commit(
        t.id(),
        now,
        h -> {
          long storeId = t.id();
          OrderStore.Row r = OrderStore.lockedRow(h, storeId, orderId);
          List<ObjectNode> gone =
              id == null
                  ? of(h, storeId, orderId)
                  : List.of(find(h, storeId, orderId, id).orElseThrow(OrderStore::notFound));
          if (gone.isEmpty()) {
            return null;
          }
          List<Line> lines = Lines.of(h, storeId, orderId);
          for (ObjectNode s : gone) {
            for (JsonNode item : s.path("items")) {
              for (Line l : lines) {
                if (l.id() == item.path("order_product_id").asLong()) {
                  l.doc.put(
                      "quantity_shipped",
                      Math.max(0, l.shipped() - item.path("quantity").asLong()));
                }
              }
            }
            h.createUpdate("DELETE FROM order_shipments WHERE store_id = ? AND id = ?")
                .bind(0, storeId)
                .bind(1, s.path("id").asLong())
                .execute();
            event(h, storeId, now, "store/shipment/deleted", s);
          }
          lines.forEach(l -> Lines.update(h, storeId, l));
          shipped(h, storeId, r, lines, Addresses.of(h, storeId, orderId), now);
          return null;
        });
  }

  long count(Tenant t, long orderId) {
    return db.read(
        h -> {
          OrderStore.require(h, t.id(), orderId);
          return h.createQuery(
                  "SELECT COUNT(*) FROM order_shipments WHERE store_id = ? AND order_id = ?")
              .bind(0, t.id())
              .bind(1, orderId)
              .mapTo(Long.class)
              .one();
        });
  }

  /**
   * The order after its shipped quantities changed: items_shipped, date_shipped and the status
   * (Shipped when everything is, Partially Shipped when some is; an order whose shipments are all
   * deleted goes back to Awaiting Fulfillment).
   */
  private static void shipped(
      Handle h,
      long storeId,
      OrderStore.Row r,
      List<Line> lines,
      List<ObjectNode> addresses,
      long now) {
    ObjectNode d = r.doc();
    long before = d.path("status_id").asLong();
    long items = 0;
    long shipped = 0;
    for (Line l : lines) {
      items += l.quantity();
      shipped += l.shipped();
    }
    d.put("items_shipped", shipped);
    long status = d.path("status_id").asLong();
    if (shipped > 0) {
      status = shipped >= items ? OrderStatus.SHIPPED : OrderStatus.PARTIALLY_SHIPPED;
      d.put("date_shipped", V2.date(now));
    } else {
      d.put("date_shipped", "");
      if (status == OrderStatus.SHIPPED || status == OrderStatus.PARTIALLY_SHIPPED) {
        status = OrderStatus.AWAITING_FULFILLMENT;
      }
    }
    d.put("status_id", status);
    d.put("status", OrderStatus.nameOf(status));
    d.put("custom_status", OrderStatus.nameOf(status));
    d.put("date_modified", V2.date(now));
    Addresses.count(h, storeId, addresses, lines);
    OrderStore.write(h, storeId, d, now, r.held());
    OrderStore.changed(h, storeId, now, d.path("id").asLong(), before, status);
  }

  /** contract: spec-digest §7 — {type: shipment, id, orderId}. */
  private static void event(Handle h, long storeId, long now, String scope, ObjectNode s) {
    ObjectNode data = Events.data(scope, s.path("id").asLong());
    data.put("orderId", s.path("order_id").asLong());
    Events.emit(h, storeId, now, scope, data);
  }

  private static ObjectNode shippingAddress(ObjectNode a) {
    ObjectNode out = Json.MAPPER.createObjectNode();
    for (String f : Addresses.TEXT) {
      out.put(f, a.path(f).asText(""));
    }
    return out;
  }
}
