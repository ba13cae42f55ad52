package dev.stockroom.catalog.metafields;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.stockroom.testing.ApiClient.Response;
import dev.stockroom.testing.Sql;
import dev.stockroom.testing.Stockroom;
import dev.stockroom.testing.StockroomTest;
import dev.stockroom.testing.TestStore;
import java.sql.SQLException;
import java.util.List;
import org.junit.jupiter.api.Test;

@StockroomTest
class MetafieldsApiTest {
  final Stockroom sr;

  MetafieldsApiTest(Stockroom sr) {
    this.sr = sr;
  }

  static String metafield(String namespace, String key) {
    return "{\"permission_set\":\"read\",\"namespace\":\""
        + namespace
        + "\",\"key\":\""
        + key
        + "\",\"value\":\"Shelf 3, Bin 5\",\"description\":\"Where products are located\"}";
  }

  /** The metafields path of each resource type, on a fresh product, category and brand. */
  static List<String> owners(TestStore s) {
    long p = s.product("Owner", 1);
    long c = s.category("Owner", 0);
    long b = s.brand("Owner");
    return List.of(
        "v3/catalog/products/" + p + "/metafields",
        "v3/catalog/categories/" + c + "/metafields",
        "v3/catalog/brands/" + b + "/metafields");
  }

  @Test
  void everyResourceTypeAnswersTheSpecsShape() {
    TestStore s = sr.newStore();
    List<String> paths = owners(s);
    List<String> types = List.of("product", "category", "brand");
    for (int i = 0; i < paths.size(); i++) {
      String path = paths.get(i);
      Response created = s.post(path, metafield("Inventory Namespace", "location_id"));
      assertThat(created.status()).as(path).isEqualTo(201);
      JsonNode d = created.json().path("data");
      long id = d.path("id").asLong();
      assertThat(id).as("metafield ids are store-wide").isEqualTo(i + 1);
      List<String> names = new java.util.ArrayList<>();
      d.fieldNames().forEachRemaining(names::add);
      assertThat(names)
          .containsExactly(
              "id",
              "key",
              "value",
              "namespace",
              "permission_set",
              "resource_type",
              "resource_id",
              "description",
              "date_created",
              "date_modified");
      assertThat(d.path("resource_type").asText()).isEqualTo(types.get(i));
      assertThat(d.path("resource_id").asLong()).isEqualTo(1);
      assertThat(d.path("value").asText()).isEqualTo("Shelf 3, Bin 5");
      assertThat(d.path("date_created").asText())
          .matches("\\d{4}-\\d\\d-\\d\\dT\\d\\d:\\d\\d:\\d\\d\\+00:00");
      assertThat(s.get(path + "/" + id).json()).isEqualTo(created.json());

      Response put =
          s.put(path + "/" + id, "{\"value\":\"4H\",\"resource_type\":\"" + types.get(i) + "\"}");
      assertThat(put.status()).isEqualTo(200);
      assertThat(put.json().path("data").path("value").asText()).isEqualTo("4H");
      assertThat(put.json().path("data").path("key").asText()).isEqualTo("location_id");
    }
  }

  @Test
  void listsFilterByKeyNamespaceAndOnCategoriesAndBrandsById() {
    TestStore s = sr.newStore();
    for (String path : owners(s)) {
      s.post(path, metafield("ns1", "a"));
      s.post(path, metafield("ns1", "b"));
      s.post(path, metafield("ns2", "a"));
      List<Long> ids = s.get(path).ids();
      assertThat(ids).hasSize(3);
      assertThat(s.get(path + "?key=a").ids()).containsExactly(ids.get(0), ids.get(2));
      assertThat(s.get(path + "?namespace=ns1").ids()).containsExactly(ids.get(0), ids.get(1));
      assertThat(s.get(path + "?namespace=ns2&key=a").ids()).containsExactly(ids.get(2));
      assertThat(s.get(path + "?key:in=b,c").ids()).containsExactly(ids.get(1));
      assertThat(s.get(path + "?include_fields=key").json().path("data").get(0).toString())
          .isEqualTo("{\"id\":" + ids.get(0) + ",\"key\":\"a\"}");
      if (!path.contains("products")) {
        assertThat(s.get(path + "?id:in=" + ids.get(1)).ids()).containsExactly(ids.get(1));
        assertThat(s.get(path + "?id:min=" + ids.get(1)).ids())
            .containsExactly(ids.get(1), ids.get(2));
        assertThat(s.get(path + "?id:in=abc").status()).isEqualTo(422);
      }
      assertThat(s.get(path + "?key:like=a").status()).isEqualTo(422);
    }
  }

  @Test
  void theSameKeyTwiceIs409ButOtherNamespacesResourcesAndClientsAreFree() {
    TestStore s = sr.newStore();
    List<String> paths = owners(s);
    String path = paths.get(0);
    assertThat(s.post(path, metafield("ns", "k")).status()).isEqualTo(201);
    Response dup = s.post(path, metafield("ns", "k"));
    assertThat(dup.status()).isEqualTo(409);
    assertThat(dup.json().path("errors").path("key").asText()).contains("metafield 1");
    assertThat(s.post(path, metafield("ns", "other")).status()).isEqualTo(201);
    assertThat(s.post(path, metafield("other", "k")).status()).isEqualTo(201);
    assertThat(s.post(paths.get(1), metafield("ns", "k")).status()).isEqualTo(201);
    long second = s.product("Second", 1);
    assertThat(
            s.post("v3/catalog/products/" + second + "/metafields", metafield("ns", "k")).status())
        .isEqualTo(201);
    // The key includes the client id: another API account may use the same namespace and key.
    String app = sr.newToken(s.hash(), List.of("store_v2_products"));
    Response fromApp =
        sr.http().send("POST", s.path(path), metafield("ns", "k"), "X-Auth-Token", app);
    assertThat(fromApp.status()).isEqualTo(201);
    // Renaming onto an existing key is a conflict too.
    Response renamed = s.put(path + "/2", "{\"key\":\"k\"}");
    assertThat(renamed.status()).isEqualTo(409);
    assertThat(s.get(path + "/2").json().path("data").path("key").asText()).isEqualTo("other");
  }

  @Test
  void onlyTheCreatingClientChangesNamespaceKeyAndPermissionSet() {
    TestStore s = sr.newStore();
    String path = owners(s).get(2);
    s.post(path, metafield("ns", "k").replace("\"read\"", "\"write\""));
    String app = sr.newToken(s.hash(), List.of("store_v2_products"));
    for (String change :
        List.of("{\"namespace\":\"x\"}", "{\"key\":\"x\"}", "{\"permission_set\":\"read\"}")) {
      Response r = sr.http().send("PUT", s.path(path + "/1"), change, "X-Auth-Token", app);
      assertThat(r.status()).as(change).isEqualTo(403);
      assertThat(r.json().path("title").asText()).contains("created metafield 1");
    }
    // Another client may change the value of a `write` one, and may echo the owned fields.
    Response value =
        sr.http()
            .send(
                "PUT",
                s.path(path + "/1"),
                "{\"value\":\"v2\",\"namespace\":\"ns\",\"key\":\"k\",\"permission_set\":\"write\"}",
                "X-Auth-Token",
                app);
    assertThat(value.status()).isEqualTo(200);
    assertThat(value.json().path("data").path("value").asText()).isEqualTo("v2");
    // The creator may change them.
    Response own = s.put(path + "/1", "{\"key\":\"k2\",\"permission_set\":\"read\"}");
    assertThat(own.status()).isEqualTo(200);
    assertThat(own.json().path("data").path("key").asText()).isEqualTo("k2");
    JsonNode after = s.get(path + "/1").json().path("data");
    assertThat(after.path("namespace").asText()).isEqualTo("ns");
    assertThat(after.path("permission_set").asText()).isEqualTo("read");
  }

  /**
   * contract: catalog.v3 permission_set — app_only is private to the app that owns it, read is
   * visible to other API consumers, write is open to them for reading and writing.
   */
  @Test
  void thePermissionSetDecidesWhatOtherClientsSeeAndChange() {
    TestStore s = sr.newStore();
    String path = owners(s).get(0);
    String app = sr.newToken(s.hash(), List.of("store_v2_products"));
    long privateId =
        id(s.post(path, metafield("ns", "private").replace("\"read\"", "\"app_only\"")));
    long readId = id(s.post(path, metafield("ns", "read")));
    long writeId = id(s.post(path, metafield("ns", "write").replace("\"read\"", "\"write\"")));

    assertThat(s.get(path).json().path("data")).hasSize(3);
    JsonNode seen = as(app, "GET", s.path(path), null).json();
    assertThat(seen.path("data")).hasSize(2);
    assertThat(seen.path("meta").path("pagination").path("total").asInt()).isEqualTo(2);
    assertThat(seen.toString()).doesNotContain("\"private\"");
    String one = s.path(path + "/" + privateId);
    assertThat(as(app, "GET", one, null).status()).isEqualTo(404);
    assertThat(as(app, "PUT", one, "{\"value\":\"x\"}").status()).isEqualTo(404);
    assertThat(as(app, "DELETE", one, null).status()).isEqualTo(404);
    assertThat(s.get(path + "/" + privateId).status()).isEqualTo(200);

    String read = s.path(path + "/" + readId);
    assertThat(as(app, "GET", read, null).status()).isEqualTo(200);
    Response refused = as(app, "PUT", read, "{\"value\":\"x\"}");
    assertThat(refused.status()).isEqualTo(403);
    assertThat(refused.json().path("title").asText()).contains("permission_set 'read'");
    assertThat(as(app, "DELETE", read, null).status()).isEqualTo(403);
    assertThat(s.get(path + "/" + readId).json().path("data").path("value").asText())
        .isEqualTo("Shelf 3, Bin 5");

    String write = s.path(path + "/" + writeId);
    assertThat(as(app, "PUT", write, "{\"value\":\"x\"}").status()).isEqualTo(200);
    assertThat(as(app, "DELETE", write, null).status()).isEqualTo(204);
    assertThat(s.get(path).json().path("data")).hasSize(2);
  }

  Response as(String token, String method, String fullPath, String json) {
    return sr.http().send(method, fullPath, json, "X-Auth-Token", token);
  }

  static long id(Response created) {
    assertThat(created.status()).as(created.body()).isEqualTo(201);
    return created.json().path("data").path("id").asLong();
  }

  @Test
  void invalidMetafieldsAre422() {
    TestStore s = sr.newStore();
    String path = owners(s).get(0);
    Response missing = s.post(path, "{\"description\":\"d\"}");
    assertThat(missing.status()).isEqualTo(422);
    assertThat(missing.json().path("errors").size()).isEqualTo(4);
    Response bad =
        s.post(
            path,
            "{\"permission_set\":\"everyone\",\"namespace\":\""
                + "n".repeat(65)
                + "\",\"key\":\"\",\"value\":\"v\",\"description\":\""
                + "d".repeat(256)
                + "\"}");
    assertThat(bad.status()).isEqualTo(422);
    assertThat(bad.json().path("errors").path("permission_set").asText()).contains("app_only");
    assertThat(bad.json().path("errors").path("namespace").asText()).contains("64");
    assertThat(bad.json().path("errors").path("key").asText()).isEqualTo("must not be empty");
    assertThat(bad.json().path("errors").path("description").asText()).contains("255");
    Response wrongType =
        s.post(path, metafield("ns", "k").replace("}", ",\"resource_type\":\"brand\"}"));
    assertThat(wrongType.status()).isEqualTo(422);
    assertThat(wrongType.json().path("errors").path("resource_type").asText()).contains("product");
    Response wrongId = s.post(path, metafield("ns", "k").replace("}", ",\"resource_id\":9}"));
    assertThat(wrongId.status()).isEqualTo(422);
    assertThat(s.post(path, metafield("ns", "k").replace("}", ",\"resource_id\":1}")).status())
        .isEqualTo(201);
    Response longValue =
        s.post(path, metafield("ns", "long").replace("Shelf 3, Bin 5", "v".repeat(65536)));
    assertThat(longValue.status()).isEqualTo(422);
  }

  @Test
  void variantMetafieldsOfAMissingProductOrVariantAre404() {
    TestStore s = sr.newStore();
    long p = s.product("Real", 1);
    for (String[] owner :
        new String[][] {
          {"v3/catalog/products/34/variants/1/metafields", "Product 34"},
          {"v3/catalog/products/" + p + "/variants/999/metafields", "Variant 999"}
        }) {
      for (Response r :
          List.of(
              s.get(owner[0]),
              s.post(owner[0], metafield("ns", "k")),
              s.get(owner[0] + "/1"),
              s.put(owner[0] + "/1", "{\"value\":\"v\"}"),
              s.delete(owner[0] + "/1"))) {
        assertThat(r.status()).as(owner[0] + " " + r).isEqualTo(404);
        assertThat(r.json().path("title").asText()).startsWith(owner[1] + " ");
      }
    }
  }

  @Test
  void deletingTheOwnerDeletesItsMetafields() throws SQLException {
    TestStore s = sr.newStore();
    List<String> paths = owners(s);
    long keptBrand = s.brand("Kept");
    for (String path : paths) {
      s.post(path, metafield("ns", "k"));
    }
    s.post("v3/catalog/brands/" + keptBrand + "/metafields", metafield("ns", "k"));
    assertThat(Sql.countInStore(sr, "catalog_children", s.hash())).isEqualTo(4);
    assertThat(s.delete("v3/catalog/products/1").status()).isEqualTo(204);
    assertThat(s.delete("v3/catalog/categories/1").status()).isEqualTo(204);
    assertThat(s.delete("v3/catalog/brands?name=Owner").status()).isEqualTo(204);
    assertThat(Sql.countInStore(sr, "catalog_children", s.hash())).isEqualTo(1);
    assertThat(s.get("v3/catalog/brands/" + keptBrand + "/metafields").ids()).hasSize(1);
    s.category("Owner", 0);
    assertThat(s.get("v3/catalog/categories/2/metafields").ids()).isEmpty();
  }

  @Test
  void variantMetafieldsHangOnTheProductsVariants() {
    TestStore s = sr.newStore();
    long p = s.product("Variant owner", 1);
    long v = s.get("v3/catalog/products/" + p).json().path("data").path("base_variant_id").asLong();
    String path = "v3/catalog/products/" + p + "/variants/" + v + "/metafields";
    Response created = s.post(path, metafield("ns", "k"));
    assertThat(created.status()).isEqualTo(201);
    assertThat(created.json().path("data").path("resource_type").asText()).isEqualTo("variant");
    assertThat(created.json().path("data").path("resource_id").asLong()).isEqualTo(v);
    assertThat(created.header("Location")).contains(s.path(path + "/1"));
    assertThat(s.post(path, metafield("ns", "k")).status()).isEqualTo(409);
    assertThat(s.get(path + "?key=k").ids()).containsExactly(1L);
    assertThat(s.put(path + "/1", "{\"value\":\"v2\"}").json().path("data").path("value").asText())
        .isEqualTo("v2");
    // Under another product the variant is not found.
    long q = s.product("Not the owner", 1);
    assertThat(s.get("v3/catalog/products/" + q + "/variants/" + v + "/metafields").status())
        .isEqualTo(404);
    assertThat(s.delete(path + "/1").status()).isEqualTo(204);
    s.post(path, metafield("ns", "k"));
    assertThat(s.delete("v3/catalog/products/" + p).status()).isEqualTo(204);
    assertThat(s.get(path).status()).isEqualTo(404);
  }
}
