package dev.stockroom.requestlog;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import dev.stockroom.testing.ApiClient.Response;
import dev.stockroom.testing.Stockroom;
import dev.stockroom.testing.StockroomTest;
import dev.stockroom.testing.TestStore;
import java.io.UncheckedIOException;
import org.junit.jupiter.api.Test;

/** {@code GET /admin/api/stores/{hash}/requests}: what each recent request got, newest first. */
@StockroomTest
class RequestLogApiTest {
  final Stockroom sr;

  RequestLogApiTest(Stockroom sr) {
    this.sr = sr;
  }

  JsonNode log(TestStore s, String query) {
    Response r = sr.admin("GET", "/admin/api/stores/" + s.hash() + "/requests" + query, null);
    assertThat(r.status()).as(r.body()).isEqualTo(200);
    return r.json();
  }

  @Test
  void recentRequestsComeNewestFirstWithHeadersHintAndFiredRule() {
    TestStore s = sr.newStore();
    long rule =
        sr.admin(
                "POST",
                "/admin/api/stores/" + s.hash() + "/faults",
                "{\"status\":500,\"times\":1,\"path\":\"/v3/catalog/brands\"}")
            .json()
            .path("data")
            .path("id")
            .asLong();
    assertThat(s.get("v2/time").status()).isEqualTo(200);
    Response failed = s.get("v3/catalog/brands?limit=5");
    assertThat(failed.status()).isEqualTo(500);
    sr.http().send("GET", s.path("v2/time"), null, "X-Auth-Token", "wrong");
    JsonNode data = log(s, "").path("data");
    assertThat(data.size()).isEqualTo(3);

    JsonNode unauthorized = data.get(0);
    assertThat(unauthorized.path("status").asInt()).isEqualTo(401);
    assertThat(unauthorized.path("hint").asText()).contains("access_token");

    JsonNode injected = data.get(1);
    assertThat(injected.path("method").asText()).isEqualTo("GET");
    assertThat(injected.path("path").asText()).isEqualTo(s.path("v3/catalog/brands"));
    assertThat(injected.path("query").asText()).isEqualTo("limit=5");
    assertThat(injected.path("status").asInt()).isEqualTo(500);
    assertThat(injected.path("dropped").asBoolean()).isFalse();
    assertThat(injected.path("fault_rule_id").asLong()).isEqualTo(rule);
    assertThat(injected.path("hint").asText()).contains("three to five times");
    assertThat(injected.path("latency_ms").isNumber()).isTrue();
    assertThat(injected.path("at").asText()).contains("T");
    assertThat(injected.path("request_id").asText())
        .isEqualTo(failed.header("X-Request-Id").orElseThrow());
    JsonNode headers = injected.path("rate_limit_headers");
    assertThat(headers.path("X-Rate-Limit-Requests-Left").asText())
        .isEqualTo(failed.header("X-Rate-Limit-Requests-Left").orElseThrow());
    assertThat(headers.path("X-Rate-Limit-Requests-Quota").asText()).isEqualTo("7000000");
    assertThat(headers.has("X-Rate-Limit-Time-Reset-Ms")).isTrue();
    assertThat(headers.has("X-Rate-Limit-Time-Window-Ms")).isTrue();

    JsonNode ok = data.get(2);
    assertThat(ok.path("status").asInt()).isEqualTo(200);
    assertThat(ok.path("fault_rule_id").isNull()).isTrue();
    assertThat(ok.path("hint").isNull()).isTrue();
    assertThat(log(s, "?limit=1").path("data").size()).isEqualTo(1);
  }

  @Test
  void droppedAndRateLimitedRequestsAreLogged() {
    TestStore s = sr.newStore();
    // Every time: the JDK client retries a GET once on a dropped connection.
    sr.admin(
        "POST", "/admin/api/stores/" + s.hash() + "/faults", "{\"drop\":true,\"path\":\"/v3/*\"}");
    assertThatThrownBy(() -> s.get("v3/catalog/brands")).isInstanceOf(UncheckedIOException.class);
    sr.admin("DELETE", "/admin/api/stores/" + s.hash() + "/faults", null);
    sr.admin("POST", "/admin/api/stores/" + s.hash() + "/rate-limit/drain", null);
    assertThat(s.get("v2/time").status()).isEqualTo(429);
    JsonNode data = log(s, "").path("data");
    assertThat(data.get(0).path("status").asInt()).isEqualTo(429);
    assertThat(data.get(0).path("rate_limit_headers").path("X-Rate-Limit-Requests-Left").asText())
        .isEqualTo("0");
    assertThat(data.get(0).path("rate_limit_headers").has("X-Retry-After")).isTrue();
    assertThat(data.get(1).path("dropped").asBoolean()).isTrue();
    assertThat(data.get(1).path("status").isNull()).isTrue();
    assertThat(data.get(1).path("fault_rule_id").asLong()).isPositive();
  }

  @Test
  void theLogKeepsTheLatestThousandRequestsOfEachStore() {
    TestStore s = sr.newStore();
    TestStore other = sr.newStore();
    other.get("v2/time");
    int sent = RequestLog.CAPACITY + 25;
    for (int i = 0; i < sent; i++) {
      s.get("v2/time?n=" + i);
    }
    JsonNode body = log(s, "?limit=" + RequestLog.CAPACITY);
    assertThat(body.path("data").size()).isEqualTo(RequestLog.CAPACITY);
    assertThat(body.path("meta").path("capacity").asInt()).isEqualTo(RequestLog.CAPACITY);
    assertThat(body.path("data").get(0).path("query").asText()).isEqualTo("n=" + (sent - 1));
    assertThat(body.path("data").get(RequestLog.CAPACITY - 1).path("query").asText())
        .isEqualTo("n=25");
    assertThat(log(other, "").path("data").size()).isEqualTo(1);
  }

  @Test
  void controlPlaneErrors() {
    TestStore s = sr.newStore();
    String path = "/admin/api/stores/" + s.hash() + "/requests";
    assertThat(sr.http().send("GET", path, null).status()).isEqualTo(401);
    assertThat(sr.admin("GET", "/admin/api/stores/nosuchstore/requests", null).status())
        .isEqualTo(404);
    assertThat(sr.admin("GET", path + "?limit=0", null).status()).isEqualTo(422);
    assertThat(sr.admin("GET", path + "?limit=1001", null).status()).isEqualTo(422);
    assertThat(sr.admin("GET", path + "?limit=ten", null).status()).isEqualTo(422);
    assertThat(sr.admin("GET", path, null).json().path("data").size()).isZero();
  }
}
