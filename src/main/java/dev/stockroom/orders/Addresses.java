package dev.stockroom.orders;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.stockroom.api.Call;
import dev.stockroom.api.Json;
import dev.stockroom.api.V2;
import dev.stockroom.db.Database;
import java.util.List;
import org.jdbi.v3.core.Handle;

/** Order shipping addresses ({@code orderShippingAddress}) and their SQL. */
final class Addresses {
  static final String TABLE = "order_addresses";

  private Addresses() {}

  /** The text fields of an address, as billing and shipping addresses and shipments carry them. */
  static final List<String> TEXT =
      List.of(
          "first_name",
          "last_name",
          "company",
          "street_1",
          "street_2",
          "city",
          "state",
          "zip",
          "country",
          "country_iso2",
          "phone",
          "email");

  /** A new address of order {@code orderId}; the first carries the order's shipping costs. */
  static ObjectNode insert(
      Handle h, long storeId, long orderId, ObjectNode in, ObjectNode order, boolean first) {
    long id = Database.nextId(h, storeId, TABLE);
    ObjectNode a = Json.MAPPER.createObjectNode();
    a.put("id", id);
    a.put("order_id", orderId);
    for (String f : TEXT) {
      a.put(f, in.path(f).asText(""));
    }
    a.put("items_total", 0);
    a.put("items_shipped", 0);
    a.put("shipping_method", in.path("shipping_method").asText(""));
    a.put("base_cost", first ? order.path("base_shipping_cost").asText() : "0.0000");
    a.put("cost_ex_tax", first ? order.path("shipping_cost_ex_tax").asText() : "0.0000");
    a.put("cost_inc_tax", first ? order.path("shipping_cost_inc_tax").asText() : "0.0000");
    a.put("cost_tax", first ? order.path("shipping_cost_tax").asText() : "0.0000");
    a.put("cost_tax_class_id", 0);
    a.put("base_handling_cost", first ? order.path("base_handling_cost").asText() : "0.0000");
    a.put("handling_cost_ex_tax", first ? order.path("handling_cost_ex_tax").asText() : "0.0000");
    a.put("handling_cost_inc_tax", first ? order.path("handling_cost_inc_tax").asText() : "0.0000");
    a.put("handling_cost_tax", first ? order.path("handling_cost_tax").asText() : "0.0000");
    a.put("handling_cost_tax_class_id", 0);
    a.put("shipping_zone_id", 0);
    a.put("shipping_zone_name", "");
    a.putArray("form_fields");
    h.createUpdate("INSERT INTO order_addresses (store_id, id, order_id, doc) VALUES (?, ?, ?, ?)")
        .bind(0, storeId)
        .bind(1, id)
        .bind(2, orderId)
        .bind(3, Json.text(a))
        .execute();
    return a;
  }

  /** Applies a checked shippingAddress_Base; costs and taxes stay as they are (contract). */
  static void merge(ObjectNode a, ObjectNode in) {
    for (var e : in.properties()) {
      a.set(e.getKey(), e.getValue());
    }
  }

  static void write(Handle h, long storeId, ObjectNode a) {
    h.createUpdate("UPDATE order_addresses SET doc = ? WHERE store_id = ? AND id = ?")
        .bind(0, Json.text(a))
        .bind(1, storeId)
        .bind(2, a.path("id").asLong())
        .execute();
  }

  static List<ObjectNode> of(Handle h, long storeId, long orderId) {
    return h.createQuery(
            "SELECT doc FROM order_addresses WHERE store_id = ? AND order_id = ? ORDER BY id")
        .bind(0, storeId)
        .bind(1, orderId)
        .map((rs, ctx) -> (ObjectNode) Json.tree(rs.getString(1)))
        .list();
  }

  /** Item counts of every address from the order's lines. */
  static void count(Handle h, long storeId, List<ObjectNode> addresses, List<Line> lines) {
    for (ObjectNode a : addresses) {
      long items = 0;
      long shipped = 0;
      for (Line l : lines) {
        if (l.doc.path("order_address_id").asLong() == a.path("id").asLong()) {
          items += l.quantity();
          shipped += l.shipped();
        }
      }
      if (items != a.path("items_total").asLong() || shipped != a.path("items_shipped").asLong()) {
        a.put("items_total", items);
        a.put("items_shipped", shipped);
        write(h, storeId, a);
      }
    }
  }

  /** The address as served, with its shipping_quotes link. */
  static ObjectNode render(Call c, JsonNode stored) {
    ObjectNode a = ((ObjectNode) stored).deepCopy();
    a.set(
        "shipping_quotes",
        V2.link(
            c,
            "/orders/"
                + a.path("order_id").asLong()
                + "/shipping_addresses/"
                + a.path("id").asLong()
                + "/shipping_quotes"));
    return a;
  }
}
