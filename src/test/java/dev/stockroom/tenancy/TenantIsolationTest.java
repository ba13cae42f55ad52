package dev.stockroom.tenancy;

import static org.assertj.core.api.Assertions.assertThat;

import dev.stockroom.api.Router;
import dev.stockroom.orders.Orders;
import dev.stockroom.testing.ApiClient.Response;
import dev.stockroom.testing.Stockroom;
import dev.stockroom.testing.StockroomTest;
import dev.stockroom.testing.TestStore;
import dev.stockroom.testing.Uploads;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * Walks every store-API route: store A's token against store B's hash, and B's ids under A's hash
 * with A's token, never answer 2xx with B's data, and never change B's data (images included: B's
 * uploaded files are named in B's documents, which must stay as they were).
 */
@StockroomTest
class TenantIsolationTest {
  static final String SECRET = "B-secret-7f3a";
  final Stockroom sr;

  TenantIsolationTest(Stockroom sr) {
    this.sr = sr;
  }

  /** Valid bodies of the sub-resources, by path segment (each carries the secret). */
  static final Map<String, String> CHILD_BODIES =
      Map.of(
          "custom-fields", "{\"name\":\"" + SECRET + "\",\"value\":\"" + SECRET + "\"}",
          "bulk-pricing-rules",
              "{\"quantity_min\":1,\"quantity_max\":0,\"type\":\"price\",\"amount\":1}",
          "videos", "{\"video_id\":\"aaaaaaaaaaa\",\"title\":\"" + SECRET + "\"}",
          "reviews", "{\"title\":\"" + SECRET + "\",\"date_reviewed\":\"2020-01-01\"}",
          "metafields",
              "{\"permission_set\":\"read\",\"namespace\":\"ns\",\"key\":\"k\",\"value\":\""
                  + SECRET
                  + "\"}");

  /** A valid body for the route's resource, so that writes under A really happen. */
  static String body(Router.Route r) {
    String t = r.template();
    if (t.contains("/v2/orders")) {
      return orderBody(r);
    }
    String customers = customerBody(r);
    if (customers != null) {
      return customers;
    }
    if (t.endsWith("/products") && r.method().equals("PUT")) {
      return "[{\"id\":1,\"name\":\"A-renamed\"}]";
    }
    if (!r.method().equals("POST") && !r.method().equals("PUT")) {
      return null;
    }
    if (t.endsWith("/image")) {
      return "{\"image_url\":\"https://example.com/A-new.png\"}"; // variant images take JSON
    }
    if (t.contains("/images")) {
      return r.method().equals("POST")
          ? "{\"image_url\":\"https://example.com/A-new.png\"}"
          : "{\"description\":\"A-renamed\"}";
    }
    for (var child : CHILD_BODIES.entrySet()) {
      if (t.contains("/" + child.getKey())) {
        return child.getValue();
      }
    }
    if (t.endsWith("/catalog/variants")) {
      return "[{\"id\":3,\"price\":1}]";
    }
    if (t.contains("/complex-rules")) {
      return "{\"conditions\":[{\"variant_id\":3}]}";
    }
    if (t.contains("/values")) {
      return "{\"label\":\"A-new\",\"sort_order\":0}";
    }
    if (t.contains("/options")) {
      return "{\"display_name\":\"A-new\",\"type\":\"dropdown\","
          + "\"option_values\":[{\"label\":\"x\",\"sort_order\":0}]}";
    }
    if (t.contains("/modifiers")) {
      return "{\"display_name\":\"A-new\",\"type\":\"text\",\"required\":false}";
    }
    if (t.contains("/variants")) {
      return "{\"sku\":\"A-new-"
          + r.method()
          + "\",\"option_values\":[{\"id\":1,\"option_id\":1}]}";
    }
    if (t.contains("/products")) {
      return "{\"name\":\"A-new-"
          + r.method()
          + "\",\"type\":\"physical\",\"weight\":1,\"price\":1}";
    }
    if (t.contains("/categories")) {
      return "{\"name\":\"A-new-" + r.method() + "\",\"parent_id\":0}";
    }
    return "{\"name\":\"A-new-" + r.method() + "\"}";
  }

  /**
   * Valid bodies for A's customer writes, so that they really happen (null: not a customer route).
   */
  static String customerBody(Router.Route r) {
    String t = r.template();
    boolean post = r.method().equals("POST");
    if (t.endsWith("/v3/customers")) {
      return post
          ? "[{\"email\":\"a-v3@example.com\",\"first_name\":\"A\",\"last_name\":\"New\"}]"
          : "[{\"id\":3,\"first_name\":\"A-renamed\"}]";
    }
    if (t.endsWith("/v2/customers") && post) {
      return "{\"email\":\"a-v2@example.com\",\"first_name\":\"A\",\"last_name\":\"New\"}";
    }
    if (t.endsWith("/v3/customers/attributes")) {
      return post
          ? "[{\"name\":\"A-attr\",\"type\":\"string\"}]"
          : "[{\"id\":3,\"name\":\"A-renamed\"}]";
    }
    if (t.endsWith("/v3/customers/attribute-values")) {
      return "[{\"attribute_id\":3,\"customer_id\":3,\"value\":\"A\"}]";
    }
    if (t.endsWith("/v3/customers/validate-credentials")) {
      return "{\"email\":\"" + SECRET + "@example.com\",\"password\":\"" + SECRET + "\"}";
    }
    if (t.endsWith("/validate")) {
      return "{\"password\":\"" + SECRET + "\"}";
    }
    if (t.endsWith("/consent")) {
      return "{\"allow\":[\"analytics\"]}";
    }
    return null;
  }

  /**
   * B's customers: the secret in customer 3 (with an address, an attribute value, a form field, a
   * consent and a password), in attribute 3, in group 3 and in B's customer settings.
   */
  static void customersOf(TestStore b) {
    for (int i = 0; i < 3; i++) {
      String email = (i == 2 ? SECRET : "gap" + i) + "@example.com";
      assertThat(
              b.post(
                      "v3/customers",
                      "[{\"email\":\""
                          + email
                          + "\",\"first_name\":\""
                          + SECRET
                          + "\",\"last_name\":\"B\",\"authentication\":{\"new_password\":\""
                          + SECRET
                          + "\"}}]")
                  .status())
          .isEqualTo(201);
      assertThat(b.post("v2/customer_groups", "{\"name\":\"" + SECRET + i + "\"}").status())
          .isEqualTo(201);
      assertThat(
              b.post(
                      "v3/customers/attributes",
                      "[{\"name\":\"" + SECRET + i + "\",\"type\":\"string\"}]")
                  .status())
          .isEqualTo(201);
      assertThat(
              b.post(
                      "v2/customers/3/addresses".replace("3", String.valueOf(i + 1)),
                      "{\"first_name\":\""
                          + SECRET
                          + "\",\"last_name\":\"B\",\"street_1\":\"s\",\"city\":\"c\",\"state\":\"s\","
                          + "\"zip\":\"1\",\"country\":\"France\",\"phone\":\"1\"}")
                  .status())
          .isEqualTo(201);
    }
    b.delete("v3/customers?id:in=1,2");
    b.put(
        "v3/customers/attribute-values",
        "[{\"attribute_id\":3,\"customer_id\":3,\"value\":\"" + SECRET + "\"}]");
    b.put(
        "v3/customers/form-field-values",
        "[{\"name\":\"" + SECRET + "\",\"value\":\"" + SECRET + "\",\"customer_id\":3}]");
    b.put("v3/customers/3/consent", "{\"allow\":[\"targeting\"]}");
    b.put("v3/customers/settings", "{\"privacy_settings\":{\"policy_url\":\"" + SECRET + "\"}}");
    b.put(
        "v3/customers/settings/channels/1",
        "{\"privacy_settings\":{\"policy_url\":\"" + SECRET + "\"}}");
  }

  /** Every list of B's customer data. */
  static String customerData(TestStore b) {
    StringBuilder all = new StringBuilder();
    for (String list :
        List.of(
            "v3/customers?include=addresses,storecredit,attributes,formfields",
            "v3/customers/addresses?include=formfields",
            "v3/customers/attributes",
            "v3/customers/attribute-values",
            "v3/customers/form-field-values",
            "v3/customers/settings",
            "v3/customers/settings/channels/1",
            "v3/customers/3/consent",
            "v2/customers",
            "v2/customers/3/addresses",
            "v2/customer_groups")) {
      all.append(b.get(list).body());
    }
    assertThat(all.toString().split(SECRET, -1).length).isGreaterThan(12);
    return all.toString();
  }

  /** Valid v2 order bodies: the order, its shipping address and shipments. */
  static String orderBody(Router.Route r) {
    String t = r.template();
    boolean post = r.method().equals("POST");
    if (!post && !r.method().equals("PUT")) {
      return null;
    }
    if (t.contains("/shipments")) {
      return post
          ? "{\"order_address_id\":3,\"items\":[{\"order_product_id\":3,\"quantity\":1}]}"
          : "{\"comments\":\"A-renamed\"}";
    }
    if (t.contains("addresses")) {
      return "{\"city\":\"A-city\"}";
    }
    return post
        ? Orders.body(Orders.custom("A-new", 1, "1"))
        : "{\"staff_notes\":\"A-renamed\",\"status_id\":5}";
  }

  /** Upload routes take a form: a real image, so that A's uploads really happen. */
  static Response send(Stockroom sr, Router.Route r, String path, String token) {
    if (r.body() == Router.Body.FORM) {
      Uploads.Form form = Uploads.file("a.png", Uploads.image("png", 2, 2));
      return sr.http()
          .sendBytes(
              r.method(),
              path,
              form.body(),
              "X-Auth-Token",
              token,
              "Content-Type",
              form.contentType());
    }
    return sr.http().send(r.method(), path, body(r), "X-Auth-Token", token);
  }

  @Test
  void noRouteLetsOneStoreSeeOrChangeAnother() {
    TestStore a = sr.newStore();
    TestStore b = sr.newStore();
    // B's rows get ids A never reaches (A creates one row per resource below: id 1).
    for (int i = 0; i < 2; i++) {
      b.delete("v3/catalog/brands/" + b.brand("gap" + i));
      b.delete("v3/catalog/categories/" + b.category("gap" + i, 0));
      b.delete("v3/catalog/products/" + b.product("gap" + i, 1));
    }
    long brand = b.brand(SECRET + "-brand");
    long cat = b.category(SECRET + "-cat", 0);
    assertThat(
            b.upload(
                    "v3/catalog/brands/" + brand + "/image",
                    Uploads.file("b.gif", Uploads.image("gif", 3, 3)))
                .status())
        .isEqualTo(201);
    assertThat(
            b.upload(
                    "v3/catalog/categories/" + cat + "/image",
                    Uploads.file("c.gif", Uploads.image("gif", 3, 3)))
                .status())
        .isEqualTo(201);
    b.post(
        "v3/catalog/products",
        "{\"name\":\""
            + SECRET
            + "-product\",\"type\":\"physical\",\"weight\":1,\"price\":1,\"brand_id\":"
            + brand
            + ",\"categories\":["
            + cat
            + "],\"sku\":\""
            + SECRET
            + "\"}");
    // B's sub-resources, with the secret, at id 3 as well (metafield ids are store-wide).
    for (var child : CHILD_BODIES.entrySet()) {
      String owner = "v3/catalog/products/3/";
      for (int i = 0; i < 2; i++) {
        String gap = child.getValue().replace("\"k\"", "\"gap" + i + "\"");
        if (child.getKey().equals("bulk-pricing-rules")) {
          gap = gap.replace("\"quantity_min\":1", "\"quantity_min\":" + (10 + i));
        }
        Response made = b.post(owner + child.getKey(), gap);
        assertThat(made.status()).as(child.getKey()).isEqualTo(201);
        b.delete(owner + child.getKey() + "/" + made.json().path("data").path("id").asLong());
      }
      assertThat(b.post(owner + child.getKey(), child.getValue()).status()).isEqualTo(201);
    }
    b.post("v3/catalog/categories/" + cat + "/metafields", CHILD_BODIES.get("metafields"));
    b.post("v3/catalog/brands/" + brand + "/metafields", CHILD_BODIES.get("metafields"));
    long product = b.get("v3/catalog/products?name=" + SECRET + "-product").ids().get(0);
    String images = "v3/catalog/products/" + product + "/images";
    for (int i = 0; i < 2; i++) {
      b.delete(
          images
              + "/"
              + b.upload(images, Uploads.file("g.png", Uploads.image("png", 2, 2)))
                  .json()
                  .path("data")
                  .path("id")
                  .asLong());
    }
    b.post(
        images, "{\"image_url\":\"https://example.com/b.png\",\"description\":\"" + SECRET + "\"}");
    customersOf(b);
    // B's orders 1 to 3, each with a line, a shipping address and a shipment (all id 3 on order 3).
    for (int i = 0; i < 3; i++) {
      Orders.shippedOrder(b, SECRET + "-order-" + i);
    }
    String snapshot = everything(b) + b.get(images).body() + customerData(b);

    List<Router.Route> routes = sr.app().storeRoutes();
    assertThat(routes).hasSizeGreaterThanOrEqualTo(20);
    for (Router.Route r : routes) {
      String tail =
          r.template().replace("/stores/{store_hash}/", "").replaceAll("\\{[a-z_]+}", "3");
      // A's token on B's hash: refused before anything else.
      Response foreign = send(sr, r, b.path(tail), a.token());
      assertThat(foreign.status())
          .as(r.method() + " " + tail + " with A's token on B")
          .isEqualTo(401);
      assertThat(foreign.body()).doesNotContain(SECRET);
      // B's ids under A's hash with A's token: A's own (empty) data or 404, never B's.
      Response own = send(sr, r, a.path(tail), a.token());
      assertThat(own.body()).as(r.method() + " " + tail).doesNotContain(SECRET);
      // Order statuses are the same fixed list in every store: status 3 is A's as much as B's.
      if (r.template().matches(".*/\\{[a-z_]+_id}(/image)?$")
          && !r.template().contains("/order_statuses/")) {
        assertThat(own.status()).as(r.method() + " " + tail + " B's id under A").isEqualTo(404);
      }
    }
    // A cannot reference B's brand or category (A has none with those ids): 409, nothing linked.
    TestStore c = sr.newStore();
    assertThat(
            c.post(
                    "v3/catalog/products",
                    "{\"name\":\"X\",\"type\":\"physical\",\"weight\":1,\"price\":1,\"brand_id\":"
                        + brand
                        + "}")
                .status())
        .isEqualTo(409);
    assertThat(
            c.post(
                    "v3/catalog/products",
                    "{\"name\":\"Y\",\"type\":\"physical\",\"weight\":1,\"price\":1,\"categories\":["
                        + cat
                        + "]}")
                .status())
        .isEqualTo(409);
    assertThat(
            a.get("v3/catalog/products")
                .json()
                .path("meta")
                .path("pagination")
                .path("total")
                .asInt())
        .as("A's own creates went through")
        .isPositive();
    // Collection deletes with filters that match B's rows ran under A: B is untouched.
    a.delete("v3/catalog/products?id:in=3");
    a.delete("v3/catalog/categories?id:in=3");
    a.delete("v3/catalog/brands");
    // Emails are unique per store: A may have a customer with the email of B's.
    assertThat(
            a.post(
                    "v3/customers",
                    "[{\"email\":\""
                        + SECRET
                        + "@example.com\",\"first_name\":\"A\",\"last_name\":\"A\"}]")
                .status())
        .isEqualTo(201);
    a.delete("v3/customers?id:in=3");
    a.delete("v3/customers/addresses?id:in=3");
    a.delete("v3/customers/attributes?id:in=3");
    a.delete("v3/customers/attribute-values?id:in=1");
    a.delete("v2/customers");
    a.delete("v2/customer_groups");
    assertThat(
            a.get("v2/customers/count").json().path("count").asInt()
                + a.get("v2/customer_groups/count").json().path("count").asInt())
        .as("A's own customer deletes went through")
        .isZero();
    assertThat(
            a.post(
                    "v3/customers/validate-credentials",
                    "{\"email\":\"" + SECRET + "@example.com\",\"password\":\"" + SECRET + "\"}")
                .json()
                .path("is_valid")
                .asBoolean())
        .as("B's customer's password does not log in to A")
        .isFalse();
    // DELETE /v2/orders is a scheduled task: wait until it has archived A's orders.
    String task = a.delete("v2/orders").header("Location").orElseThrow();
    long deadline = System.nanoTime() + 20_000_000_000L;
    while (!a.server()
            .http()
            .send("GET", task, null, "X-Auth-Token", a.token())
            .body()
            .contains("\"status\":\"completed\"")
        && System.nanoTime() < deadline) {
      Thread.onSpinWait();
    }
    assertThat(a.get("v2/orders").status()).as("A's orders were archived").isEqualTo(204);
    assertThat(everything(b) + b.get(images).body() + customerData(b)).isEqualTo(snapshot);
  }

  /** Every list of B's data: products, categories, brands and their sub-resources. */
  static String everything(TestStore b) {
    StringBuilder all =
        new StringBuilder(
            b.get("v3/catalog/products").body()
                + b.get("v3/catalog/categories").body()
                + b.get("v3/catalog/brands").body());
    for (String child : CHILD_BODIES.keySet()) {
      all.append(b.get("v3/catalog/products/3/" + child).body());
    }
    all.append(b.get("v3/catalog/categories/3/metafields").body());
    all.append(b.get("v3/catalog/brands/3/metafields").body());
    for (String order :
        List.of(
            "v2/orders",
            "v2/orders/3",
            "v2/orders/3/products",
            "v2/orders/3/shipping_addresses",
            "v2/orders/3/shipments")) {
      all.append(b.get(order).body());
    }
    assertThat(all.toString().split(SECRET, -1).length).isGreaterThan(8);
    return all.toString();
  }
}
