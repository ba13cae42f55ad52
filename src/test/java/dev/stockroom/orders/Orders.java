package dev.stockroom.orders;

import dev.stockroom.testing.ApiClient.Response;
import dev.stockroom.testing.TestStore;

/** Order bodies and fixtures for the orders tests (and the sweeps that need an order to exist). */
public final class Orders {
  private Orders() {}

  public static final String O = "v2/orders";

  public static final String BILLING =
      "{\"first_name\":\"Jane\",\"last_name\":\"Doe\",\"street_1\":\"555 East Street\","
          + "\"city\":\"Austin\",\"state\":\"Texas\",\"zip\":78108,\"country\":\"United States\","
          + "\"country_iso2\":\"US\",\"phone\":1234567890,\"email\":\"Jane@Example.com\"}";

  public static final String SHIPPING =
      "{\"first_name\":\"Jane\",\"last_name\":\"Doe\",\"street_1\":\"1 Dock Road\","
          + "\"city\":\"Austin\",\"state\":\"Texas\",\"zip\":\"78701\",\"country\":\"United States\","
          + "\"country_iso2\":\"US\",\"email\":\"jane@example.com\",\"shipping_method\":\"Flat\"}";

  /** A custom line: {@code name}, {@code quantity}, both prices. */
  public static String custom(String name, int quantity, String price) {
    return "{\"name\":\""
        + name
        + "\",\"quantity\":"
        + quantity
        + ",\"price_inc_tax\":"
        + price
        + ",\"price_ex_tax\":"
        + price
        + "}";
  }

  /** A catalog line of {@code productId}. */
  public static String catalog(long productId, int quantity) {
    return "{\"product_id\":" + productId + ",\"quantity\":" + quantity + "}";
  }

  /** An order body with the given lines (JSON objects), a billing and one shipping address. */
  public static String body(String... lines) {
    return "{\"billing_address\":"
        + BILLING
        + ",\"shipping_addresses\":["
        + SHIPPING
        + "],\"products\":["
        + String.join(",", lines)
        + "]}";
  }

  /** Customers 1 to {@code n} of a new store (orders may name only existing customers). */
  public static void customers(TestStore s, int n) {
    StringBuilder batch = new StringBuilder("[");
    for (int i = 1; i <= n; i++) {
      batch
          .append(i > 1 ? "," : "")
          .append("{\"email\":\"customer")
          .append(i)
          .append("@example.com\",\"first_name\":\"C\",\"last_name\":\"")
          .append(i)
          .append("\"}");
    }
    Response r = s.post("v3/customers", batch.append(']').toString());
    if (r.status() != 201 || r.json().path("data").size() != n) {
      throw new AssertionError("customers failed: " + r);
    }
  }

  /** Creates an order (asserting 201) and returns its id. */
  public static long create(TestStore s, String body) {
    Response r = s.post(O, body);
    if (r.status() != 201) {
      throw new AssertionError("order create failed: " + r);
    }
    return r.json().path("id").asLong();
  }

  /**
   * An order of one custom line named {@code name} (quantity 2) with a shipment of one unit: the
   * order, its line, its shipping address and its shipment are created.
   */
  public static long shippedOrder(TestStore s, String name) {
    long id = create(s, body(custom(name, 2, "1.50")));
    long line = s.get(O + "/" + id + "/products").json().get(0).path("id").asLong();
    long address = s.get(O + "/" + id + "/shipping_addresses").json().get(0).path("id").asLong();
    Response shipped =
        s.post(
            O + "/" + id + "/shipments",
            "{\"order_address_id\":"
                + address
                + ",\"tracking_number\":\""
                + name
                + "\",\"items\":[{\"order_product_id\":"
                + line
                + ",\"quantity\":1}]}");
    if (shipped.status() != 201) {
      throw new AssertionError("shipment failed: " + shipped);
    }
    return id;
  }
}
