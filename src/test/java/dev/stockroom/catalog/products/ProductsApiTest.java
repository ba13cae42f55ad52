package dev.stockroom.catalog.products;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.stockroom.testing.ApiClient.Response;
import dev.stockroom.testing.Stockroom;
import dev.stockroom.testing.StockroomTest;
import dev.stockroom.testing.TestStore;
import java.util.List;
import org.junit.jupiter.api.Test;

@StockroomTest
class ProductsApiTest {
  static final String P = "v3/catalog/products";
  final Stockroom sr;

  ProductsApiTest(Stockroom sr) {
    this.sr = sr;
  }

  static List<Long> ids(Response r) {
    return r.ids();
  }

  @Test
  void createReturns201WithTheFullProductAndItsBaseVariant() {
    TestStore s = sr.newStore();
    Response r =
        s.post(
            P,
            "{\"name\":\"Le Parfait Jar\",\"type\":\"physical\",\"weight\":2.5,\"price\":7.95,\"sku\":\"LPJ\",\"sale_price\":6.5}");
    assertThat(r.status()).isEqualTo(201);
    JsonNode d = r.json().path("data");
    assertThat(d.path("id").asLong()).isEqualTo(1);
    assertThat(d.path("name").asText()).isEqualTo("Le Parfait Jar");
    assertThat(d.path("price").isNumber()).isTrue();
    assertThat(d.path("price").asDouble()).isEqualTo(7.95);
    assertThat(d.path("calculated_price").asDouble()).isEqualTo(6.5);
    assertThat(d.path("base_variant_id").asLong()).isPositive();
    assertThat(d.path("inventory_tracking").asText()).isEqualTo("none");
    assertThat(d.path("custom_url").path("url").asText()).isEqualTo("/le-parfait-jar/");
    assertThat(d.path("date_created").asText())
        .matches("\\d{4}-\\d\\d-\\d\\dT\\d\\d:\\d\\d:\\d\\d\\+00:00");
    assertThat(d.path("preorder_release_date").isNull()).isTrue();
    assertThat(r.json().path("meta").isObject()).isTrue();
    assertThat(r.header("Location")).contains(s.path(P + "/1"));

    Response got = s.get(P + "/1");
    assertThat(got.status()).isEqualTo(200);
    assertThat(got.json().path("data")).isEqualTo(d);
    assertThat(got.json().path("meta").size()).isZero();
  }

  @Test
  void idsAreSequentialPerStore() {
    TestStore a = sr.newStore();
    TestStore b = sr.newStore();
    assertThat(a.product("A1", 1)).isEqualTo(1);
    assertThat(b.product("B1", 1)).isEqualTo(1);
    assertThat(a.product("A2", 1)).isEqualTo(2);
    assertThat(a.get(P + "/2").json().path("data").path("base_variant_id").asLong())
        .isNotEqualTo(a.get(P + "/1").json().path("data").path("base_variant_id").asLong());
  }

  @Test
  void readOnlyFieldsSentBackAreIgnoredAndUnknownFieldsAre422() {
    TestStore s = sr.newStore();
    long id = s.product("Echo", 5);
    JsonNode full = s.get(P + "/" + id).json().path("data");
    Response put = s.put(P + "/" + id, full.toString().replace("\"price\":5.0", "\"price\":6.0"));
    assertThat(put.status()).as(put.body()).isEqualTo(200);
    assertThat(put.json().path("data").path("price").asDouble()).isEqualTo(6.0);
    assertThat(put.json().path("data").path("base_variant_id"))
        .isEqualTo(full.path("base_variant_id"));
    Response unknown = s.put(P + "/" + id, "{\"colour\":\"red\"}");
    assertThat(unknown.status()).isEqualTo(422);
    assertThat(unknown.json().path("errors").has("colour")).isTrue();
  }

  @Test
  void putIsPartialAndCategoriesAreReplacedAsAWhole() {
    TestStore s = sr.newStore();
    long c1 = s.category("C1", 0);
    long c2 = s.category("C2", 0);
    Response created =
        s.post(
            P,
            "{\"name\":\"Cat\",\"type\":\"digital\",\"weight\":0,\"price\":1,\"categories\":["
                + c1
                + "]}");
    long id = created.json().path("data").path("id").asLong();
    Response put = s.put(P + "/" + id, "{\"categories\":[" + c2 + "]}");
    assertThat(put.status()).isEqualTo(200);
    assertThat(put.json().path("data").path("categories").toString()).isEqualTo("[" + c2 + "]");
    assertThat(put.json().path("data").path("type").asText()).isEqualTo("digital");
    assertThat(ids(s.get(P + "?categories:in=" + c1))).isEmpty();
    assertThat(ids(s.get(P + "?categories:in=" + c2))).containsExactly(id);
    assertThat(s.delete("v3/catalog/categories/" + c1).status()).isEqualTo(204);
  }

  @Test
  void duplicateNameOrSkuIs409() {
    TestStore s = sr.newStore();
    s.post(P, "{\"name\":\"Same\",\"type\":\"physical\",\"weight\":1,\"price\":1,\"sku\":\"S-1\"}");
    Response name = s.post(P, "{\"name\":\"Same\",\"type\":\"physical\",\"weight\":1,\"price\":1}");
    assertThat(name.status()).isEqualTo(409);
    assertThat(name.json().path("errors").has("name")).isTrue();
    Response sku =
        s.post(
            P,
            "{\"name\":\"Other\",\"type\":\"physical\",\"weight\":1,\"price\":1,\"sku\":\"S-1\"}");
    assertThat(sku.status()).isEqualTo(409);
    assertThat(sku.json().path("errors").has("sku")).isTrue();
    long other = s.product("Other", 1);
    assertThat(s.put(P + "/" + other, "{\"name\":\"Same\"}").status()).isEqualTo(409);
    assertThat(s.put(P + "/" + other, "{\"name\":\"Other\"}").status()).isEqualTo(200);
  }

  @Test
  void unknownBrandOrCategoryIs409() {
    TestStore s = sr.newStore();
    Response brand =
        s.post(
            P, "{\"name\":\"B\",\"type\":\"physical\",\"weight\":1,\"price\":1,\"brand_id\":99}");
    assertThat(brand.status()).isEqualTo(409);
    assertThat(brand.json().path("errors").has("brand_id")).isTrue();
    Response cat =
        s.post(
            P,
            "{\"name\":\"B\",\"type\":\"physical\",\"weight\":1,\"price\":1,\"categories\":[42]}");
    assertThat(cat.status()).isEqualTo(409);
    assertThat(cat.json().path("errors").path("categories").asText()).contains("42");
    long b = s.brand("Real");
    assertThat(
            s.post(
                    P,
                    "{\"name\":\"B\",\"type\":\"physical\",\"weight\":1,\"price\":1,\"brand_id\":"
                        + b
                        + "}")
                .status())
        .isEqualTo(201);
  }

  @Test
  void brandNameFindsOrCreatesTheBrandAndIsNeverReturned() {
    TestStore s = sr.newStore();
    long acme = s.brand("Acme");
    Response r =
        s.post(
            P,
            "{\"name\":\"BN\",\"type\":\"physical\",\"weight\":1,\"price\":1,\"brand_name\":\"ACME\"}");
    assertThat(r.json().path("data").path("brand_id").asLong()).isEqualTo(acme);
    assertThat(r.json().path("data").has("brand_name")).isFalse();
    Response fresh =
        s.post(
            P,
            "{\"name\":\"BN2\",\"type\":\"physical\",\"weight\":1,\"price\":1,\"brand_name\":\"Zeta\"}");
    long zeta = fresh.json().path("data").path("brand_id").asLong();
    assertThat(s.get("v3/catalog/brands/" + zeta).json().path("data").path("name").asText())
        .isEqualTo("Zeta");
  }

  @Test
  void listFiltersByIdFormsNameSkuTypePriceAndFlags() {
    TestStore s = sr.newStore();
    for (int i = 1; i <= 6; i++) {
      s.post(
          P,
          "{\"name\":\"Item "
              + i
              + "\",\"type\":\""
              + (i % 2 == 0 ? "digital" : "physical")
              + "\",\"weight\":"
              + i
              + ",\"price\":"
              + (i * 10)
              + ",\"sku\":\"SKU-"
              + i
              + "\",\"is_featured\":"
              + (i == 3)
              + ",\"inventory_level\":"
              + i
              + ",\"is_visible\":"
              + (i != 6)
              + "}");
    }
    assertThat(ids(s.get(P + "?id=2"))).containsExactly(2L);
    assertThat(ids(s.get(P + "?id:in=1,3,5"))).containsExactly(1L, 3L, 5L);
    assertThat(ids(s.get(P + "?id:not_in=1,2,3"))).containsExactly(4L, 5L, 6L);
    assertThat(ids(s.get(P + "?id:min=5"))).containsExactly(5L, 6L);
    assertThat(ids(s.get(P + "?id:max=2"))).containsExactly(1L, 2L);
    assertThat(ids(s.get(P + "?id:greater=4"))).containsExactly(5L, 6L);
    assertThat(ids(s.get(P + "?id:less=2"))).containsExactly(1L);
    assertThat(ids(s.get(P + "?name=Item%204"))).containsExactly(4L);
    assertThat(ids(s.get(P + "?name:like=item"))).hasSize(6);
    assertThat(ids(s.get(P + "?sku=SKU-2"))).containsExactly(2L);
    assertThat(ids(s.get(P + "?sku:in=SKU-2,SKU-3"))).containsExactly(2L, 3L);
    assertThat(ids(s.get(P + "?type=digital"))).containsExactly(2L, 4L, 6L);
    assertThat(ids(s.get(P + "?price:min=30&price:max=50"))).containsExactly(3L, 4L, 5L);
    assertThat(ids(s.get(P + "?weight:greater=5"))).containsExactly(6L);
    assertThat(ids(s.get(P + "?inventory_level:in=1,6"))).containsExactly(1L, 6L);
    assertThat(ids(s.get(P + "?is_featured=true"))).containsExactly(3L);
    assertThat(ids(s.get(P + "?is_visible=0"))).containsExactly(6L);
    assertThat(ids(s.get(P + "?keyword=sku-5"))).containsExactly(5L);
  }

  @Test
  void listFiltersByBrandCategoriesAndDates() {
    TestStore s = sr.newStore();
    long b = s.brand("Brandy");
    long c = s.category("Cats", 0);
    s.post(
        P,
        "{\"name\":\"With\",\"type\":\"physical\",\"weight\":1,\"price\":1,\"brand_id\":"
            + b
            + ",\"categories\":["
            + c
            + "]}");
    s.product("Without", 1);
    assertThat(ids(s.get(P + "?brand_id=" + b))).containsExactly(1L);
    assertThat(ids(s.get(P + "?categories=" + c))).containsExactly(1L);
    assertThat(ids(s.get(P + "?categories:in=" + c + ",999"))).containsExactly(1L);
    sr.clock().advance(5_000);
    String later = java.time.Instant.ofEpochMilli(sr.clock().millis() - 1000).toString();
    s.put(P + "/2", "{\"price\":2}");
    assertThat(ids(s.get(P + "?date_modified:min=" + later))).containsExactly(2L);
    assertThat(ids(s.get(P + "?date_modified:max=" + later))).containsExactly(1L);
    assertThat(s.get(P + "?date_modified:min=yesterday").status()).isEqualTo(422);
  }

  @Test
  void badFilterValuesAre422NamingTheParameter() {
    TestStore s = sr.newStore();
    Response r = s.get(P + "?id:in=1,abc&price:min=cheap&type=boat");
    assertThat(r.status()).isEqualTo(422);
    assertThat(r.json().path("errors").has("id:in")).isTrue();
    assertThat(r.json().path("errors").has("price:min")).isTrue();
    assertThat(r.json().path("errors").has("type")).isTrue();
    assertThat(s.get(P + "?unknown_param=1").status()).isEqualTo(200);
  }

  @Test
  void sortAndDirection() {
    TestStore s = sr.newStore();
    s.product("b", 30);
    s.product("c", 10);
    s.product("a", 20);
    assertThat(ids(s.get(P + "?sort=name"))).containsExactly(3L, 1L, 2L);
    assertThat(ids(s.get(P + "?sort=price&direction=desc"))).containsExactly(1L, 3L, 2L);
    assertThat(ids(s.get(P + "?direction=desc"))).containsExactly(3L, 2L, 1L);
    assertThat(s.get(P + "?sort=colour").status()).isEqualTo(422);
    assertThat(s.get(P + "?direction=up").status()).isEqualTo(422);
  }

  @Test
  void includesOfAPageBelongToItsOwnProductsOnly() {
    TestStore s = sr.newStore();
    // Five products, each with two option variants and one image, all named after it.
    for (int i = 1; i <= 5; i++) {
      String variants =
          "[{\"sku\":\"INC-%d-A\",\"option_values\":[{\"option_display_name\":\"Size\",\"label\":\"A%d\"}]},"
                  .formatted(i, i)
              + "{\"sku\":\"INC-%d-B\",\"option_values\":[{\"option_display_name\":\"Size\",\"label\":\"B%d\"}]}]"
                  .formatted(i, i);
      Response r =
          s.post(
              P,
              "{\"name\":\"Inc %d\",\"type\":\"physical\",\"weight\":1,\"price\":1,\"variants\":%s}"
                  .formatted(i, variants));
      assertThat(r.status()).as(r.body()).isEqualTo(201);
      long id = r.json().path("data").path("id").asLong();
      Response image =
          s.post(
              P + "/" + id + "/images",
              "{\"image_url\":\"https://example.com/inc-" + id + ".jpg\"}");
      assertThat(image.status()).as(image.body()).isEqualTo(201);
    }
    // Ids read as one range with a gap to drop (1, 3, 4), as an IN list (1, 5), as a whole range,
    // and out of order.
    for (String ids : List.of("1,3,4", "1,5", "1,2,3,4,5", "4,2")) {
      Response r = s.get(P + "?id:in=" + ids + "&include=variants,images,primary_image,options");
      assertThat(r.status()).as(r.body()).isEqualTo(200);
      assertThat(ids(r))
          .as(ids)
          .containsExactlyInAnyOrderElementsOf(
              java.util.Arrays.stream(ids.split(",")).map(Long::valueOf).toList());
      for (JsonNode p : r.json().path("data")) {
        long id = p.path("id").asLong();
        assertThat(p.path("variants")).as("variants of %d", id).hasSize(2);
        for (JsonNode v : p.path("variants")) {
          assertThat(v.path("product_id").asLong()).isEqualTo(id);
          assertThat(v.path("sku").asText()).startsWith("INC-" + id + "-");
        }
        assertThat(p.path("options")).as("options of %d", id).hasSize(1);
        assertThat(p.path("options").get(0).path("product_id").asLong()).isEqualTo(id);
        assertThat(p.path("images")).as("images of %d", id).hasSize(1);
        assertThat(p.path("images").get(0).path("product_id").asLong()).isEqualTo(id);
        assertThat(p.path("images").get(0).path("image_url").asText())
            .isEqualTo("https://example.com/inc-" + id + ".jpg");
        assertThat(p.path("primary_image").path("product_id").asLong()).isEqualTo(id);
      }
    }
  }

  @Test
  void pagingMetaAndLinks() {
    TestStore s = sr.newStore();
    for (int i = 0; i < 5; i++) {
      s.product("P" + i, i);
    }
    Response first = s.get(P + "?limit=2&sort=name");
    JsonNode p = first.json().path("meta").path("pagination");
    assertThat(p.path("total").asInt()).isEqualTo(5);
    assertThat(p.path("count").asInt()).isEqualTo(2);
    assertThat(p.path("per_page").asInt()).isEqualTo(2);
    assertThat(p.path("current_page").asInt()).isEqualTo(1);
    assertThat(p.path("total_pages").asInt()).isEqualTo(3);
    assertThat(p.path("links").has("previous")).isFalse();
    assertThat(p.path("links").path("current").asText()).isEqualTo("?sort=name&page=1&limit=2");
    assertThat(p.path("links").path("next").asText()).isEqualTo("?sort=name&page=2&limit=2");
    JsonNode last = s.get(P + "?limit=2&page=3").json();
    assertThat(last.path("data").size()).isEqualTo(1);
    assertThat(last.path("meta").path("pagination").path("links").has("next")).isFalse();
    assertThat(last.path("meta").path("pagination").path("links").path("previous").asText())
        .isEqualTo("?page=2&limit=2");
    JsonNode past = s.get(P + "?limit=2&page=9").json();
    assertThat(past.path("data").size()).isZero();
    assertThat(past.path("meta").path("pagination").path("total").asInt()).isEqualTo(5);
    assertThat(s.get(P).json().path("meta").path("pagination").path("per_page").asInt())
        .isEqualTo(50);
    assertThat(s.get(P + "?limit=0").status()).isEqualTo(422);
    assertThat(s.get(P + "?page=-1").status()).isEqualTo(422);
  }

  @Test
  void includeAndExcludeFieldsKeepTheId() {
    TestStore s = sr.newStore();
    long id = s.product("Fields", 12);
    JsonNode inc = s.get(P + "?include_fields=name,price").json().path("data").get(0);
    assertThat(inc.size()).isEqualTo(3);
    assertThat(inc.path("id").asLong()).isEqualTo(id);
    assertThat(inc.path("price").asDouble()).isEqualTo(12.0);
    JsonNode exc = s.get(P + "/" + id + "?exclude_fields=id,description,price").json().path("data");
    assertThat(exc.has("id")).isTrue();
    assertThat(exc.has("description")).isFalse();
    assertThat(exc.has("price")).isFalse();
    assertThat(exc.has("name")).isTrue();
  }

  @Test
  void deleteOneThenItIsGone() {
    TestStore s = sr.newStore();
    long id = s.product("Gone", 1);
    assertThat(s.delete(P + "/" + id).status()).isEqualTo(204);
    assertThat(s.get(P + "/" + id).status()).isEqualTo(404);
    assertThat(s.delete(P + "/" + id).status()).isEqualTo(404);
    assertThat(s.get(P + "/abc").status()).isEqualTo(404);
  }

  @Test
  void collectionDeleteNeedsAFilterAndDeletesOnlyMatches() {
    TestStore s = sr.newStore();
    for (int i = 1; i <= 4; i++) {
      s.product("D" + i, i);
    }
    Response none = s.delete(P);
    assertThat(none.status()).isEqualTo(422);
    assertThat(s.get(P).json().path("meta").path("pagination").path("total").asInt()).isEqualTo(4);
    assertThat(s.delete(P + "?id:in=1,3").status()).isEqualTo(204);
    assertThat(ids(s.get(P))).containsExactly(2L, 4L);
    assertThat(s.delete(P + "?name=D4").status()).isEqualTo(204);
    assertThat(ids(s.get(P))).containsExactly(2L);
    assertThat(s.get(P).json().path("meta").path("pagination").path("total").asInt()).isEqualTo(1);
  }

  @Test
  void batchUpdateAppliesAllOrNothing() {
    TestStore s = sr.newStore();
    long a = s.product("BA", 1);
    long b = s.product("BB", 2);
    Response ok = s.put(P, "[{\"id\":" + a + ",\"price\":11},{\"id\":" + b + ",\"price\":22}]");
    assertThat(ok.status()).isEqualTo(200);
    assertThat(ok.json().path("data").size()).isEqualTo(2);
    assertThat(ok.json().path("data").get(1).path("price").asDouble()).isEqualTo(22.0);
    assertThat(ok.json().path("meta").path("pagination").path("total").asInt()).isEqualTo(2);
    Response conflict =
        s.put(P, "[{\"id\":" + a + ",\"price\":99},{\"id\":" + b + ",\"name\":\"BA\"}]");
    assertThat(conflict.status()).isEqualTo(409);
    assertThat(conflict.json().path("errors").has("1.name")).isTrue();
    assertThat(s.get(P + "/" + a).json().path("data").path("price").asDouble()).isEqualTo(11.0);
    Response missing = s.put(P, "[{\"id\":999,\"price\":1}]");
    assertThat(missing.status()).isEqualTo(404);
    assertThat(s.put(P, "{\"id\":1}").status()).isEqualTo(422);
  }

  @Test
  void subResourcesAProductBodyDoesNotTakeAreRefusedClearly() {
    TestStore s = sr.newStore();
    Response r =
        s.post(P, "{\"name\":\"V\",\"type\":\"physical\",\"weight\":1,\"price\":1,\"options\":[]}");
    assertThat(r.status()).isEqualTo(422);
    assertThat(r.json().path("errors").path("options").asText()).contains("/options");
  }

  @Test
  void everyReadSeesTheLatestAcknowledgedWrite() {
    TestStore s = sr.newStore();
    long id = s.product("Fresh", 0);
    for (int i = 1; i <= 24; i++) {
      assertThat(s.put(P + "/" + id, "{\"price\":" + i + "}").status()).isEqualTo(200);
      assertThat(s.get(P + "/" + id).json().path("data").path("price").asDouble()).isEqualTo(i);
      assertThat(s.get(P + "?id=" + id).json().path("data").get(0).path("price").asDouble())
          .isEqualTo(i);
    }
  }

  @Test
  void aCollectionDeleteWithOnlyNoOpFiltersIs422AndDeletesNothing() {
    TestStore s = sr.newStore();
    s.product("Kept 1", 1);
    s.product("Kept 2", 2);
    assertThat(s.delete(P + "?status=1").status()).isEqualTo(422);
    assertThat(s.delete(P + "?keyword_context=shopper").status()).isEqualTo(422);
    assertThat(s.get(P).json().path("meta").path("pagination").path("total").asInt()).isEqualTo(2);
  }

  @Test
  void dateModifiedFiltersMatchTheValueTheApiReturns() {
    TestStore s = sr.newStore();
    long id = s.product("Dated", 1);
    String modified = s.get(P + "/" + id).json().path("data").path("date_modified").asText();
    String q = java.net.URLEncoder.encode(modified, java.nio.charset.StandardCharsets.UTF_8);
    assertThat(ids(s.get(P + "?date_modified=" + q))).containsExactly(id);
    assertThat(ids(s.get(P + "?date_modified:max=" + q))).containsExactly(id);
    assertThat(ids(s.get(P + "?date_modified:min=" + q))).containsExactly(id);
  }

  @Test
  void datesOutOfRangeAre422() {
    TestStore s = sr.newStore();
    assertThat(s.get(P + "?date_modified:min=%2B300000000-01-01").status()).isEqualTo(422);
    Response r =
        s.post(
            P,
            "{\"name\":\"Far\",\"type\":\"physical\",\"weight\":1,\"price\":1,"
                + "\"preorder_release_date\":\"+300000000-01-01T00:00:00Z\"}");
    assertThat(r.status()).isEqualTo(422);
    assertThat(r.json().path("errors").has("preorder_release_date")).isTrue();
  }

  @Test
  void batchIdsBeyondTheRangeAre422NeverAnotherProduct() {
    TestStore s = sr.newStore();
    long id = s.product("Target", 1);
    Response r = s.put(P, "[{\"id\":18446744073709551617,\"name\":\"hijack\"}]");
    assertThat(r.status()).isEqualTo(422);
    assertThat(r.json().path("errors").has("0.id")).isTrue();
    assertThat(s.get(P + "/" + id).json().path("data").path("name").asText()).isEqualTo("Target");
  }

  @Test
  void skuStaysUniqueOnUpdates() {
    TestStore s = sr.newStore();
    s.post(P, "{\"name\":\"S1\",\"type\":\"physical\",\"weight\":1,\"price\":1,\"sku\":\"DUP\"}");
    long other = s.product("S2", 1);
    Response r = s.put(P + "/" + other, "{\"sku\":\"DUP\"}");
    assertThat(r.status()).isEqualTo(409);
    assertThat(r.json().path("errors").has("sku")).isTrue();
  }

  @Test
  void includeAddsEverySubResourceTheSpecNames() {
    TestStore s = sr.newStore();
    long id = s.product("Full", 10);
    long bare = s.product("Bare", 1);
    String p = P + "/" + id;
    s.post(p + "/images", "{\"image_url\":\"https://example.com/a.png\"}");
    s.post(p + "/images", "{\"image_url\":\"https://example.com/b.png\",\"is_thumbnail\":true}");
    s.post(p + "/custom-fields", "{\"name\":\"Material\",\"value\":\"Glass\"}");
    s.post(
        p + "/bulk-pricing-rules",
        "{\"quantity_min\":10,\"quantity_max\":0,\"type\":\"percent\",\"amount\":5}");
    s.post(p + "/videos", "{\"video_id\":\"dQw4w9WgXcQ\"}");
    s.post(
        p + "/options",
        "{\"display_name\":\"Size\",\"type\":\"dropdown\",\"option_values\":[{\"label\":\"S\",\"sort_order\":0}]}");
    s.post(p + "/modifiers", "{\"display_name\":\"Note\",\"type\":\"text\",\"required\":false}");
    String all =
        "variants,images,custom_fields,bulk_pricing_rules,primary_image,modifiers,options,videos";
    Response one = s.get(p + "?include=" + all);
    assertThat(one.status()).isEqualTo(200);
    var d = one.json().path("data");
    assertThat(d.path("variants")).hasSize(1);
    assertThat(d.path("images")).hasSize(2);
    assertThat(d.path("primary_image").path("image_url").asText())
        .isEqualTo("https://example.com/b.png");
    assertThat(d.path("custom_fields").get(0).path("value").asText()).isEqualTo("Glass");
    assertThat(d.path("bulk_pricing_rules").get(0).path("type").asText()).isEqualTo("percent");
    assertThat(d.path("videos").get(0).path("video_id").asText()).isEqualTo("dQw4w9WgXcQ");
    assertThat(d.path("options").get(0).path("display_name").asText()).isEqualTo("Size");
    assertThat(d.path("modifiers").get(0).path("display_name").asText()).isEqualTo("Note");
    // In a list, each product gets its own; one without any gets empty lists and no primary image.
    Response list = s.get(P + "?include=" + all + "&sort=id");
    assertThat(list.json().path("data")).hasSize(2);
    var b = list.json().path("data").get(1);
    assertThat(b.path("id").asLong()).isEqualTo(bare);
    assertThat(b.path("images")).isEmpty();
    assertThat(b.path("custom_fields")).isEmpty();
    assertThat(b.path("primary_image").isNull()).isTrue();
    assertThat(b.path("variants")).hasSize(1);
    assertThat(list.json().path("data").get(0).path("images")).hasSize(2);
  }

  @Test
  void aProductBodyCarriesItsCustomFieldsBulkRulesVideosAndImagesAllOrNothing() {
    TestStore s = sr.newStore();
    String parts =
        "\"custom_fields\":[{\"name\":\"Material\",\"value\":\"Glass\"}],"
            + "\"bulk_pricing_rules\":[{\"quantity_min\":10,\"quantity_max\":19,\"type\":\"price\",\"amount\":1}],"
            + "\"videos\":[{\"video_id\":\"dQw4w9WgXcQ\"}],"
            + "\"images\":[{\"image_url\":\"https://example.com/jar.png\",\"description\":\"Front\"}]";
    Response r =
        s.post(
            P, "{\"name\":\"Jar\",\"type\":\"physical\",\"weight\":1,\"price\":7," + parts + "}");
    assertThat(r.status()).as(r.body()).isEqualTo(201);
    assertThat(r.json().path("data").has("custom_fields")).isFalse();
    long id = r.json().path("data").path("id").asLong();
    var d =
        s.get(
                P
                    + "/"
                    + id
                    + "?include=custom_fields,bulk_pricing_rules,videos,images,primary_image")
            .json()
            .path("data");
    assertThat(d.path("custom_fields").get(0).path("name").asText()).isEqualTo("Material");
    assertThat(d.path("bulk_pricing_rules").get(0).path("quantity_max").asInt()).isEqualTo(19);
    assertThat(d.path("videos").get(0).path("video_id").asText()).isEqualTo("dQw4w9WgXcQ");
    assertThat(d.path("primary_image").path("description").asText()).isEqualTo("Front");
    // A bad item is named by its place; nothing is created.
    Response bad =
        s.post(
            P,
            "{\"name\":\"Bad\",\"type\":\"physical\",\"weight\":1,\"price\":7,"
                + "\"custom_fields\":[{\"name\":\"ok\",\"value\":\"v\"},{\"name\":\"\"}],"
                + "\"images\":[{\"image_url\":\"ftp://x\"}]}");
    assertThat(bad.status()).isEqualTo(422);
    assertThat(bad.json().path("errors").has("custom_fields.1.name")).isTrue();
    assertThat(bad.json().path("errors").has("images.0.image_url")).isTrue();
    // Overlapping rules in one body: 409, and neither the product nor any part remains.
    Response overlap =
        s.post(
            P,
            "{\"name\":\"Overlap\",\"type\":\"physical\",\"weight\":1,\"price\":7,"
                + "\"custom_fields\":[{\"name\":\"n\",\"value\":\"v\"}],"
                + "\"bulk_pricing_rules\":[{\"quantity_min\":1,\"quantity_max\":10,\"type\":\"price\",\"amount\":1},"
                + "{\"quantity_min\":5,\"quantity_max\":20,\"type\":\"price\",\"amount\":2}]}");
    assertThat(overlap.status()).isEqualTo(409);
    assertThat(s.get(P + "?name=Overlap").ids()).isEmpty();
    assertThat(s.get(P).ids()).containsExactly(id);
    // A PUT adds new ones; existing ones change at their own endpoint.
    Response put =
        s.put(P + "/" + id, "{\"custom_fields\":[{\"name\":\"Lid\",\"value\":\"Cork\"}]}");
    assertThat(put.status()).as(put.body()).isEqualTo(200);
    assertThat(s.get(P + "/" + id + "/custom-fields").json().path("data")).hasSize(2);
    long field =
        s.get(P + "/" + id + "/custom-fields").json().path("data").get(0).path("id").asLong();
    Response withId =
        s.put(P + "/" + id, "{\"custom_fields\":[{\"id\":" + field + ",\"value\":\"x\"}]}");
    assertThat(withId.status()).isEqualTo(422);
    assertThat(withId.json().path("errors").path("custom_fields.0.id").asText())
        .contains("custom-fields");
  }
}
