package dev.stockroom.admin;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.stockroom.testing.ApiClient.Response;
import dev.stockroom.testing.Sql;
import dev.stockroom.testing.Stockroom;
import dev.stockroom.testing.StockroomTest;
import dev.stockroom.testing.TestStore;
import java.util.List;
import org.junit.jupiter.api.Test;

@StockroomTest
class StoreAdminApiTest {
  final Stockroom sr;

  StoreAdminApiTest(Stockroom sr) {
    this.sr = sr;
  }

  @Test
  void anythingButTheAdminBearerTokenIs401() {
    assertThat(sr.http().send("GET", "/admin/api/stores", null).status()).isEqualTo(401);
    assertThat(
            sr.http()
                .send("GET", "/admin/api/stores", null, "Authorization", "Bearer wrong")
                .status())
        .isEqualTo(401);
    assertThat(
            sr.http()
                .send("GET", "/admin/api/stores", null, "Authorization", sr.adminToken())
                .status())
        .isEqualTo(401);
    Response r =
        sr.http()
            .send("POST", "/admin/api/stores", "{\"name\":\"x\"}", "Authorization", "Basic abc");
    assertThat(r.status()).isEqualTo(401);
    assertThat(r.json().path("status").asInt()).isEqualTo(401);
    assertThat(sr.admin("GET", "/admin/api/stores", null).status()).isEqualTo(200);
  }

  @Test
  void planDefaultsFollowTheDocumentedQuotas() {
    JsonNode standard =
        sr.admin("POST", "/admin/api/stores", "{\"name\":\"S\"}").json().path("data");
    assertThat(standard.path("plan").asText()).isEqualTo("standard");
    assertThat(standard.path("status").asText()).isEqualTo("live");
    assertThat(standard.path("rate_limit").path("quota").asLong()).isEqualTo(150);
    assertThat(standard.path("rate_limit").path("window_ms").asLong()).isEqualTo(30_000);
    assertThat(standard.path("product_limit").asLong()).isEqualTo(10_000);
    assertThat(standard.path("store_hash").asText()).matches("[a-z][a-z0-9]{9}");
    JsonNode plus =
        sr.admin("POST", "/admin/api/stores", "{\"name\":\"Pl\",\"plan\":\"plus\"}")
            .json()
            .path("data");
    assertThat(plus.path("rate_limit").path("quota").asLong()).isEqualTo(150);
    JsonNode pro =
        sr.admin("POST", "/admin/api/stores", "{\"name\":\"P\",\"plan\":\"pro\"}")
            .json()
            .path("data");
    assertThat(pro.path("rate_limit").path("quota").asLong()).isEqualTo(450);
    JsonNode ent =
        sr.admin("POST", "/admin/api/stores", "{\"name\":\"E\",\"plan\":\"enterprise\"}")
            .json()
            .path("data");
    assertThat(ent.path("rate_limit").path("quota").asLong()).isEqualTo(7_000_000);
    JsonNode custom =
        sr.admin(
                "POST",
                "/admin/api/stores",
                "{\"name\":\"C\",\"plan\":\"pro\",\"product_limit\":5,\"rate_limit\":{\"quota\":10,\"window_ms\":1000}}")
            .json()
            .path("data");
    assertThat(custom.path("product_limit").asLong()).isEqualTo(5);
    assertThat(custom.path("rate_limit").path("quota").asLong()).isEqualTo(10);
    assertThat(custom.path("rate_limit").path("window_ms").asLong()).isEqualTo(1000);
  }

  @Test
  void createIs201WithLocationAndBadInputIs422() {
    Response r = sr.admin("POST", "/admin/api/stores", "{\"name\":\"Loc\"}");
    assertThat(r.status()).isEqualTo(201);
    assertThat(r.header("Location"))
        .contains("/admin/api/stores/" + r.json().path("data").path("store_hash").asText());
    Response bad =
        sr.admin("POST", "/admin/api/stores", "{\"plan\":\"gold\",\"product_limit\":-1}");
    assertThat(bad.status()).isEqualTo(422);
    assertThat(bad.json().path("errors").has("name")).isTrue();
    assertThat(bad.json().path("errors").has("plan")).isTrue();
    assertThat(bad.json().path("errors").has("product_limit")).isTrue();
    assertThat(sr.admin("POST", "/admin/api/stores", "{\"name\":").status()).isEqualTo(400);
  }

  @Test
  void getListUpdateAndDelete() {
    TestStore s = sr.newStore();
    s.product("Data", 1);
    assertThat(
            sr.admin("GET", "/admin/api/stores/" + s.hash(), null)
                .json()
                .path("data")
                .path("name")
                .asText())
        .startsWith("Test store");
    List<String> hashes =
        sr.admin("GET", "/admin/api/stores", null)
            .json()
            .path("data")
            .findValuesAsText("store_hash");
    assertThat(hashes).contains(s.hash());
    Response put =
        sr.admin(
            "PUT",
            "/admin/api/stores/" + s.hash(),
            "{\"name\":\"Renamed\",\"plan\":\"pro\",\"product_limit\":7,\"rate_limit\":{\"quota\":9,\"window_ms\":2000}}");
    assertThat(put.status()).isEqualTo(200);
    JsonNode d = put.json().path("data");
    assertThat(d.path("name").asText()).isEqualTo("Renamed");
    assertThat(d.path("plan").asText()).isEqualTo("pro");
    assertThat(d.path("product_limit").asLong()).isEqualTo(7);
    assertThat(s.get("v3/catalog/products").header("X-Rate-Limit-Requests-Quota")).contains("9");
    assertThat(sr.admin("PUT", "/admin/api/stores/" + s.hash(), "{\"status\":\"closed\"}").status())
        .isEqualTo(422);
    assertThat(sr.admin("DELETE", "/admin/api/stores/" + s.hash(), null).status()).isEqualTo(204);
    assertThat(sr.admin("GET", "/admin/api/stores/" + s.hash(), null).status()).isEqualTo(404);
    assertThat(s.get("v3/catalog/products").status()).isEqualTo(404);
  }

  @Test
  void deletingAStoreRemovesItsDataForGood() throws Exception {
    TestStore s = sr.newStore();
    long storeId = s.get("v2/store").json().path("store_id").asLong();
    long c = s.category("Old cat", 0);
    s.brand("Old brand");
    s.post(
        "v3/catalog/products",
        "{\"name\":\"Old\",\"type\":\"physical\",\"weight\":1,\"price\":1,\"categories\":["
            + c
            + "]}");
    List<String> tables = Sql.storeTables(sr);
    assertThat(tables)
        .contains("products", "categories", "brands", "product_categories", "api_accounts");
    long before = 0;
    for (String t : tables) {
      before += Sql.count(sr, "SELECT COUNT(*) FROM " + t + " WHERE store_id = " + storeId);
    }
    assertThat(before).isGreaterThan(5);
    assertThat(sr.admin("DELETE", "/admin/api/stores/" + s.hash(), null).status()).isEqualTo(204);
    for (String t : tables) {
      assertThat(Sql.count(sr, "SELECT COUNT(*) FROM " + t + " WHERE store_id = " + storeId))
          .as(t)
          .isZero();
    }
    assertThat(Sql.count(sr, "SELECT COUNT(*) FROM stores WHERE id = " + storeId)).isZero();
    assertThat(sr.admin("GET", "/admin/api/stores/" + s.hash() + "/api-accounts", null).status())
        .isEqualTo(404);
  }

  @Test
  void apiAccountsShowTheTokenOnceAndRevokeAtOnce() {
    TestStore s = sr.newStore();
    Response created =
        sr.admin(
            "POST",
            "/admin/api/stores/" + s.hash() + "/api-accounts",
            "{\"name\":\"app\",\"scopes\":[\"store_v2_products_read_only\",\"store_v2_information\"]}");
    assertThat(created.status()).isEqualTo(201);
    JsonNode a = created.json().path("data");
    assertThat(a.path("access_token").asText()).matches("[a-z0-9]{31}");
    assertThat(a.path("client_id").asText()).matches("[a-z0-9]{31}");
    assertThat(a.path("scopes")).hasSize(2);
    Response list = sr.admin("GET", "/admin/api/stores/" + s.hash() + "/api-accounts", null);
    assertThat(list.body())
        .doesNotContain(a.path("access_token").asText())
        .doesNotContain("access_token");
    assertThat(list.json().path("data")).hasSize(2);
    String token = a.path("access_token").asText();
    assertThat(
            sr.http()
                .send("GET", s.path("v3/catalog/products"), null, "X-Auth-Token", token)
                .status())
        .isEqualTo(200);
    assertThat(
            sr.admin(
                    "DELETE",
                    "/admin/api/stores/" + s.hash() + "/api-accounts/" + a.path("id").asLong(),
                    null)
                .status())
        .isEqualTo(204);
    assertThat(
            sr.http()
                .send("GET", s.path("v3/catalog/products"), null, "X-Auth-Token", token)
                .status())
        .isEqualTo(401);
    assertThat(
            sr.admin(
                    "DELETE",
                    "/admin/api/stores/" + s.hash() + "/api-accounts/" + a.path("id").asLong(),
                    null)
                .status())
        .isEqualTo(404);
  }

  @Test
  void unknownScopesAre422() {
    TestStore s = sr.newStore();
    Response r =
        sr.admin(
            "POST",
            "/admin/api/stores/" + s.hash() + "/api-accounts",
            "{\"name\":\"app\",\"scopes\":[\"store_v2_products\",\"store_v2_everything\"]}");
    assertThat(r.status()).isEqualTo(422);
    assertThat(r.json().path("errors").path("scopes.1").asText()).contains("store_v2_everything");
    for (String scope :
        List.of(
            "store_v2_orders_read_only",
            "store_themes_read_only",
            "default",
            "store_v2_customers_login")) {
      assertThat(
              sr.admin(
                      "POST",
                      "/admin/api/stores/" + s.hash() + "/api-accounts",
                      "{\"name\":\"ok\",\"scopes\":[\"" + scope + "\"]}")
                  .status())
          .as(scope)
          .isEqualTo(201);
    }
  }

  @Test
  void platformLimitsHaveDefaultsAndPerStoreOverrides() {
    Response created =
        sr.admin(
            "POST",
            "/admin/api/stores",
            "{\"name\":\"L\",\"platform_limits\":{\"skus_per_product\":10}}");
    assertThat(created.status()).isEqualTo(201);
    JsonNode limits = created.json().path("data").path("platform_limits");
    assertThat(limits.path("skus_per_product").asLong()).isEqualTo(10);
    assertThat(limits.path("custom_fields_per_product").asLong()).isEqualTo(200);
    assertThat(limits.path("values_per_option").asLong()).isEqualTo(250);
    assertThat(limits.path("category_depth").asLong()).isEqualTo(8);
    assertThat(limits.path("metafields_per_resource").asLong()).isEqualTo(50);
    String hash = created.json().path("data").path("store_hash").asText();
    Response updated =
        sr.admin(
            "PUT", "/admin/api/stores/" + hash, "{\"platform_limits\":{\"category_depth\":2}}");
    assertThat(updated.status()).isEqualTo(200);
    limits = updated.json().path("data").path("platform_limits");
    assertThat(limits.path("category_depth").asLong()).isEqualTo(2);
    assertThat(limits.path("skus_per_product").asLong()).isEqualTo(10);
    Response unknown =
        sr.admin("PUT", "/admin/api/stores/" + hash, "{\"platform_limits\":{\"widgets\":2}}");
    assertThat(unknown.status()).isEqualTo(422);
    assertThat(unknown.json().path("errors").has("platform_limits.widgets")).isTrue();
  }
}
