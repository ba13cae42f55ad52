package dev.stockroom.tenancy;

import static org.assertj.core.api.Assertions.assertThat;

import dev.stockroom.api.Router;
import dev.stockroom.testing.ApiClient.Response;
import dev.stockroom.testing.Stockroom;
import dev.stockroom.testing.StockroomTest;
import dev.stockroom.testing.TestStore;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * Walks every store-API route: store A's token against store B's hash, and B's ids under A's hash
 * with A's token, never answer 2xx with B's data, and never change B's data.
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
    if (t.endsWith("/products") && r.method().equals("PUT")) {
      return "[{\"id\":1,\"name\":\"A-renamed\"}]";
    }
    if (!r.method().equals("POST") && !r.method().equals("PUT")) {
      return null;
    }
    for (var child : CHILD_BODIES.entrySet()) {
      if (t.contains("/" + child.getKey())) {
        return child.getValue();
      }
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
    String snapshot = everything(b);

    List<Router.Route> routes = sr.app().storeRoutes();
    assertThat(routes).hasSizeGreaterThanOrEqualTo(20);
    for (Router.Route r : routes) {
      String tail =
          r.template().replace("/stores/{store_hash}/", "").replaceAll("\\{[a-z_]+}", "3");
      String json = body(r);
      // A's token on B's hash: refused before anything else.
      Response foreign = sr.http().send(r.method(), b.path(tail), json, "X-Auth-Token", a.token());
      assertThat(foreign.status())
          .as(r.method() + " " + tail + " with A's token on B")
          .isEqualTo(401);
      assertThat(foreign.body()).doesNotContain(SECRET);
      // B's ids under A's hash with A's token: A's own (empty) data or 404, never B's.
      Response own = a.call(r.method(), tail, json);
      assertThat(own.body()).as(r.method() + " " + tail).doesNotContain(SECRET);
      if (r.template().contains("{") && r.template().matches(".*/\\{[a-z_]+_id}$")) {
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
    assertThat(everything(b)).isEqualTo(snapshot);
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
    assertThat(all.toString().split(SECRET, -1).length).isGreaterThan(8);
    return all.toString();
  }
}
