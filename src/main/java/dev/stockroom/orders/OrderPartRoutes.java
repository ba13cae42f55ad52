package dev.stockroom.orders;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.stockroom.api.ApiException;
import dev.stockroom.api.Call;
import dev.stockroom.api.Paging;
import dev.stockroom.api.Reply;
import dev.stockroom.api.Router;
import dev.stockroom.api.Routes;
import dev.stockroom.api.V2;
import dev.stockroom.tenancy.Scopes;
import java.util.List;
import java.util.Locale;

/**
 * The sub-resources of an order: products (lines), shipping addresses (at both spellings, trap 26)
 * and their shipping quotes, shipments, coupons, taxes and messages.
 */
public final class OrderPartRoutes implements Routes {
  private static final String ORDER = OrderRoutes.ORDER;
  private static final String SHIPMENTS = ORDER + "/shipments";

  private final OrderStore orders;
  private final ShipmentStore shipments;

  public OrderPartRoutes(OrderStore orders, ShipmentStore shipments) {
    this.orders = orders;
    this.shipments = shipments;
  }

  @Override
  public void register(Router r) {
    r.add("GET", ORDER + "/products", Scopes.ORDERS, this::lines);
    r.add("GET", ORDER + "/products/{product_id}", Scopes.ORDERS, this::line);
    // contract: the spec's path has the underscore, its example link has none: serve both
    for (String a : List.of("/shipping_addresses", "/shippingaddresses")) {
      r.add("GET", ORDER + a, Scopes.ORDERS, this::addresses);
      r.add("GET", ORDER + a + "/{shipping_address_id}", Scopes.ORDERS, this::address);
      r.add("PUT", ORDER + a + "/{shipping_address_id}", Scopes.ORDERS, this::updateAddress);
      r.add(
          "GET", ORDER + a + "/{shipping_address_id}/shipping_quotes", Scopes.ORDERS, this::quotes);
    }
    r.add("GET", SHIPMENTS, Scopes.ORDERS, this::shipments);
    r.add("POST", SHIPMENTS, Scopes.ORDERS, this::ship);
    r.add("DELETE", SHIPMENTS, Scopes.ORDERS, this::deleteShipments);
    r.add("GET", SHIPMENTS + "/count", Scopes.ORDERS, this::countShipments);
    r.add("GET", SHIPMENTS + "/{shipment_id}", Scopes.ORDERS, this::shipment);
    r.add("PUT", SHIPMENTS + "/{shipment_id}", Scopes.ORDERS, this::updateShipment);
    r.add("DELETE", SHIPMENTS + "/{shipment_id}", Scopes.ORDERS, this::deleteShipment);
    r.add("GET", ORDER + "/coupons", Scopes.ORDERS, this::none);
    r.add("GET", ORDER + "/taxes", Scopes.ORDERS, this::taxes);
    r.add("GET", ORDER + "/messages", Scopes.ORDERS, this::messages);
  }

  /** One page of an order's sub-resource list. */
  private static Reply page(Call c, List<? extends JsonNode> all) {
    Paging p = V2.paging(c);
    int from = (int) Math.min(all.size(), p.offset());
    int to = (int) Math.min(all.size(), (long) from + p.limit());
    return V2.list(c, all.subList(from, to));
  }

  private Reply lines(Call c) {
    V2.paging(c);
    return page(c, orders.lines(c.tenant(), c.id("order_id")));
  }

  private Reply line(Call c) {
    long id = c.id("product_id");
    return V2.one(
        orders.lines(c.tenant(), c.id("order_id")).stream()
            .filter(l -> l.path("id").asLong() == id)
            .findFirst()
            .orElseThrow(OrderStore::notFound));
  }

  private Reply addresses(Call c) {
    V2.paging(c);
    return page(
        c,
        orders.addresses(c.tenant(), c.id("order_id")).stream()
            .map(a -> Addresses.render(c, a))
            .toList());
  }

  private ObjectNode findAddress(Call c) {
    long id = c.id("shipping_address_id");
    return orders.addresses(c.tenant(), c.id("order_id")).stream()
        .filter(a -> a.path("id").asLong() == id)
        .findFirst()
        .orElseThrow(OrderStore::notFound);
  }

  private Reply address(Call c) {
    return V2.one(Addresses.render(c, findAddress(c)));
  }

  private Reply updateAddress(Call c) {
    long orderId = c.id("order_id");
    long id = c.id("shipping_address_id");
    ObjectNode in = OrderInput.shippingAddress(c.json());
    return V2.one(Addresses.render(c, orders.updateAddress(c.tenant(), orderId, id, in)));
  }

  /**
   * contract: orders.v2 — "Orders that are created in the control panel or via the API return a 204
   * for this endpoint" (trap 27): every Stockroom order is.
   */
  private Reply quotes(Call c) {
    findAddress(c);
    return Reply.noContent();
  }

  private Reply shipments(Call c) {
    V2.paging(c);
    return page(c, shipments.list(c.tenant(), c.id("order_id")));
  }

  private Reply ship(Call c) {
    long orderId = c.id("order_id");
    ObjectNode in = Shipment.POST.check(c.json(), "", List.of("order_address_id", "items"));
    if (in.path("items").isEmpty()) {
      throw ApiException.Invalid.field(
          "items", "must list at least one {order_product_id, quantity}");
    }
    for (int i = 0; i < in.path("items").size(); i++) {
      JsonNode item = in.path("items").get(i);
      for (String f : List.of("order_product_id", "quantity")) {
        if (!item.has(f)) {
          throw ApiException.Invalid.field("items." + i + "." + f, "is required");
        }
      }
    }
    ObjectNode s = shipments.create(c.tenant(), orderId, in);
    return V2.created(c, s, "/orders/" + orderId + "/shipments/" + s.path("id").asLong());
  }

  private Reply shipment(Call c) {
    return V2.one(shipments.get(c.tenant(), c.id("order_id"), c.id("shipment_id")));
  }

  private Reply updateShipment(Call c) {
    long orderId = c.id("order_id");
    long id = c.id("shipment_id");
    ObjectNode in = Shipment.PUT.check(c.json(), "", List.of());
    return V2.one(shipments.update(c.tenant(), orderId, id, in));
  }

  private Reply deleteShipment(Call c) {
    shipments.delete(c.tenant(), c.id("order_id"), c.id("shipment_id"));
    return Reply.noContent();
  }

  private Reply deleteShipments(Call c) {
    shipments.delete(c.tenant(), c.id("order_id"), null);
    return Reply.noContent();
  }

  private Reply countShipments(Call c) {
    ObjectNode out = dev.stockroom.api.Json.MAPPER.createObjectNode();
    out.put("count", shipments.count(c.tenant(), c.id("order_id")));
    return Reply.ok(out);
  }

  /**
   * Coupons: order_Post has no coupon field and Stockroom has no coupons or promotions, so no order
   * carries one: the list is empty (204) for an existing order.
   */
  private Reply none(Call c) {
    V2.paging(c);
    orders.get(c.tenant(), c.id("order_id"));
    return Reply.noContent();
  }

  /**
   * Taxes: the tax an order's own amounts carry, one line per taxed line item and cost (see {@link
   * OrderTaxes}); none → 204. {@code details} (default true) is checked as the boolean it is.
   */
  private Reply taxes(Call c) {
    String details = c.query().first("details").orElse("true").trim().toLowerCase(Locale.ROOT);
    if (!details.equals("true") && !details.equals("false")) {
      throw ApiException.Invalid.field("details", "must be true or false");
    }
    V2.paging(c);
    long id = c.id("order_id");
    ObjectNode order = orders.get(c.tenant(), id).doc();
    return page(c, OrderTaxes.of(order, orders.lines(c.tenant(), id), details.equals("true")));
  }

  /**
   * Messages: no API creates order messages (they come from the storefront), so the list is empty
   * (204) for an existing order; its filters are checked so that a bad one is a 422.
   */
  private Reply messages(Call c) {
    for (String p : List.of("min_id", "max_id", "customer_id")) {
      String v = c.query().first(p).orElse("0").trim();
      if (!v.matches("\\d{1,18}")) {
        throw ApiException.Invalid.field(p, "must be a whole number of at least 0");
      }
    }
    V2.dateParam(c, "min_date_created");
    V2.dateParam(c, "max_date_created");
    String status = c.query().first("status").orElse("read");
    if (!status.equals("read") && !status.equals("unread")) {
      throw ApiException.Invalid.field("status", "must be read or unread");
    }
    String flagged = c.query().first("is_flagged").orElse("false");
    if (!flagged.equals("true") && !flagged.equals("false")) {
      throw ApiException.Invalid.field("is_flagged", "must be true or false");
    }
    return none(c);
  }
}
