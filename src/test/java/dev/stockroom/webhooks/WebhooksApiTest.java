package dev.stockroom.webhooks;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.stockroom.testing.ApiClient.Response;
import dev.stockroom.testing.Stockroom;
import dev.stockroom.testing.StockroomTest;
import dev.stockroom.testing.TestStore;
import java.util.List;
import org.junit.jupiter.api.Test;

/** {@code /v3/hooks} and {@code /v2/hooks}: shapes, validation, and who sees which hook. */
@StockroomTest
class WebhooksApiTest {
  static final String HOOK =
      "{\"scope\":\"store/order/*\",\"destination\":\"https://app.example.com/orders\","
          + "\"is_active\":true,\"headers\":{\"X-Custom\":\"abc\"}}";
  final Stockroom sr;

  WebhooksApiTest(Stockroom sr) {
    this.sr = sr;
  }

  /** A call of {@code s} with another account's token. */
  Response as(TestStore s, String token, String method, String rest, String json) {
    return sr.http().send(method, s.path(rest), json, "X-Auth-Token", token);
  }

  @Test
  void createAnswers201WithTheFullHookAndItsLocation() {
    TestStore s = sr.newStore();
    long before = sr.clock().millis() / 1000;
    Response r = s.post("v3/hooks", HOOK);
    assertThat(r.status()).as(r.body()).isEqualTo(201);
    JsonNode d = r.json().path("data");
    assertThat(r.json().path("meta").isObject()).isTrue();
    long id = d.path("id").asLong();
    assertThat(r.header("Location")).hasValue("/stores/" + s.hash() + "/v3/hooks/" + id);
    assertThat(d.path("scope").asText()).isEqualTo("store/order/*");
    assertThat(d.path("destination").asText()).isEqualTo("https://app.example.com/orders");
    assertThat(d.path("is_active").asBoolean()).isTrue();
    assertThat(d.path("headers").path("X-Custom").asText()).isEqualTo("abc");
    assertThat(d.path("store_hash").asText()).isEqualTo(s.hash());
    assertThat(d.path("client_id").asText()).isNotBlank();
    // contract: spec-digest §8 #4 — Unix seconds, integers
    assertThat(d.path("created_at").isIntegralNumber()).isTrue();
    assertThat(d.path("created_at").asLong()).isBetween(before, before + 5);
    assertThat(d.path("updated_at").asLong()).isEqualTo(d.path("created_at").asLong());

    Response one = s.get("v3/hooks/" + id);
    assertThat(one.status()).isEqualTo(200);
    assertThat(one.json().path("data")).isEqualTo(d);
  }

  @Test
  void isActiveDefaultsToTrueAndHeadersToNull() {
    TestStore s = sr.newStore();
    Response r =
        s.post(
            "v3/hooks",
            "{\"scope\":\"store/product/created\",\"destination\":\"http://localhost:9/x\"}");
    assertThat(r.status()).as(r.body()).isEqualTo(201);
    assertThat(r.json().path("data").path("is_active").asBoolean()).isTrue();
    assertThat(r.json().path("data").path("headers").isNull()).isTrue();
  }

  @Test
  void listUsesTheWebhooksPaginationAndOnlyTheCallersHooks() {
    TestStore s = sr.newStore();
    s.post("v3/hooks", HOOK);
    s.post("v3/hooks", HOOK.replace("store/order/*", "store/product/*"));
    String other = sr.newToken(s.hash(), List.of("store_v2_products"));
    as(s, other, "POST", "v3/hooks", HOOK);

    Response r = s.get("v3/hooks");
    assertThat(r.status()).isEqualTo(200);
    assertThat(r.json().path("data")).hasSize(2);
    JsonNode p = r.json().path("meta").path("pagination");
    assertThat(p.path("offset").asLong()).isZero();
    assertThat(p.path("limit").asLong()).isEqualTo(50);
    assertThat(p.path("total_items").asLong()).isEqualTo(2);

    Response page2 = s.get("v3/hooks?limit=1&page=2");
    assertThat(page2.json().path("data")).hasSize(1);
    assertThat(page2.json().path("meta").path("pagination").path("offset").asLong()).isEqualTo(1);
    assertThat(s.get("v3/hooks?limit=251").status()).isEqualTo(413);
  }

  @Test
  void anotherAccountOfTheSameStoreCannotSeeOrTouchTheHook() {
    TestStore s = sr.newStore();
    long id = s.post("v3/hooks", HOOK).json().path("data").path("id").asLong();
    String other = sr.newToken(s.hash(), List.of("store_v2_orders"));
    String path = "v3/hooks/" + id;
    assertThat(as(s, other, "GET", path, null).status()).isEqualTo(404);
    assertThat(as(s, other, "PUT", path, "{\"is_active\":false}").status()).isEqualTo(404);
    assertThat(as(s, other, "DELETE", path, null).status()).isEqualTo(404);
    assertThat(as(s, other, "GET", "v3/hooks", null).json().path("data")).isEmpty();
    assertThat(s.get(path).json().path("data").path("is_active").asBoolean()).isTrue();
  }

  @Test
  void anAccountWithoutAnyScopeManagesItsHooks() {
    TestStore s = sr.newStore();
    String bare = sr.newToken(s.hash(), List.of());
    Response r = as(s, bare, "POST", "v3/hooks", HOOK);
    assertThat(r.status()).as(r.body()).isEqualTo(201);
  }

  @Test
  void putChangesOnlyTheGivenFields() {
    TestStore s = sr.newStore();
    JsonNode d = s.post("v3/hooks", HOOK).json().path("data");
    long id = d.path("id").asLong();
    sr.clock().advance(2_000);
    Response r = s.put("v3/hooks/" + id, "{\"is_active\":false}");
    assertThat(r.status()).as(r.body()).isEqualTo(200);
    JsonNode u = r.json().path("data");
    assertThat(u.path("is_active").asBoolean()).isFalse();
    assertThat(u.path("scope").asText()).isEqualTo("store/order/*");
    assertThat(u.path("headers").path("X-Custom").asText()).isEqualTo("abc");
    assertThat(u.path("updated_at").asLong()).isGreaterThan(d.path("updated_at").asLong());

    JsonNode again =
        s.put("v3/hooks/" + id, "{\"is_active\":true,\"headers\":null,\"scope\":\"store/sku/*\"}")
            .json()
            .path("data");
    assertThat(again.path("is_active").asBoolean()).isTrue();
    assertThat(again.path("headers").isNull()).isTrue();
    assertThat(again.path("scope").asText()).isEqualTo("store/sku/*");
  }

  @Test
  void deleteAnswers200WithTheDeletedHook() {
    TestStore s = sr.newStore();
    JsonNode d = s.post("v3/hooks", HOOK).json().path("data");
    Response r = s.delete("v3/hooks/" + d.path("id").asLong());
    // contract: webhooks.v3 — 200 and the hook, not 204 (spec-digest §8 #22)
    assertThat(r.status()).isEqualTo(200);
    assertThat(r.json().path("data")).isEqualTo(d);
    assertThat(s.get("v3/hooks/" + d.path("id").asLong()).status()).isEqualTo(404);
    assertThat(s.delete("v3/hooks/" + d.path("id").asLong()).status()).isEqualTo(404);
  }

  @Test
  void v2AnswersBareHooksAndAnEmptyListWith204() {
    TestStore s = sr.newStore();
    assertThat(s.get("v2/hooks").status()).isEqualTo(204);
    Response r = s.post("v2/hooks", HOOK);
    assertThat(r.status()).as(r.body()).isEqualTo(201);
    long id = r.json().path("id").asLong();
    assertThat(r.json().path("scope").asText()).isEqualTo("store/order/*");
    assertThat(r.header("Location")).hasValue("/stores/" + s.hash() + "/v2/hooks/" + id);
    Response list = s.get("v2/hooks");
    assertThat(list.json().isArray()).isTrue();
    assertThat(list.json().get(0).path("id").asLong()).isEqualTo(id);
    assertThat(s.get("v2/hooks/" + id).json().path("destination").asText())
        .isEqualTo("https://app.example.com/orders");
    assertThat(s.get("v3/hooks/" + id).status()).isEqualTo(200);
    Response gone = s.delete("v2/hooks/" + id);
    assertThat(gone.status()).isEqualTo(200);
    assertThat(gone.json().path("id").asLong()).isEqualTo(id);
  }

  @Test
  void missingOrWrongFieldsAre422NamingEachField() {
    TestStore s = sr.newStore();
    Response r = s.post("v3/hooks", "{\"is_active\":\"yes\"}");
    assertThat(r.status()).isEqualTo(422);
    JsonNode errors = r.json().path("errors");
    assertThat(errors.has("scope")).isTrue();
    assertThat(errors.has("destination")).isTrue();
    assertThat(errors.has("is_active")).isTrue();
    assertThat(s.get("v3/hooks").json().path("data")).isEmpty();
  }

  @Test
  void unknownEventsAreRefused() {
    TestStore s = sr.newStore();
    for (String scope : List.of("store/product/exploded", "store/*", "product/created", "")) {
      Response r =
          s.post(
              "v3/hooks",
              "{\"scope\":\"" + scope + "\",\"destination\":\"https://a.example.com/\"}");
      assertThat(r.status()).as(scope).isEqualTo(422);
      assertThat(r.json().path("errors").has("scope")).as(scope).isTrue();
    }
  }

  @Test
  void destinationsThatAreNotHttpUrlsAreRefused() {
    TestStore s = sr.newStore();
    for (String url :
        List.of(
            "ftp://example.com/x",
            "file:///etc/passwd",
            "gopher://127.0.0.1:6379/_INFO",
            "https://user:secret@example.com/hook",
            "https:///nohost",
            "not a url",
            "https://example.com/" + "a".repeat(2100))) {
      Response r =
          s.post(
              "v3/hooks", "{\"scope\":\"store/product/created\",\"destination\":\"" + url + "\"}");
      assertThat(r.status()).as(url).isEqualTo(422);
      assertThat(r.json().path("errors").has("destination")).as(url).isTrue();
    }
  }

  @Test
  void headersMustBeSafeStrings() {
    TestStore s = sr.newStore();
    for (String headers :
        List.of(
            "\"x\"",
            "{\"Bad Name\":\"v\"}",
            "{\"X-Inject\":\"a\\r\\nHost: evil\"}",
            "{\"Host\":\"evil.example\"}",
            "{\"Content-Length\":\"1\"}",
            "{\"X-Number\":5}")) {
      Response r =
          s.post(
              "v3/hooks",
              "{\"scope\":\"store/product/created\",\"destination\":\"https://a.example.com/\","
                  + "\"headers\":"
                  + headers
                  + "}");
      assertThat(r.status()).as(headers).isEqualTo(422);
    }
  }

  @Test
  void unknownHookIdsAre404() {
    TestStore s = sr.newStore();
    assertThat(s.get("v3/hooks/999").status()).isEqualTo(404);
    assertThat(s.get("v3/hooks/abc").status()).isEqualTo(404);
    assertThat(s.put("v3/hooks/999", "{\"is_active\":false}").status()).isEqualTo(404);
    assertThat(s.get("v2/hooks/999").status()).isEqualTo(404);
  }
}
