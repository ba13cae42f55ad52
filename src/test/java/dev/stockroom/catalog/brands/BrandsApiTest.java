package dev.stockroom.catalog.brands;

import static org.assertj.core.api.Assertions.assertThat;

import dev.stockroom.testing.ApiClient.Response;
import dev.stockroom.testing.Stockroom;
import dev.stockroom.testing.StockroomTest;
import dev.stockroom.testing.TestStore;
import org.junit.jupiter.api.Test;

@StockroomTest
class BrandsApiTest {
  static final String B = "v3/catalog/brands";
  final Stockroom sr;

  BrandsApiTest(Stockroom sr) {
    this.sr = sr;
  }

  @Test
  void crud() {
    TestStore s = sr.newStore();
    Response r = s.post(B, "{\"name\":\"Common Good\",\"meta_keywords\":[\"soap\"]}");
    assertThat(r.status()).isEqualTo(201);
    long id = r.json().path("data").path("id").asLong();
    assertThat(r.json().path("data").path("meta_keywords").get(0).asText()).isEqualTo("soap");
    assertThat(r.json().path("data").path("custom_url").path("url").asText())
        .isEqualTo("/common-good/");
    Response put =
        s.put(
            B + "/" + id,
            "{\"name\":\"Common Good\",\"custom_url\":{\"url\":\"/cg/\",\"is_customized\":true}}");
    assertThat(put.json().path("data").path("custom_url").path("url").asText()).isEqualTo("/cg/");
    assertThat(put.json().path("data").path("name").asText()).isEqualTo("Common Good");
    assertThat(s.get(B + "?name=Common%20Good").json().path("data").size()).isEqualTo(1);
    assertThat(s.delete(B + "/" + id).status()).isEqualTo(204);
    assertThat(s.get(B + "/" + id).status()).isEqualTo(404);
  }

  @Test
  void duplicateNameIs409() {
    TestStore s = sr.newStore();
    s.brand("Dup");
    Response r = s.post(B, "{\"name\":\"Dup\"}");
    assertThat(r.status()).isEqualTo(409);
    assertThat(r.json().path("errors").has("name")).isTrue();
    long other = s.brand("Other");
    assertThat(s.put(B + "/" + other, "{\"name\":\"Dup\"}").status()).isEqualTo(409);
  }

  @Test
  void aLikeFilterWithANulIs422NeverA500() {
    TestStore s = sr.newStore();
    s.brand("Plain");
    for (String bad : new String[] {"%00", "a%00b"}) {
      var r = s.get(B + "?name:like=" + bad);
      assertThat(r.status()).as(bad).isEqualTo(422);
      assertThat(r.json().path("errors").has("name:like")).as(bad).isTrue();
    }
    assertThat(s.get(B + "?name:like=lai").json().path("data").size()).isEqualTo(1);
  }

  @Test
  void nameIsRequired() {
    TestStore s = sr.newStore();
    Response r = s.post(B, "{\"page_title\":\"x\"}");
    assertThat(r.status()).isEqualTo(422);
    assertThat(r.json().path("errors").path("name").asText()).isEqualTo("is required");
  }

  @Test
  void deletingABrandDetachesItsProducts() {
    TestStore s = sr.newStore();
    long b = s.brand("Leaving");
    Response p =
        s.post(
            "v3/catalog/products",
            "{\"name\":\"Kept\",\"type\":\"physical\",\"weight\":1,\"price\":1,\"brand_id\":"
                + b
                + "}");
    long pid = p.json().path("data").path("id").asLong();
    assertThat(s.delete(B + "/" + b).status()).isEqualTo(204);
    assertThat(s.get("v3/catalog/products/" + pid).json().path("data").path("brand_id").asLong())
        .isZero();
  }

  @Test
  void collectionDeleteWithoutAFilterDeletesAllBrandsAsTheSpecSays() {
    TestStore s = sr.newStore();
    s.brand("One");
    s.brand("Two");
    s.brand("Three");
    assertThat(s.delete(B + "?name=Two").status()).isEqualTo(204);
    assertThat(s.get(B).json().path("meta").path("pagination").path("total").asInt()).isEqualTo(2);
    assertThat(s.delete(B).status()).isEqualTo(204);
    assertThat(s.get(B).json().path("data").size()).isZero();
  }

  @Test
  void putNeedsTheNameAsTheSpecSays() {
    TestStore s = sr.newStore();
    long id = s.brand("Named");
    Response r = s.put(B + "/" + id, "{\"page_title\":\"t\"}");
    assertThat(r.status()).isEqualTo(422);
    assertThat(r.json().path("errors").path("name").asText()).isEqualTo("is required");
  }
}
