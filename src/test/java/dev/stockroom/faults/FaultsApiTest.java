package dev.stockroom.faults;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import dev.stockroom.testing.ApiClient.Response;
import dev.stockroom.testing.Stockroom;
import dev.stockroom.testing.StockroomTest;
import dev.stockroom.testing.TestStore;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.Test;

/** Failure rules answer, wait or drop exactly as configured, per store, on a real server. */
@StockroomTest
class FaultsApiTest {
  final Stockroom sr;

  FaultsApiTest(Stockroom sr) {
    this.sr = sr;
  }

  static String faults(TestStore s) {
    return "/admin/api/stores/" + s.hash() + "/faults";
  }

  JsonNode addFault(TestStore s, String json) {
    Response r = sr.admin("POST", faults(s), json);
    assertThat(r.status()).as(r.body()).isEqualTo(201);
    return r.json().path("data");
  }

  static void assertRateLimitHeaders(Response r) {
    assertThat(r.header("X-Rate-Limit-Requests-Left")).isPresent();
    assertThat(r.header("X-Rate-Limit-Requests-Quota")).contains("7000000");
    assertThat(r.header("X-Rate-Limit-Time-Reset-Ms")).isPresent();
    assertThat(r.header("X-Rate-Limit-Time-Window-Ms")).isPresent();
  }

  @Test
  void status500AnswersInTheV3EnvelopeWithRateLimitHeaders() {
    TestStore s = sr.newStore();
    long id =
        addFault(s, "{\"status\":500,\"path\":\"/v3/catalog/products*\"}").path("id").asLong();
    Response r = s.get("v3/catalog/products");
    assertThat(r.status()).isEqualTo(500);
    assertThat(r.json().path("status").asInt()).isEqualTo(500);
    assertThat(r.json().path("title").asText()).contains("fault rule " + id);
    assertThat(r.json().path("type").asText()).contains("api-status-codes");
    assertRateLimitHeaders(r);
    assertThat(r.header("X-Stockroom-Fault-Rule")).contains(Long.toString(id));
    long left = Long.parseLong(r.header("X-Rate-Limit-Requests-Left").orElseThrow());
    Response next = s.get("v3/catalog/brands");
    assertThat(next.status()).isEqualTo(200);
    assertThat(Long.parseLong(next.header("X-Rate-Limit-Requests-Left").orElseThrow()))
        .as("the injected answer counted against the quota")
        .isEqualTo(left - 1);
  }

  @Test
  void status500AnswersInTheV2EnvelopeAndInXml() {
    TestStore s = sr.newStore();
    addFault(s, "{\"status\":500,\"path\":\"/v2/*\"}");
    Response r = s.get("v2/orders");
    assertThat(r.status()).isEqualTo(500);
    assertThat(r.json().isArray()).isTrue();
    assertThat(r.json().get(0).path("status").asInt()).isEqualTo(500);
    assertThat(r.json().get(0).path("message").asText()).contains("Retry");
    assertRateLimitHeaders(r);
    Response xml = s.get("v2/orders.xml");
    assertThat(xml.status()).isEqualTo(500);
    assertThat(xml.body()).contains("<errors>").contains("<status>500</status>");
  }

  @Test
  void injected429CarriesRetryAfterAndInjected503SaysWhy() {
    TestStore s = sr.newStore();
    addFault(s, "{\"status\":429,\"path\":\"/v3/*\",\"times\":1}");
    addFault(s, "{\"status\":503,\"path\":\"/v2/*\",\"times\":1}");
    Response limited = s.get("v3/catalog/brands");
    assertThat(limited.status()).isEqualTo(429);
    assertThat(limited.header("X-Retry-After")).isPresent();
    assertRateLimitHeaders(limited);
    Response down = s.get("v2/time");
    assertThat(down.status()).isEqualTo(503);
    assertThat(down.json().get(0).path("message").asText()).contains("maintenance");
    assertRateLimitHeaders(down);
    assertThat(s.get("v3/catalog/brands").status()).isEqualTo(200);
    assertThat(s.get("v2/time").status()).isEqualTo(200);
  }

  @Test
  void latencyDelaysTheAnswerThenTheRequestGoesOn() {
    TestStore s = sr.newStore();
    addFault(s, "{\"latency_ms\":400,\"path\":\"/v2/time\"}");
    long start = System.nanoTime();
    Response r = s.get("v2/time");
    long tookMs = (System.nanoTime() - start) / 1_000_000;
    assertThat(r.status()).isEqualTo(200);
    assertThat(tookMs).isGreaterThanOrEqualTo(400);
    assertRateLimitHeaders(r);
    long quick = System.nanoTime();
    assertThat(s.get("v3/catalog/brands").status()).isEqualTo(200);
    assertThat((System.nanoTime() - quick) / 1_000_000).isLessThan(400);
  }

  @Test
  void latencyThenStatus() {
    TestStore s = sr.newStore();
    addFault(s, "{\"latency_ms\":300,\"status\":500}");
    long start = System.nanoTime();
    assertThat(s.get("v3/catalog/brands").status()).isEqualTo(500);
    assertThat((System.nanoTime() - start) / 1_000_000).isGreaterThanOrEqualTo(300);
  }

  @Test
  void dropClosesTheConnectionWithoutAnAnswer() {
    TestStore s = sr.newStore();
    long id = addFault(s, "{\"drop\":true,\"path\":\"/v3/catalog/brands\"}").path("id").asLong();
    assertThatThrownBy(() -> s.get("v3/catalog/brands"))
        .isInstanceOf(UncheckedIOException.class)
        .hasCauseInstanceOf(IOException.class);
    assertThat(s.get("v3/catalog/categories").status()).isEqualTo(200);
    assertThat(
            sr.admin("GET", faults(s) + "/" + id, null).json().path("data").path("fired").asLong())
        .isGreaterThanOrEqualTo(1);
  }

  @Test
  void nextNFiresExactlyNTimesUnderConcurrentRequests() throws Exception {
    TestStore s = sr.newStore();
    long id = addFault(s, "{\"status\":500,\"times\":7}").path("id").asLong();
    List<Future<Integer>> answers = new ArrayList<>();
    try (ExecutorService pool = Executors.newFixedThreadPool(8)) {
      for (int i = 0; i < 48; i++) {
        answers.add(pool.submit(() -> s.get("v2/time").status()));
      }
    }
    int errors = 0;
    for (Future<Integer> f : answers) {
      errors += f.get() == 500 ? 1 : 0;
    }
    assertThat(errors).isEqualTo(7);
    JsonNode rule = sr.admin("GET", faults(s) + "/" + id, null).json().path("data");
    assertThat(rule.path("remaining").asLong()).isZero();
    assertThat(rule.path("fired").asLong()).isEqualTo(7);
    assertThat(rule.path("times").asLong()).isEqualTo(7);
  }

  int count500(TestStore s, int requests) {
    int n = 0;
    for (int i = 0; i < requests; i++) {
      n += s.get("v2/time").status() == 500 ? 1 : 0;
    }
    return n;
  }

  @Test
  void probabilityZeroNeverFiresOneAlwaysAndAHalfAboutHalf() {
    TestStore s = sr.newStore();
    long zero = addFault(s, "{\"status\":500,\"probability\":0}").path("id").asLong();
    assertThat(count500(s, 100)).isZero();
    sr.admin("DELETE", faults(s) + "/" + zero, null);
    long one = addFault(s, "{\"status\":500,\"probability\":1}").path("id").asLong();
    assertThat(count500(s, 50)).isEqualTo(50);
    sr.admin("DELETE", faults(s) + "/" + one, null);
    addFault(s, "{\"status\":500,\"probability\":0.5}");
    // 300 tosses: mean 150, standard deviation about 8.7; these bounds are nearly six of them.
    assertThat(count500(s, 300)).isBetween(100, 200);
  }

  @Test
  void methodAndPathDecideWhichRequestsMatch() {
    TestStore s = sr.newStore();
    addFault(s, "{\"status\":409,\"method\":\"post\",\"path\":\"/v3/catalog/brands*\"}");
    addFault(s, "{\"status\":404,\"method\":\"GET\",\"path\":\"/v3/catalog/categor?es\"}");
    assertThat(s.get("v3/catalog/brands").status()).isEqualTo(200);
    assertThat(s.post("v3/catalog/brands", "{\"name\":\"B\"}").status()).isEqualTo(409);
    assertThat(s.post("v3/catalog/categories", "{\"name\":\"C\",\"parent_id\":0}").status())
        .isEqualTo(201);
    Response missing = s.get("v3/catalog/categories");
    assertThat(missing.status()).isEqualTo(404);
    assertThat(missing.json().path("title").asText()).contains("fault rule");
    assertThat(s.get("v3/catalog/categories/1").status()).isEqualTo(200);
  }

  @Test
  void rulesOfOneStoreNeverAffectAnother() {
    TestStore a = sr.newStore();
    TestStore b = sr.newStore();
    addFault(a, "{\"status\":500}");
    assertThat(a.get("v2/time").status()).isEqualTo(500);
    assertThat(b.get("v2/time").status()).isEqualTo(200);
    assertThat(sr.admin("GET", faults(b), null).json().path("data").size()).isZero();
    long aRule = sr.admin("GET", faults(a), null).ids().get(0);
    assertThat(sr.admin("GET", faults(b) + "/" + aRule, null).status()).isEqualTo(404);
    assertThat(sr.admin("DELETE", faults(b) + "/" + aRule, null).status()).isEqualTo(404);
    assertThat(a.get("v2/time").status()).isEqualTo(500);
  }

  @Test
  void listGetDeleteAndClear() {
    TestStore s = sr.newStore();
    JsonNode made =
        addFault(
            s,
            "{\"status\":503,\"method\":\"GET\",\"path\":\"/v3/*\",\"times\":3,"
                + "\"probability\":0.25,\"latency_ms\":10}");
    assertThat(made.path("method").asText()).isEqualTo("GET");
    assertThat(made.path("path").asText()).isEqualTo("/v3/*");
    assertThat(made.path("status").asInt()).isEqualTo(503);
    assertThat(made.path("latency_ms").asLong()).isEqualTo(10);
    assertThat(made.path("drop").asBoolean()).isFalse();
    assertThat(made.path("times").asLong()).isEqualTo(3);
    assertThat(made.path("remaining").asLong()).isEqualTo(3);
    assertThat(made.path("probability").asDouble()).isEqualTo(0.25);
    assertThat(made.path("fired").asLong()).isZero();
    assertThat(made.path("created_at").asText()).isNotEmpty();
    JsonNode every = addFault(s, "{\"latency_ms\":1}");
    assertThat(every.path("method").asText()).isEqualTo("*");
    assertThat(every.path("path").asText()).isEqualTo("*");
    assertThat(every.path("times").isNull()).isTrue();
    assertThat(every.path("remaining").isNull()).isTrue();
    assertThat(every.path("status").isNull()).isTrue();
    assertThat(sr.admin("GET", faults(s), null).ids())
        .containsExactly(made.path("id").asLong(), every.path("id").asLong());
    assertThat(sr.admin("DELETE", faults(s) + "/" + made.path("id").asLong(), null).status())
        .isEqualTo(204);
    assertThat(sr.admin("GET", faults(s) + "/" + made.path("id").asLong(), null).status())
        .isEqualTo(404);
    assertThat(sr.admin("DELETE", faults(s), null).status()).isEqualTo(204);
    assertThat(sr.admin("GET", faults(s), null).json().path("meta").path("total").asInt()).isZero();
  }

  @Test
  void drainMakesTheNextRequest429() {
    TestStore s = sr.newStore();
    Response drained =
        sr.admin("POST", "/admin/api/stores/" + s.hash() + "/rate-limit/drain", null);
    assertThat(drained.status()).as(drained.body()).isEqualTo(200);
    assertThat(drained.json().path("data").path("requests_left").asLong()).isZero();
    Response r = s.get("v3/catalog/brands");
    assertThat(r.status()).isEqualTo(429);
    assertThat(r.header("X-Rate-Limit-Requests-Left")).contains("0");
    assertThat(r.header("X-Retry-After")).isPresent();
  }

  @Test
  void controlPlaneErrors() {
    TestStore s = sr.newStore();
    assertThat(sr.http().send("GET", faults(s), null).status()).isEqualTo(401);
    assertThat(sr.http().send("POST", faults(s), "{\"status\":500}").status()).isEqualTo(401);
    assertThat(sr.admin("GET", "/admin/api/stores/nosuchstore/faults", null).status())
        .isEqualTo(404);
    assertThat(
            sr.admin("POST", "/admin/api/stores/nosuchstore/faults", "{\"status\":500}").status())
        .isEqualTo(404);
    assertThat(sr.admin("POST", "/admin/api/stores/nosuchstore/rate-limit/drain", null).status())
        .isEqualTo(404);
    assertThat(sr.admin("GET", faults(s) + "/99", null).status()).isEqualTo(404);
    assertInvalid(s, "{\"status\":200}", "status");
    assertInvalid(s, "{\"status\":418}", "status");
    assertInvalid(s, "{}", "status");
    assertInvalid(s, "{\"path\":\"/v3/*\"}", "status");
    assertInvalid(s, "{\"drop\":true,\"status\":500}", "drop");
    assertInvalid(s, "{\"status\":500,\"probability\":1.5}", "probability");
    assertInvalid(s, "{\"status\":500,\"times\":0}", "times");
    assertInvalid(s, "{\"status\":500,\"method\":\"FETCH\"}", "method");
    assertInvalid(s, "{\"status\":500,\"path\":\"v3/catalog\"}", "path");
    assertInvalid(s, "{\"status\":500,\"latency_ms\":-1}", "latency_ms");
    assertInvalid(s, "{\"status\":500,\"colour\":\"red\"}", "colour");
    assertThat(sr.admin("GET", faults(s), null).json().path("data").size()).isZero();
  }

  void assertInvalid(TestStore s, String body, String field) {
    Response r = sr.admin("POST", faults(s), body);
    assertThat(r.status()).as(body + " -> " + r.body()).isEqualTo(422);
    assertThat(r.json().path("errors").has(field)).as(r.body()).isTrue();
  }
}
