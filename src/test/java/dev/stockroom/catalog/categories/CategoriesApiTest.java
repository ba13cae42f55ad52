package dev.stockroom.catalog.categories;

import static org.assertj.core.api.Assertions.assertThat;

import dev.stockroom.testing.ApiClient.Response;
import dev.stockroom.testing.Stockroom;
import dev.stockroom.testing.StockroomTest;
import dev.stockroom.testing.TestStore;
import java.util.List;
import org.junit.jupiter.api.Test;

@StockroomTest
class CategoriesApiTest {
  static final String C = "v3/catalog/categories";
  final Stockroom sr;

  CategoriesApiTest(Stockroom sr) {
    this.sr = sr;
  }

  static List<Long> ids(Response r) {
    return r.ids();
  }

  @Test
  void createGetUpdateDelete() {
    TestStore s = sr.newStore();
    Response r = s.post(C, "{\"name\":\"Garden\",\"parent_id\":0}");
    assertThat(r.status()).isEqualTo(201);
    assertThat(r.json().path("data").path("layout_file").asText()).isEqualTo("category.html");
    assertThat(r.json().path("data").path("custom_url").path("url").asText()).isEqualTo("/garden/");
    assertThat(r.json().path("data").path("is_visible").asBoolean()).isTrue();
    long id = r.json().path("data").path("id").asLong();
    assertThat(s.get(C + "/" + id).json().path("data").path("name").asText()).isEqualTo("Garden");
    Response put = s.put(C + "/" + id, "{\"description\":\"<p>Green</p>\",\"is_visible\":false}");
    assertThat(put.status()).isEqualTo(200);
    assertThat(put.json().path("data").path("name").asText()).isEqualTo("Garden");
    assertThat(put.json().path("data").path("is_visible").asBoolean()).isFalse();
    assertThat(s.delete(C + "/" + id).status()).isEqualTo(204);
    assertThat(s.get(C + "/" + id).status()).isEqualTo(404);
  }

  @Test
  void parentIdAndNameAreRequiredAndTheNameAtMost50() {
    TestStore s = sr.newStore();
    Response r = s.post(C, "{}");
    assertThat(r.status()).isEqualTo(422);
    assertThat(r.json().path("errors").has("name")).isTrue();
    assertThat(r.json().path("errors").has("parent_id")).isTrue();
    assertThat(s.post(C, "{\"name\":\"" + "n".repeat(51) + "\",\"parent_id\":0}").status())
        .isEqualTo(422);
    assertThat(s.post(C, "{\"name\":\"Orphan\",\"parent_id\":77}").status()).isEqualTo(422);
  }

  @Test
  void namesAreUniqueAmongSiblingsOnly() {
    TestStore s = sr.newStore();
    long a = s.category("A", 0);
    long b = s.category("B", 0);
    s.category("Same", a);
    Response dup = s.post(C, "{\"name\":\"Same\",\"parent_id\":" + a + "}");
    assertThat(dup.status()).isEqualTo(409);
    assertThat(dup.json().path("errors").has("name")).isTrue();
    assertThat(s.post(C, "{\"name\":\"Same\",\"parent_id\":" + b + "}").status()).isEqualTo(201);
    assertThat(s.put(C + "/" + b, "{\"name\":\"A\"}").status()).isEqualTo(409);
  }

  @Test
  void aCategoryCannotBecomeItsOwnAncestor() {
    TestStore s = sr.newStore();
    long top = s.category("Top", 0);
    long child = s.category("Child", top);
    Response r = s.put(C + "/" + top, "{\"parent_id\":" + child + "}");
    assertThat(r.status()).isEqualTo(422);
    assertThat(r.json().path("errors").has("parent_id")).isTrue();
  }

  @Test
  void deletingACategoryWithProductsIs409SayingHowMany() {
    TestStore s = sr.newStore();
    long c = s.category("Full", 0);
    for (int i = 0; i < 3; i++) {
      s.post(
          "v3/catalog/products",
          "{\"name\":\"F"
              + i
              + "\",\"type\":\"physical\",\"weight\":1,\"price\":1,\"categories\":["
              + c
              + "]}");
    }
    Response r = s.delete(C + "/" + c);
    assertThat(r.status()).isEqualTo(409);
    assertThat(r.json().path("title").asText()).contains("3 product");
    assertThat(r.json().path("errors").path("products").asText()).contains("3");
    assertThat(s.get(C + "/" + c).status()).isEqualTo(200);
    assertThat(s.delete(C + "?id:in=" + c).status()).isEqualTo(409);
    assertThat(s.delete("v3/catalog/products?categories:in=" + c).status()).isEqualTo(204);
    assertThat(s.delete(C + "/" + c).status()).isEqualTo(204);
  }

  @Test
  void deletingAParentWithChildrenIs409() {
    TestStore s = sr.newStore();
    long top = s.category("Parent", 0);
    long child = s.category("Kid", top);
    assertThat(s.delete(C + "/" + top).status()).isEqualTo(409);
    assertThat(s.delete(C + "?id:in=" + top + "," + child).status()).isEqualTo(204);
  }

  @Test
  void listFiltersAndCollectionDeleteNeedsAFilter() {
    TestStore s = sr.newStore();
    long a = s.category("Alpha", 0);
    long b = s.category("Beta", a);
    long g = s.category("Gamma", a);
    assertThat(ids(s.get(C + "?parent_id=" + a))).containsExactly(b, g);
    assertThat(ids(s.get(C + "?name:like=amm"))).containsExactly(g);
    assertThat(ids(s.get(C + "?id:in=" + a + "," + g))).containsExactly(a, g);
    assertThat(ids(s.get(C + "?keyword=beta"))).containsExactly(b);
    assertThat(s.get(C).json().path("meta").path("pagination").path("total").asInt()).isEqualTo(3);
    Response none = s.delete(C);
    assertThat(none.status()).isEqualTo(422);
    assertThat(ids(s.get(C))).hasSize(3);
    assertThat(s.delete(C + "?name=Gamma").status()).isEqualTo(204);
    assertThat(ids(s.get(C))).containsExactly(a, b);
  }

  @Test
  void collectionDeletesOfManyCategoriesWorkInChunks() {
    TestStore s = sr.newStore();
    long parent = s.category("Many", 0);
    for (int i = 0; i < 620; i++) {
      s.category("c" + i, parent);
    }
    long held = s.category("Held", parent);
    s.post(
        "v3/catalog/products",
        "{\"name\":\"Holder\",\"type\":\"physical\",\"weight\":1,\"price\":1,\"categories\":["
            + held
            + "]}");
    Response refused = s.delete(C + "?id:min=1");
    assertThat(refused.status()).isEqualTo(409);
    assertThat(refused.json().path("errors").path("products").asText()).startsWith("1 ");
    assertThat(s.delete("v3/catalog/products?categories:in=" + held).status()).isEqualTo(204);
    // 622 categories: more than the task threshold (250), so the delete is a scheduled task
    Response scheduled = s.delete(C + "?id:min=1");
    assertThat(scheduled.status()).isEqualTo(202);
    assertThat(s.awaitTask(scheduled).path("status").asText()).isEqualTo("completed");
    assertThat(s.get(C).json().path("meta").path("pagination").path("total").asInt()).isZero();
  }

  @Test
  void theCategoryDepthIsAPlatformLimit403NamingIt() {
    TestStore s =
        sr.newStore(
            "{\"name\":\"deep\",\"platform_limits\":{\"category_depth\":3}}",
            List.of("store_v2_products"));
    long one = s.category("One", 0);
    long two = s.category("Two", one);
    long three = s.category("Three", two);
    Response tooDeep = s.post(C, "{\"name\":\"Four\",\"parent_id\":" + three + "}");
    assertThat(tooDeep.status()).isEqualTo(403);
    assertThat(tooDeep.json().path("title").asText()).contains("category_depth").contains("3");
    assertThat(s.get(C + "?parent_id=" + three).json().path("data")).isEmpty();
    // Moving a two-level subtree under a depth-2 category would make depth 4.
    long other = s.category("Other", 0);
    long child = s.category("Child", other);
    Response move = s.put(C + "/" + other, "{\"parent_id\":" + two + "}");
    assertThat(move.status()).isEqualTo(403);
    assertThat(s.get(C + "/" + other).json().path("data").path("parent_id").asLong()).isZero();
    // A leaf fits there.
    assertThat(s.put(C + "/" + child, "{\"parent_id\":" + two + "}").status()).isEqualTo(200);
  }

  @Test
  void theTreeHoldsEveryCategoryUnderItsParent() {
    TestStore s = sr.newStore();
    assertThat(s.get(C + "/tree").json().path("data")).isEmpty();
    long garden = s.category("Garden", 0);
    long tools = s.category("Tools", garden);
    s.category("Spades", tools);
    long kitchen = s.category("Kitchen", 0);
    s.put(C + "/" + kitchen, "{\"sort_order\":-1,\"is_visible\":false}");
    Response r = s.get(C + "/tree");
    assertThat(r.status()).isEqualTo(200);
    var data = r.json().path("data");
    assertThat(data).hasSize(2);
    assertThat(data.get(0).path("name").asText()).isEqualTo("Kitchen");
    assertThat(data.get(0).path("is_visible").asBoolean()).isFalse();
    assertThat(data.get(0).path("children")).isEmpty();
    var g = data.get(1);
    assertThat(g.path("id").asLong()).isEqualTo(garden);
    assertThat(g.path("parent_id").asLong()).isZero();
    assertThat(g.path("url").asText()).isEqualTo("/garden/");
    var t = g.path("children").get(0);
    assertThat(t.path("id").asLong()).isEqualTo(tools);
    assertThat(t.path("parent_id").asLong()).isEqualTo(garden);
    assertThat(t.path("children").get(0).path("name").asText()).isEqualTo("Spades");
    assertThat(r.json().has("meta")).isTrue();
  }
}
