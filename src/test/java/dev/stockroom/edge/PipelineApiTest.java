package dev.stockroom.edge;

import static java.nio.charset.StandardCharsets.UTF_8;
import static org.assertj.core.api.Assertions.assertThat;

import dev.stockroom.testing.ApiClient.Response;
import dev.stockroom.testing.Stockroom;
import dev.stockroom.testing.StockroomTest;
import dev.stockroom.testing.TestStore;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The store API pipeline, status by status, in v2 and v3 where both apply (the seed's table). */
@StockroomTest
class PipelineApiTest {
  final Stockroom sr;

  PipelineApiTest(Stockroom sr) {
    this.sr = sr;
  }

  static void assertV3Error(Response r, int status) {
    assertThat(r.status()).as(r.toString()).isEqualTo(status);
    assertThat(r.header("Content-Type"))
        .hasValueSatisfying(v -> assertThat(v).startsWith("application/json"));
    assertThat(r.json().path("status").asInt()).isEqualTo(status);
    assertThat(r.json().path("title").asText()).isNotBlank();
    assertThat(r.json().path("type").asText()).startsWith("https://developer.bigcommerce.com/");
  }

  static void assertV2Error(Response r, int status) {
    assertThat(r.status()).as(r.toString()).isEqualTo(status);
    assertThat(r.json().isArray()).as(r.body()).isTrue();
    assertThat(r.json().get(0).path("status").asInt()).isEqualTo(status);
    assertThat(r.json().get(0).path("message").asText()).isNotBlank();
  }

  static void assertRateHeaders(Response r) {
    for (String h :
        List.of(
            "X-Rate-Limit-Requests-Left",
            "X-Rate-Limit-Requests-Quota",
            "X-Rate-Limit-Time-Reset-Ms",
            "X-Rate-Limit-Time-Window-Ms")) {
      assertThat(r.header(h)).as(h + " on " + r).isPresent();
      assertThat(Long.parseLong(r.header(h).orElseThrow())).isGreaterThanOrEqualTo(0);
    }
  }

  @Test
  void unknownStoreHashIs404InTheEnvelopeOfThePathVersion() {
    TestStore s = sr.newStore();
    Response v3 =
        sr.http()
            .send("GET", "/stores/zzzzzzzzzz/v3/catalog/products", null, "X-Auth-Token", s.token());
    assertV3Error(v3, 404);
    Response v2 =
        sr.http().send("GET", "/stores/zzzzzzzzzz/v2/store", null, "X-Auth-Token", s.token());
    assertV2Error(v2, 404);
  }

  @Test
  void maintenanceAndUpgradingAre503SayingWhichBeforeAuthentication() {
    TestStore s = sr.newStore();
    assertThat(
            sr.admin("PUT", "/admin/api/stores/" + s.hash(), "{\"status\":\"maintenance\"}")
                .status())
        .isEqualTo(200);
    Response v3 = sr.http().send("GET", s.path("v3/catalog/products"), null);
    assertV3Error(v3, 503);
    assertThat(v3.json().path("title").asText()).contains("maintenance");
    assertRateHeaders(v3);
    Response v2 = s.get("v2/time");
    assertV2Error(v2, 503);

    sr.admin("PUT", "/admin/api/stores/" + s.hash(), "{\"status\":\"upgrading\"}");
    Response up = s.get("v3/catalog/products");
    assertV3Error(up, 503);
    assertThat(up.json().path("title").asText()).contains("upgraded");

    sr.admin("PUT", "/admin/api/stores/" + s.hash(), "{\"status\":\"live\"}");
    assertThat(s.get("v3/catalog/products").status()).isEqualTo(200);
  }

  @Test
  void missingWrongRevokedOrForeignTokensAre401() {
    TestStore s = sr.newStore();
    TestStore other = sr.newStore();
    assertV3Error(sr.http().send("GET", s.path("v3/catalog/products"), null), 401);
    assertV3Error(
        sr.http().send("GET", s.path("v3/catalog/products"), null, "X-Auth-Token", "nope"), 401);
    assertV2Error(sr.http().send("GET", s.path("v2/time"), null, "X-Auth-Token", "nope"), 401);
    Response foreign =
        sr.http().send("GET", s.path("v3/catalog/products"), null, "X-Auth-Token", other.token());
    assertV3Error(foreign, 401);
    assertRateHeaders(foreign);

    Response accounts = sr.admin("GET", "/admin/api/stores/" + s.hash() + "/api-accounts", null);
    long id = accounts.json().path("data").get(0).path("id").asLong();
    assertThat(s.get("v3/catalog/products").status()).isEqualTo(200);
    assertThat(
            sr.admin("DELETE", "/admin/api/stores/" + s.hash() + "/api-accounts/" + id, null)
                .status())
        .isEqualTo(204);
    assertV3Error(s.get("v3/catalog/products"), 401);
  }

  @Test
  void authClientHeaderIsAcceptedButNotRequiredAndHostIsIgnored() {
    TestStore s = sr.newStore();
    assertThat(s.call("GET", "v3/catalog/products", null, "X-Auth-Client", "whatever").status())
        .isEqualTo(200);
    assertThat(s.get("v3/catalog/products").status()).isEqualTo(200);
    // The JDK client refuses to set Host; a raw socket proves the server ignores it.
    assertThat(
            RawHttp.request(
                sr.app().port(),
                "GET "
                    + s.path("v3/catalog/products")
                    + " HTTP/1.1\r\nHost: api.bigcommerce.com\r\nX-Auth-Token: "
                    + s.token()
                    + "\r\nConnection: close\r\n\r\n"))
        .startsWith("HTTP/1.1 200");
  }

  @Test
  void overTheQuotaIs429WithRetryAfterAndEveryAnswerCarriesTheHeaders() {
    TestStore s =
        sr.newStore(
            "{\"name\":\"limited\",\"rate_limit\":{\"quota\":3,\"window_ms\":60000}}",
            List.of("store_v2_products"));
    for (int i = 0; i < 3; i++) {
      Response ok = s.get("v3/catalog/products/999");
      assertThat(ok.status()).isEqualTo(404);
      assertRateHeaders(ok);
      assertThat(ok.header("X-Rate-Limit-Requests-Left")).contains(Integer.toString(2 - i));
      assertThat(ok.header("X-Rate-Limit-Requests-Quota")).contains("3");
      assertThat(ok.header("X-Rate-Limit-Time-Window-Ms")).contains("60000");
    }
    Response limited = s.get("v3/catalog/products");
    assertV3Error(limited, 429);
    assertRateHeaders(limited);
    assertThat(limited.header("X-Rate-Limit-Requests-Left")).contains("0");
    long retry = Long.parseLong(limited.header("X-Retry-After").orElseThrow());
    long resetMs = Long.parseLong(limited.header("X-Rate-Limit-Time-Reset-Ms").orElseThrow());
    assertThat(retry).isGreaterThanOrEqualTo(1).isEqualTo(Math.max(1, (resetMs + 999) / 1000));
    assertV2Error(s.get("v2/time"), 429);

    sr.clock().advance(60_001);
    assertThat(s.get("v3/catalog/products").status()).isEqualTo(200);
  }

  @Test
  void theQuotaIsSharedByAllAccountsOfAStore() {
    TestStore s =
        sr.newStore(
            "{\"name\":\"shared\",\"rate_limit\":{\"quota\":2,\"window_ms\":60000}}",
            List.of("store_v2_products"));
    String second = sr.newToken(s.hash(), List.of("store_v2_products"));
    assertThat(s.get("v3/catalog/products").status()).isEqualTo(200);
    assertThat(
            sr.http()
                .send("GET", s.path("v3/catalog/products"), null, "X-Auth-Token", second)
                .status())
        .isEqualTo(200);
    assertThat(
            sr.http()
                .send("GET", s.path("v3/catalog/products"), null, "X-Auth-Token", second)
                .status())
        .isEqualTo(429);
    assertThat(s.get("v3/catalog/products").status()).isEqualTo(429);
  }

  @Test
  void unknownRouteIs404AndWrongMethodIs405WithAllow() {
    TestStore s = sr.newStore();
    assertV3Error(s.get("v3/catalog/nothing-here"), 404);
    assertV2Error(s.get("v2/nothing-here"), 404);
    Response post = s.post("v3/catalog/products/1", "{}");
    assertV3Error(post, 405);
    assertThat(post.header("Allow").orElseThrow())
        .contains("GET", "PUT", "DELETE")
        .doesNotContain("POST");
    Response put = s.put("v3/catalog/categories", "{}");
    assertV3Error(put, 405);
    assertThat(put.header("Allow").orElseThrow()).contains("GET", "POST", "DELETE");
    Response v2 = s.post("v2/time", "{}");
    assertV2Error(v2, 405);
    assertThat(v2.header("Allow").orElseThrow()).contains("GET");
  }

  @Test
  void patchTraceAndUnknownMethodsAre501OnEveryRoute() {
    TestStore s = sr.newStore();
    for (String method : List.of("PATCH", "TRACE", "OPTIONS", "PROPFIND")) {
      assertV3Error(s.call(method, "v3/catalog/products", null), 501);
      assertV3Error(s.call(method, "v3/catalog/products/1", null), 501);
      assertV2Error(s.call(method, "v2/store", null), 501);
    }
    // TRACE must not echo the request (the server must not answer it itself).
    String raw =
        RawHttp.request(
            sr.app().port(),
            "TRACE "
                + s.path("v3/catalog/products")
                + " HTTP/1.1\r\nHost: x\r\n"
                + "X-Auth-Token: "
                + s.token()
                + "\r\nConnection: close\r\n\r\n");
    assertThat(raw).startsWith("HTTP/1.1 501").doesNotContain("message/http");
  }

  @Test
  void acceptThatRulesOutJsonIs406AndAbsentOrAnyIsJson() {
    TestStore s = sr.newStore();
    assertV3Error(s.call("GET", "v3/catalog/products", null, "Accept", "application/pdf"), 406);
    assertV2Error(s.call("GET", "v2/time", null, "Accept", "text/html"), 406);
    assertThat(s.call("GET", "v3/catalog/products", null, "Accept", "*/*").status()).isEqualTo(200);
    assertThat(
            s.call("GET", "v3/catalog/products", null, "Accept", "application/json; charset=utf-8")
                .status())
        .isEqualTo(200);
    assertThat(s.get("v3/catalog/products").status()).isEqualTo(200);
  }

  @Test
  void writesWithoutJsonContentTypeAre415AndWriteNothing() {
    TestStore s = sr.newStore();
    String body = "{\"name\":\"Plain\",\"type\":\"physical\",\"weight\":1,\"price\":1}";
    assertV3Error(s.call("POST", "v3/catalog/products", body, "Content-Type", "text/plain"), 415);
    Response noType =
        sr.http()
            .sendBytes(
                "POST",
                s.path("v3/catalog/products"),
                body.getBytes(java.nio.charset.StandardCharsets.UTF_8),
                "X-Auth-Token",
                s.token());
    assertV3Error(noType, 415);
    assertThat(
            s.get("v3/catalog/products")
                .json()
                .path("meta")
                .path("pagination")
                .path("total")
                .asInt())
        .isZero();
    // A GET with a stray Content-Type (one client sends "undefined") is served.
    assertThat(s.call("GET", "v3/catalog/products", null, "Content-Type", "undefined").status())
        .isEqualTo(200);
  }

  @Test
  void missingScopeIs403AndReadOnlyAllowsOnlyGetAndHead() {
    TestStore s = sr.newStore();
    String readOnly = sr.newToken(s.hash(), List.of("store_v2_products_read_only"));
    String infoOnly = sr.newToken(s.hash(), List.of("store_v2_information"));
    String products = s.path("v3/catalog/products");
    assertThat(sr.http().send("GET", products, null, "X-Auth-Token", readOnly).status())
        .isEqualTo(200);
    assertThat(sr.http().send("HEAD", products, null, "X-Auth-Token", readOnly).status())
        .isEqualTo(200);
    assertV3Error(sr.http().send("POST", products, "{}", "X-Auth-Token", readOnly), 403);
    assertV3Error(sr.http().send("DELETE", products + "/1", null, "X-Auth-Token", readOnly), 403);
    assertV3Error(sr.http().send("GET", products, null, "X-Auth-Token", infoOnly), 403);
    assertV2Error(sr.http().send("GET", s.path("v2/store"), null, "X-Auth-Token", readOnly), 403);
    assertThat(sr.http().send("GET", s.path("v2/store"), null, "X-Auth-Token", infoOnly).status())
        .isEqualTo(200);
  }

  @Test
  void malformedJsonIs400() {
    TestStore s = sr.newStore();
    assertV3Error(s.post("v3/catalog/products", "{\"name\": "), 400);
    assertV3Error(s.post("v3/catalog/brands", "not json"), 400);
    assertV3Error(s.post("v3/catalog/brands", "{\"name\":\"a\"} trailing"), 400);
    assertV3Error(s.post("v3/catalog/brands", "{\"name\":\"a\",\"name\":\"b\"}"), 400);
  }

  @Test
  void invalidFieldsAre422NamingEachField() {
    TestStore s = sr.newStore();
    Response r =
        s.post("v3/catalog/products", "{\"type\":\"boat\",\"weight\":\"heavy\",\"price\":-1}");
    assertV3Error(r, 422);
    assertThat(r.json().path("errors").has("name")).isTrue();
    assertThat(r.json().path("errors").has("type")).isTrue();
    assertThat(r.json().path("errors").has("weight")).isTrue();
    assertThat(r.json().path("errors").has("price")).isTrue();
    Response batch =
        s.put("v3/catalog/products", "[{\"name\":\"x\"},{\"id\":1,\"price\":\"free\"}]");
    assertV3Error(batch, 422);
    assertThat(batch.json().path("errors").has("0.id")).as(batch.body()).isTrue();
    assertThat(batch.json().path("errors").has("1.price")).as(batch.body()).isTrue();
  }

  @Test
  void limitOverTheMaximumIs413WithMaxLimit() {
    TestStore s = sr.newStore();
    Response v3 = s.get("v3/catalog/products?limit=251");
    assertV3Error(v3, 413);
    assertThat(v3.json().path("errors").path("max_limit").asText()).isEqualTo("250");
    assertThat(s.get("v3/catalog/products?limit=250").status()).isEqualTo(200);
  }

  @Test
  void bodyOverTheCapAndBatchOverTheItemCapAre413() {
    TestStore s = sr.newStore();
    String big = "{\"name\":\"" + "x".repeat(300 * 1024) + "\"}";
    assertV3Error(s.post("v3/catalog/brands", big), 413);
    StringBuilder items = new StringBuilder("[");
    for (int i = 0; i < 11; i++) {
      items.append(i > 0 ? "," : "").append("{\"id\":").append(i + 1).append('}');
    }
    Response batch = s.put("v3/catalog/products", items.append(']').toString());
    assertV3Error(batch, 413);
    assertThat(batch.json().path("title").asText()).contains("10");
  }

  @Test
  void successCodesFollowTheSeed() {
    TestStore s = sr.newStore();
    Response created = s.post("v3/catalog/brands", "{\"name\":\"Seed\"}");
    assertThat(created.status()).isEqualTo(201);
    long id = created.json().path("data").path("id").asLong();
    assertThat(created.header("Location")).contains(s.path("v3/catalog/brands/" + id));
    assertThat(s.get("v3/catalog/brands/" + id).status()).isEqualTo(200);
    assertThat(
            s.put("v3/catalog/brands/" + id, "{\"name\":\"Seed\",\"page_title\":\"t\"}").status())
        .isEqualTo(200);
    Response deleted = s.delete("v3/catalog/brands/" + id);
    assertThat(deleted.status()).isEqualTo(204);
    assertThat(deleted.body()).isEmpty();
    assertRateHeaders(deleted);
  }

  @Test
  void productsPastThePlanLimitAre507NamingTheLimit() {
    TestStore s =
        sr.newStore("{\"name\":\"small\",\"product_limit\":2}", List.of("store_v2_products"));
    s.product("One", 1);
    s.product("Two", 2);
    Response r =
        s.post(
            "v3/catalog/products",
            "{\"name\":\"Three\",\"type\":\"physical\",\"weight\":1,\"price\":3}");
    assertV3Error(r, 507);
    assertThat(r.json().path("title").asText()).contains("2");
    assertThat(r.json().path("errors").path("product_limit").asText()).isEqualTo("2");
  }

  @Test
  void headAnswersLikeGetWithoutABody() {
    TestStore s = sr.newStore();
    s.product("Head", 1);
    Response head = s.call("HEAD", "v3/catalog/products", null);
    assertThat(head.status()).isEqualTo(200);
    assertThat(head.body()).isEmpty();
    // Its Content-Length is the length of the body a GET gets (RFC 9110 §8.6).
    Response get = s.call("GET", "v3/catalog/products", null);
    assertThat(head.header("Content-Length"))
        .contains(Integer.toString(get.body().getBytes(UTF_8).length));
    assertThat(head.header("Content-Type")).contains("application/json");
    assertRateHeaders(head);
    // No body bytes follow the head: a GET sent behind the HEAD on the same connection is the
    // very next thing the connection answers.
    String request =
        " " + s.path("v3/catalog/products") + " HTTP/1.1\r\nHost: x\r\nX-Auth-Token: " + s.token();
    String two =
        RawHttp.pipelined(
            sr.app().port(), List.of("HEAD" + request + "\r\n\r\n", "GET" + request + "\r\n\r\n"));
    int headEnd = two.indexOf("\r\n\r\n");
    assertThat(headEnd).isPositive();
    assertThat(two.substring(headEnd + 4)).startsWith("HTTP/1.1 200");
    assertThat(two).endsWith(get.body());
  }

  @Test
  void concurrentCallersNeverGetMoreThanTheQuota() throws InterruptedException {
    TestStore s =
        sr.newStore(
            "{\"name\":\"race\",\"rate_limit\":{\"quota\":25,\"window_ms\":3600000}}",
            List.of("store_v2_products"));
    java.util.concurrent.atomic.AtomicInteger ok = new java.util.concurrent.atomic.AtomicInteger();
    java.util.concurrent.atomic.AtomicInteger limited =
        new java.util.concurrent.atomic.AtomicInteger();
    List<Thread> threads = new java.util.ArrayList<>();
    for (int t = 0; t < 16; t++) {
      threads.add(
          Thread.ofVirtual()
              .start(
                  () -> {
                    for (int i = 0; i < 5; i++) {
                      int status = s.get("v3/catalog/products").status();
                      (status == 200 ? ok : limited).incrementAndGet();
                    }
                  }));
    }
    for (Thread t : threads) {
      t.join();
    }
    assertThat(ok.get()).isEqualTo(25);
    assertThat(limited.get()).isEqualTo(55);
  }

  @Test
  void concurrentCreatesNeverPassTheProductLimit() throws InterruptedException {
    TestStore s =
        sr.newStore("{\"name\":\"cap\",\"product_limit\":10}", List.of("store_v2_products"));
    java.util.concurrent.atomic.AtomicInteger created =
        new java.util.concurrent.atomic.AtomicInteger();
    java.util.concurrent.atomic.AtomicInteger full =
        new java.util.concurrent.atomic.AtomicInteger();
    List<Thread> threads = new java.util.ArrayList<>();
    for (int t = 0; t < 8; t++) {
      int n = t;
      threads.add(
          Thread.ofVirtual()
              .start(
                  () -> {
                    for (int i = 0; i < 4; i++) {
                      int status =
                          s.post(
                                  "v3/catalog/products",
                                  "{\"name\":\"c"
                                      + n
                                      + "-"
                                      + i
                                      + "\",\"type\":\"physical\",\"weight\":1,\"price\":1}")
                              .status();
                      if (status == 201) {
                        created.incrementAndGet();
                      } else if (status == 507) {
                        full.incrementAndGet();
                      }
                    }
                  }));
    }
    for (Thread t : threads) {
      t.join();
    }
    assertThat(created.get()).isEqualTo(10);
    assertThat(full.get()).isEqualTo(22);
    assertThat(
            s.get("v3/catalog/products")
                .json()
                .path("meta")
                .path("pagination")
                .path("total")
                .asInt())
        .isEqualTo(10);
  }

  /** Sends {@code head} and {@code body} on {@code socket} and reads one answer (head and body). */
  private static String exchange(java.net.Socket socket, String head, byte[] body)
      throws java.io.IOException {
    var out = socket.getOutputStream();
    out.write(head.getBytes(java.nio.charset.StandardCharsets.ISO_8859_1));
    out.write(body);
    out.flush();
    var in = socket.getInputStream();
    var buf = new java.io.ByteArrayOutputStream();
    int c;
    while ((c = in.read()) != -1) {
      buf.write(c);
      String sofar = buf.toString(java.nio.charset.StandardCharsets.ISO_8859_1);
      if (sofar.endsWith("\r\n\r\n")) {
        var m = java.util.regex.Pattern.compile("(?i)content-length:\\s*(\\d+)").matcher(sofar);
        buf.write(in.readNBytes(m.find() ? Integer.parseInt(m.group(1)) : 0));
        break;
      }
    }
    return buf.toString(java.nio.charset.StandardCharsets.ISO_8859_1);
  }

  @Test
  void aRefusedBodyOverTheCapIsReadToItsEndAndTheConnectionLivesOn() throws Exception {
    // Answering before a client has sent its whole body and then closing made the kernel reset
    // the connection, and the client often lost the 403 or 413 with it. The server answers on the
    // headers, then reads the rest of such a body (up to 32 MB) and drops it, and the connection
    // carries the next request.
    TestStore s = sr.newStore();
    String readOnly = sr.newToken(s.hash(), List.of("store_v2_products_read_only"));
    byte[] big =
        ("{\"name\":\"" + "x".repeat(300 * 1024) + "\"}")
            .getBytes(java.nio.charset.StandardCharsets.UTF_8);
    try (var socket = new java.net.Socket("127.0.0.1", sr.app().port())) {
      socket.setSoTimeout(10_000);
      for (String[] c : List.of(new String[] {readOnly, "403"}, new String[] {s.token(), "413"})) {
        String answer =
            exchange(
                socket,
                "POST "
                    + s.path("v3/catalog/brands")
                    + " HTTP/1.1\r\nHost: x\r\nX-Auth-Token: "
                    + c[0]
                    + "\r\nContent-Type: application/json\r\nContent-Length: "
                    + big.length
                    + "\r\n\r\n",
                big);
        assertThat(answer)
            .startsWith("HTTP/1.1 " + c[1])
            .doesNotContainIgnoringCase("connection: close");
        assertThat(answer).contains("\"status\":" + c[1]);
      }
      // The same connection carries the next request.
      String next =
          exchange(
              socket,
              "GET "
                  + s.path("v3/catalog/brands")
                  + " HTTP/1.1\r\nHost: x\r\nX-Auth-Token: "
                  + s.token()
                  + "\r\n\r\n",
              new byte[0]);
      assertThat(next).startsWith("HTTP/1.1 200");
    }
  }

  @Test
  void theChecksComeInTheContractsOrder() {
    TestStore s = sr.newStore();
    String readOnly = sr.newToken(s.hash(), List.of("store_v2_products_read_only"));
    // 401 before 404: no token on an unknown route.
    assertV3Error(sr.http().send("GET", s.path("v3/no/such/route"), null), 401);
    // 405 before 406: wrong method with an Accept that rules out JSON.
    assertV3Error(s.call("POST", "v3/catalog/products/1", "{}", "Accept", "application/pdf"), 405);
    // 415 before 403: a read-only token posting text.
    assertV3Error(
        sr.http()
            .send(
                "POST",
                s.path("v3/catalog/products"),
                "x",
                "X-Auth-Token",
                readOnly,
                "Content-Type",
                "text/plain"),
        415);
    // 403 before 413: a read-only token with a body over the cap.
    assertV3Error(
        sr.http()
            .send(
                "POST",
                s.path("v3/catalog/brands"),
                "{\"name\":\"" + "x".repeat(300 * 1024) + "\"}",
                "X-Auth-Token",
                readOnly),
        403);
    // 429 before 404: a limited store asked for an unknown route.
    TestStore tiny =
        sr.newStore(
            "{\"name\":\"tiny\",\"rate_limit\":{\"quota\":1,\"window_ms\":60000}}",
            List.of("store_v2_products"));
    tiny.get("v3/catalog/products");
    assertV3Error(tiny.get("v3/no/such/route"), 429);
  }
}
