package dev.stockroom.tenancy;

import static org.assertj.core.api.Assertions.assertThat;

import dev.stockroom.api.Router;
import dev.stockroom.testing.ApiClient.Response;
import dev.stockroom.testing.Stockroom;
import dev.stockroom.testing.StockroomTest;
import dev.stockroom.testing.TestStore;
import java.util.List;
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

  /** A valid body for the route's resource, so that writes under A really happen. */
  static String body(Router.Route r) {
    String t = r.template();
    if (t.endsWith("/products") && r.method().equals("PUT")) {
      return "[{\"id\":1,\"name\":\"A-renamed\"}]";
    }
    if (!r.method().equals("POST") && !r.method().equals("PUT")) {
      return null;
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
    String snapshot =
        b.get("v3/catalog/products").body()
            + b.get("v3/catalog/categories").body()
            + b.get("v3/catalog/brands").body();

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
    String after =
        b.get("v3/catalog/products").body()
            + b.get("v3/catalog/categories").body()
            + b.get("v3/catalog/brands").body();
    assertThat(after).isEqualTo(snapshot);
  }
}
