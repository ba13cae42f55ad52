package dev.stockroom.webhooks;

import static dev.stockroom.orders.Orders.body;
import static dev.stockroom.orders.Orders.catalog;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.stockroom.testing.ApiClient.Response;
import dev.stockroom.testing.Receiver;
import dev.stockroom.testing.Receiver.Hit;
import dev.stockroom.testing.Stockroom;
import dev.stockroom.testing.StockroomTest;
import dev.stockroom.testing.TestStore;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** Changes made through the API reach a real receiver as BigCommerce's light payloads. */
@StockroomTest
class WebhookDeliveryApiTest {
  final Stockroom sr;
  final Receiver receiver = new Receiver();

  WebhookDeliveryApiTest(Stockroom sr) {
    this.sr = sr;
  }

  @AfterEach
  void stop() {
    receiver.close();
  }

  long hook(TestStore s, String scope, String path) {
    Response r =
        s.post(
            "v3/hooks",
            "{\"scope\":\""
                + scope
                + "\",\"destination\":\""
                + receiver.url(path)
                + "\",\"is_active\":true,\"headers\":{\"Authorization\":\"Basic dXNlcjpwYXNz\"}}");
    assertThat(r.status()).as(r.body()).isEqualTo(201);
    return r.json().path("data").path("id").asLong();
  }

  @Test
  void aCreatedProductArrivesAsTheLightPayloadWithTheHooksHeaders() {
    TestStore s = sr.newStore();
    hook(s, "store/product/created", "/products?source=stockroom");
    long before = sr.clock().millis() / 1000;
    long id = s.product("Hooked", 5);
    List<Hit> hits = receiver.awaitHits(1, 10);
    assertThat(hits).hasSize(1);
    Hit h = hits.get(0);
    assertThat(h.path()).isEqualTo("/products?source=stockroom");
    assertThat(h.header("Content-Type")).startsWith("application/json");
    assertThat(h.header("Authorization")).isEqualTo("Basic dXNlcjpwYXNz");
    JsonNode b = h.body();
    assertThat(b.path("scope").asText()).isEqualTo("store/product/created");
    assertThat(b.path("store_id").isTextual()).isTrue();
    assertThat(b.path("store_id").asText()).matches("\\d+");
    assertThat(b.path("data").path("type").asText()).isEqualTo("product");
    assertThat(b.path("data").path("id").asLong()).isEqualTo(id);
    assertThat(b.path("hash").asText()).matches("[0-9a-f]{40}");
    assertThat(b.path("created_at").isIntegralNumber()).isTrue();
    assertThat(b.path("created_at").asLong()).isBetween(before, before + 5);
    assertThat(b.path("producer").asText()).isEqualTo("stores/" + s.hash());
  }

  @Test
  void aWildcardReceivesEveryEventBelowIt() {
    TestStore s = sr.newStore();
    hook(s, "store/product/*", "/p");
    long id = s.product("Stocked", 5);
    assertThat(
            s.put(
                    "v3/catalog/products/" + id,
                    "{\"inventory_tracking\":\"product\",\"inventory_level\":7}")
                .status())
        .isEqualTo(200);
    assertThat(s.delete("v3/catalog/products/" + id).status()).isEqualTo(204);
    receiver.awaitHits(4, 10);
    assertThat(scopes())
        .containsExactlyInAnyOrder(
            "store/product/created",
            "store/product/updated",
            "store/product/inventory/updated",
            "store/product/deleted");
    Hit inventory = only("store/product/inventory/updated");
    assertThat(inventory.body().path("data").path("inventory").path("value").asLong()).isEqualTo(7);
    assertThat(inventory.body().path("data").path("inventory").path("method").asText())
        .isEqualTo("absolute");
  }

  @Test
  void eventsOutsideTheHooksScopeAreNotSent() {
    TestStore s = sr.newStore();
    hook(s, "store/category/created", "/c");
    s.product("Not a category", 1);
    long cat = s.category("Shoes", 0);
    receiver.awaitHits(1, 10);
    Receiver.await(1, () -> false);
    assertThat(scopes()).containsExactly("store/category/created");
    assertThat(only("store/category/created").body().path("data").path("id").asLong())
        .isEqualTo(cat);
  }

  @Test
  void anotherStoresChangesNeverReachTheHook() {
    TestStore s = sr.newStore();
    hook(s, "store/product/*", "/p");
    TestStore other = sr.newStore();
    other.product("Elsewhere", 1);
    s.product("Here", 1);
    receiver.awaitHits(1, 10);
    Receiver.await(1, () -> false);
    assertThat(receiver.hits()).hasSize(1);
    assertThat(receiver.hits().get(0).body().path("producer").asText())
        .isEqualTo("stores/" + s.hash());
  }

  @Test
  void categoriesCustomersAndAddressesEmitTheirEvents() {
    TestStore s = sr.newStore();
    hook(s, "store/category/*", "/c");
    hook(s, "store/customer/*", "/cu");
    long cat = s.category("Hats", 0);
    s.put("v3/catalog/categories/" + cat, "{\"name\":\"Caps\"}");
    s.delete("v3/catalog/categories/" + cat);
    Response c =
        s.post(
            "v3/customers",
            "[{\"email\":\"hook@example.com\",\"first_name\":\"A\",\"last_name\":\"B\"}]");
    long customer = c.json().path("data").get(0).path("id").asLong();
    s.put("v3/customers", "[{\"id\":" + customer + ",\"first_name\":\"C\"}]");
    Response a =
        s.post(
            "v3/customers/addresses",
            "[{\"customer_id\":"
                + customer
                + ",\"first_name\":\"A\",\"last_name\":\"B\",\"address1\":\"1 Road\","
                + "\"city\":\"Austin\",\"state_or_province\":\"Texas\",\"postal_code\":\"78701\","
                + "\"country_code\":\"US\"}]");
    assertThat(a.status()).as(a.body()).isIn(200, 201);
    long address = a.json().path("data").get(0).path("id").asLong();
    s.delete("v3/customers?id:in=" + customer);
    receiver.awaitHits(7, 10);
    assertThat(scopes())
        .contains(
            "store/category/created",
            "store/category/updated",
            "store/category/deleted",
            "store/customer/created",
            "store/customer/updated",
            "store/customer/address/created",
            "store/customer/deleted");
    JsonNode addressData = only("store/customer/address/created").body().path("data");
    assertThat(addressData.path("type").asText()).isEqualTo("customer");
    assertThat(addressData.path("id").asLong()).isEqualTo(address);
    assertThat(addressData.path("address").path("customer_id").asLong()).isEqualTo(customer);
  }

  @Test
  void ordersEmitCreatedStatusUpdatedArchivedAndStockEvents() {
    TestStore s = sr.newStore();
    hook(s, "store/order/*", "/o");
    hook(s, "store/product/inventory/order/updated", "/i");
    hook(s, "store/shipment/*", "/s");
    long product = s.product("Tracked", 3);
    s.put(
        "v3/catalog/products/" + product,
        "{\"inventory_tracking\":\"product\",\"inventory_level\":10}");
    Response o = s.post("v2/orders", body(catalog(product, 2)));
    assertThat(o.status()).as(o.body()).isEqualTo(201);
    long order = o.json().path("id").asLong();
    assertThat(s.put("v2/orders/" + order, "{\"status_id\":11}").status()).isEqualTo(200);
    long line = s.get("v2/orders/" + order + "/products").json().get(0).path("id").asLong();
    long address =
        s.get("v2/orders/" + order + "/shipping_addresses").json().get(0).path("id").asLong();
    Response ship =
        s.post(
            "v2/orders/" + order + "/shipments",
            "{\"order_address_id\":"
                + address
                + ",\"items\":[{\"order_product_id\":"
                + line
                + ",\"quantity\":2}]}");
    assertThat(ship.status()).as(ship.body()).isEqualTo(201);
    assertThat(s.delete("v2/orders/" + order).status()).isEqualTo(204);
    receiver.awaitHits(8, 10);
    assertThat(scopes())
        .contains(
            "store/order/created",
            "store/order/updated",
            "store/order/statusUpdated",
            "store/product/inventory/order/updated",
            "store/shipment/created",
            "store/order/archived");
    JsonNode inv = only("store/product/inventory/order/updated").body().path("data");
    assertThat(inv.path("inventory").path("value").asLong()).isEqualTo(8);
    // deliveries run side by side: no order among them is promised (nor is one by BigCommerce)
    List<String> moves = new ArrayList<>();
    for (Hit h : receiver.hits(h -> h.scope().equals("store/order/statusUpdated"))) {
      JsonNode st = h.body().path("data").path("status");
      moves.add(st.path("previous_status_id").asLong() + "->" + st.path("new_status_id").asLong());
    }
    assertThat(moves).containsExactlyInAnyOrder("1->11", "11->2");
    JsonNode shipment = only("store/shipment/created").body().path("data");
    assertThat(shipment.path("type").asText()).isEqualTo("shipment");
    assertThat(shipment.path("orderId").asLong()).isEqualTo(order);
  }

  @Test
  void variantsEmitSkuEvents() {
    TestStore s = sr.newStore();
    hook(s, "store/sku/*", "/sku");
    long product = s.product("Shirt", 10);
    Response opt =
        s.post(
            "v3/catalog/products/" + product + "/options",
            "{\"display_name\":\"Size\",\"type\":\"radio_buttons\","
                + "\"option_values\":[{\"label\":\"S\",\"sort_order\":0},{\"label\":\"M\",\"sort_order\":1}]}");
    assertThat(opt.status()).as(opt.body()).isIn(200, 201);
    long value = opt.json().path("data").path("option_values").get(0).path("id").asLong();
    long option = opt.json().path("data").path("id").asLong();
    Response v =
        s.post(
            "v3/catalog/products/" + product + "/variants",
            "{\"sku\":\"SHIRT-S\",\"option_values\":[{\"id\":"
                + value
                + ",\"option_id\":"
                + option
                + "}]}");
    assertThat(v.status()).as(v.body()).isIn(200, 201);
    long variant = v.json().path("data").path("id").asLong();
    s.put("v3/catalog/products/" + product + "/variants/" + variant, "{\"inventory_level\":4}");
    s.delete("v3/catalog/products/" + product + "/variants/" + variant);
    receiver.awaitHits(4, 10);
    assertThat(scopes())
        .contains(
            "store/sku/created",
            "store/sku/updated",
            "store/sku/inventory/updated",
            "store/sku/deleted");
    JsonNode sku = only("store/sku/created").body().path("data");
    assertThat(sku.path("type").asText()).isEqualTo("sku");
    assertThat(sku.path("sku").path("product_id").asLong()).isEqualTo(product);
    assertThat(sku.path("sku").path("variant_id").asLong()).isEqualTo(variant);
  }

  @Test
  void aProductCreatedWithVariantsEmitsOneSkuCreatedEach() {
    TestStore s = sr.newStore();
    hook(s, "store/sku/created", "/sku");
    Response p =
        s.post(
            "v3/catalog/products",
            "{\"name\":\"Tee\",\"type\":\"physical\",\"weight\":1,\"price\":5,\"variants\":["
                + "{\"sku\":\"TEE-S\",\"option_values\":[{\"option_display_name\":\"Size\",\"label\":\"S\"}]},"
                + "{\"sku\":\"TEE-M\",\"option_values\":[{\"option_display_name\":\"Size\",\"label\":\"M\"}]}]}");
    assertThat(p.status()).as(p.body()).isEqualTo(201);
    receiver.awaitHits(2, 10);
    Receiver.await(1, () -> false);
    assertThat(receiver.hits(h -> h.scope().equals("store/sku/created"))).hasSize(2);
  }

  @Test
  void imageChangesAndOptionDeletesEmitProductUpdated() {
    TestStore s = sr.newStore();
    long product = s.product("Pictured", 5);
    Response opt =
        s.post(
            "v3/catalog/products/" + product + "/options",
            "{\"display_name\":\"Size\",\"type\":\"radio_buttons\","
                + "\"option_values\":[{\"label\":\"S\",\"sort_order\":0}]}");
    assertThat(opt.status()).as(opt.body()).isIn(200, 201);
    hook(s, "store/product/updated", "/updated");
    Response image =
        s.post(
            "v3/catalog/products/" + product + "/images",
            "{\"image_url\":\"https://cdn.example.com/a.png\",\"is_thumbnail\":true}");
    assertThat(image.status()).as(image.body()).isEqualTo(201);
    long imageId = image.json().path("data").path("id").asLong();
    Response second =
        s.post(
            "v3/catalog/products/" + product + "/images",
            "{\"image_url\":\"https://cdn.example.com/b.png\"}");
    // Taking the first image's sort_order moves it too: still one event for the product.
    assertThat(
            s.put(
                    "v3/catalog/products/"
                        + product
                        + "/images/"
                        + second.json().path("data").path("id").asLong(),
                    "{\"sort_order\":0}")
                .status())
        .isEqualTo(200);
    s.delete("v3/catalog/products/" + product + "/images/" + imageId);
    s.delete(
        "v3/catalog/products/"
            + product
            + "/options/"
            + opt.json().path("data").path("id").asLong());
    receiver.awaitHits(5, 10);
    Receiver.await(1, () -> false);
    assertThat(receiver.hits(h -> h.body().path("data").path("id").asLong() == product)).hasSize(5);
  }

  @Test
  void aFailedWriteEmitsNothing() {
    TestStore s = sr.newStore();
    hook(s, "store/product/*", "/p");
    s.product("Unique", 1);
    Response dup =
        s.post(
            "v3/catalog/products",
            "{\"name\":\"Unique\",\"type\":\"physical\",\"weight\":1,\"price\":1}");
    assertThat(dup.status()).isEqualTo(409);
    receiver.awaitHits(1, 10);
    Receiver.await(1, () -> false);
    assertThat(receiver.hits()).hasSize(1);
  }

  @Test
  void anInactiveOrDeletedHookReceivesNothing() {
    TestStore s = sr.newStore();
    long off = hook(s, "store/product/created", "/off");
    s.put("v3/hooks/" + off, "{\"is_active\":false}");
    long gone = hook(s, "store/product/created", "/gone");
    s.delete("v3/hooks/" + gone);
    hook(s, "store/product/created", "/on");
    s.product("Only one hook", 1);
    receiver.awaitHits(1, 10);
    Receiver.await(1, () -> false);
    assertThat(receiver.hits()).extracting(Hit::path).containsExactly("/on");
  }

  @Test
  void renamingTheStoreEmitsStoreInformationUpdated() {
    TestStore s = sr.newStore();
    hook(s, "store/information/updated", "/info");
    Response r = sr.admin("PUT", "/admin/api/stores/" + s.hash(), "{\"name\":\"Renamed\"}");
    assertThat(r.status()).as(r.body()).isEqualTo(200);
    receiver.awaitHits(1, 10);
    JsonNode data = only("store/information/updated").body().path("data");
    assertThat(data.path("type").asText()).isEqualTo("store");
    assertThat(data.has("id")).isFalse();
  }

  @Test
  void revokingTheAccountDeletesItsHooks() {
    TestStore s = sr.newStore();
    String app = sr.newToken(s.hash(), List.of());
    Response created =
        sr.http()
            .send(
                "POST",
                s.path("v3/hooks"),
                "{\"scope\":\"store/product/*\",\"destination\":\"" + receiver.url("/app") + "\"}",
                "X-Auth-Token",
                app);
    assertThat(created.status()).as(created.body()).isEqualTo(201);
    String admin = "/admin/api/stores/" + s.hash();
    JsonNode accounts = sr.admin("GET", admin + "/api-accounts", null).json().path("data");
    String client = created.json().path("data").path("client_id").asText();
    long account = 0;
    for (JsonNode a : accounts) {
      if (a.path("client_id").asText().equals(client)) {
        account = a.path("id").asLong();
      }
    }
    assertThat(sr.admin("DELETE", admin + "/api-accounts/" + account, null).status())
        .isEqualTo(204);
    assertThat(sr.admin("GET", admin + "/webhooks", null).json().path("data")).isEmpty();
    s.product("After the uninstall", 1);
    Receiver.await(1, () -> false);
    assertThat(receiver.hits()).isEmpty();
  }

  Set<String> scopes() {
    Set<String> out = new TreeSet<>();
    receiver.hits().forEach(h -> out.add(h.scope()));
    return out;
  }

  Hit only(String scope) {
    List<Hit> hits = receiver.hits(h -> h.scope().equals(scope));
    assertThat(hits).as(scope).isNotEmpty();
    return hits.get(0);
  }
}
