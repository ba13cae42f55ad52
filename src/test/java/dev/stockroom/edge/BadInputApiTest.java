package dev.stockroom.edge;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.stockroom.orders.Orders;
import dev.stockroom.testing.ApiClient.Response;
import dev.stockroom.testing.Stockroom;
import dev.stockroom.testing.StockroomTest;
import dev.stockroom.testing.TestStore;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import org.junit.jupiter.api.Test;

/**
 * Hostile bodies against every write endpoint: malformed JSON, wrong types, 10 KB strings, NUL
 * bytes, unpaired surrogates, deep nesting, huge numbers, unknown fields; broken multipart forms
 * and random bytes against every upload endpoint. Every answer is 400, 413 or 422 in the API's
 * envelope, quickly, with no internals, and nothing is written.
 */
@StockroomTest
class BadInputApiTest {
  static final Set<Integer> CLIENT_ERRORS = Set.of(400, 404, 409, 413, 415, 422);
  final Stockroom sr;

  BadInputApiTest(Stockroom sr) {
    this.sr = sr;
  }

  static List<String> hostileBodies() {
    List<String> out = new ArrayList<>();
    out.add("");
    out.add("{");
    out.add("[1,2");
    out.add("nul");
    out.add("{\"name\":\"a\",}");
    out.add("{'name':'single quotes'}");
    out.add("{\"name\":\"dup\",\"name\":\"dup\"}");
    out.add("\"just a string\"");
    out.add("42");
    out.add("null");
    out.add("[]");
    out.add("{\"name\":123,\"type\":true,\"weight\":\"1\",\"price\":[1],\"parent_id\":\"0\"}");
    out.add(
        "{\"name\":\""
            + "x".repeat(10_240)
            + "\",\"type\":\"physical\",\"weight\":1,\"price\":1,\"parent_id\":0}");
    out.add(
        "{\"name\":\"nul\\u0000byte\",\"type\":\"physical\",\"weight\":1,\"price\":1,\"parent_id\":0}");
    out.add(
        "{\"name\":\"lone \\ud800 surrogate\",\"type\":\"physical\",\"weight\":1,\"price\":1,\"parent_id\":0}");
    out.add("{\"name\":\"n\",\"type\":\"physical\",\"weight\":1e400,\"price\":1,\"parent_id\":0}");
    out.add(
        "{\"name\":\"n\",\"type\":\"physical\",\"weight\":1,\"price\":123456789012345678901234567890,\"parent_id\":99999999999999999999}");
    out.add("{\"name\":\"n\",\"type\":\"physical\",\"weight\":-1,\"price\":-0.5,\"parent_id\":-1}");
    out.add("{\"name\":\"n\",\"type\":\"physical\",\"weight\":NaN,\"price\":Infinity}");
    out.add("[".repeat(5000) + "]".repeat(5000));
    out.add("{\"a\":".repeat(2000) + "1" + "}".repeat(2000));
    out.add(
        "{\"name\":\"u\",\"type\":\"physical\",\"weight\":1,\"price\":1,\"parent_id\":0,\"unknown_field\":1}");
    out.add("{\"name\":\"\",\"type\":\"\",\"weight\":null,\"price\":null,\"parent_id\":null}");
    out.add("{\"categories\":[\"a\",null,1.5],\"meta_keywords\":[1,{}],\"custom_url\":\"nope\"}");
    out.add("{\"custom_url\":{\"url\":1,\"is_customized\":\"yes\",\"extra\":true}}");
    return out;
  }

  /**
   * Every POST and PUT route the server registers (new resources join the sweep by themselves),
   * with each id in the path set to 1: {@link #seeded} makes a row with id 1 where it can.
   */
  List<String> writes() {
    List<String> out = new ArrayList<>();
    for (var r : sr.app().storeRoutes()) {
      if (r.method().equals("POST") || r.method().equals("PUT")) {
        String tail =
            r.template().replace("/stores/{store_hash}/", "").replaceAll("\\{[a-z_]+}", "1");
        out.add(r.method() + " " + tail);
      }
    }
    assertThat(out).hasSizeGreaterThanOrEqualTo(20);
    return out;
  }

  static final List<String> UPLOADS =
      List.of(
          "v3/catalog/products/1/images",
          "v3/catalog/categories/1/image",
          "v3/catalog/brands/1/image");

  /** A store with one of everything the write sweeps aim at (all with id 1). */
  TestStore seeded() {
    TestStore s = sr.newStore();
    s.product("Existing", 1);
    s.category("Existing", 0);
    s.brand("Existing");
    s.post("v3/catalog/products/1/images", "{\"image_url\":\"https://example.com/1.png\"}");
    children(s);
    s.post(
        "v3/catalog/products/1/options",
        "{\"display_name\":\"Size\",\"type\":\"dropdown\",\"option_values\":[{\"label\":\"S\",\"sort_order\":0}]}");
    s.post(
        "v3/catalog/products/1/modifiers",
        "{\"display_name\":\"Box\",\"type\":\"dropdown\",\"required\":false,\"option_values\":[{\"label\":\"Gift\",\"sort_order\":0}]}");
    customers(s);
    // Order 1 with its line 1, shipping address 1 and shipment 1.
    Orders.shippedOrder(s, "Existing");
    return s;
  }

  /** Customer 1 with address 1, attribute 1 and its value, a form field, consent; group 1. */
  static void customers(TestStore s) {
    for (String[] write :
        new String[][] {
          {"POST", "v2/customer_groups", "{\"name\":\"Existing\"}"},
          {
            "POST",
            "v3/customers",
            "[{\"email\":\"existing@example.com\",\"first_name\":\"E\",\"last_name\":\"X\","
                + "\"customer_group_id\":1,\"authentication\":{\"new_password\":\"pw-123456\"}}]"
          },
          {
            "POST",
            "v3/customers/addresses",
            "[{\"customer_id\":1,\"first_name\":\"E\",\"last_name\":\"X\",\"address1\":\"1 St\","
                + "\"city\":\"C\",\"state_or_province\":\"S\",\"postal_code\":\"1\",\"country_code\":\"US\"}]"
          },
          {"POST", "v3/customers/attributes", "[{\"name\":\"Existing\",\"type\":\"string\"}]"},
          {
            "PUT",
            "v3/customers/attribute-values",
            "[{\"attribute_id\":1,\"customer_id\":1,\"value\":\"v\"}]"
          },
          {
            "PUT",
            "v3/customers/form-field-values",
            "[{\"name\":\"f\",\"value\":\"v\",\"customer_id\":1}]"
          },
          {"PUT", "v3/customers/1/consent", "{\"allow\":[\"essential\"]}"}
        }) {
      Response r = s.call(write[0], write[1], write[2]);
      assertThat(r.status()).as(write[1] + " " + r).isIn(200, 201);
    }
  }

  /** Everything the customer routes could change. */
  static String customerData(TestStore s) {
    StringBuilder all = new StringBuilder();
    for (String list :
        List.of(
            "v3/customers?include=addresses,storecredit,attributes,formfields",
            "v3/customers/addresses",
            "v3/customers/attributes",
            "v3/customers/attribute-values",
            "v3/customers/form-field-values",
            "v3/customers/settings",
            "v3/customers/settings/channels/1",
            "v3/customers/1/consent",
            "v2/customers",
            "v2/customers/1/addresses",
            "v2/customer_groups")) {
      all.append(s.get(list).body());
    }
    return all.toString();
  }

  /** Everything the write sweeps could change. */
  static String snapshot(TestStore s) {
    return s.get("v3/catalog/products?include=variants,options,modifiers").body()
        + s.get("v3/catalog/products/1/complex-rules").body()
        + s.get("v3/catalog/categories").body()
        + s.get("v3/catalog/brands").body()
        + s.get("v3/catalog/products/1/images").body()
        + s.get("v2/orders?is_deleted=true").body()
        + s.get("v2/orders/1").body()
        + s.get("v2/orders/1/products").body()
        + s.get("v2/orders/1/shipping_addresses").body()
        + s.get("v2/orders/1/shipments").body()
        + everything(s)
        + customerData(s);
  }

  /** One of each sub-resource on product 1, category 1 and brand 1 (ids 1; metafields 1 to 3). */
  static void children(TestStore s) {
    String metafield =
        "{\"permission_set\":\"read\",\"namespace\":\"n\",\"key\":\"k\",\"value\":\"v\"}";
    for (String[] child :
        new String[][] {
          {"products/1/custom-fields", "{\"name\":\"n\",\"value\":\"v\"}"},
          {
            "products/1/bulk-pricing-rules",
            "{\"quantity_min\":1,\"quantity_max\":0,\"type\":\"price\",\"amount\":1}"
          },
          {"products/1/videos", "{\"video_id\":\"aaaaaaaaaaa\"}"},
          {"products/1/reviews", "{\"title\":\"t\",\"date_reviewed\":\"2020-01-01\"}"},
          {"products/1/metafields", metafield},
          {"categories/1/metafields", metafield},
          {"brands/1/metafields", metafield}
        }) {
      Response r = s.post("v3/catalog/" + child[0], child[1]);
      assertThat(r.status()).as(child[0] + " " + r).isEqualTo(201);
    }
  }

  /** Every list of the store's data, to show that nothing was written. */
  static String everything(TestStore s) {
    StringBuilder all = new StringBuilder();
    for (String list :
        List.of(
            "products",
            "categories",
            "brands",
            "products/1/custom-fields",
            "products/1/bulk-pricing-rules",
            "products/1/videos",
            "products/1/reviews",
            "products/1/metafields",
            "categories/1/metafields",
            "brands/1/metafields")) {
      all.append(s.get("v3/catalog/" + list).body());
    }
    return all.toString();
  }

  static void assertClean(Response r, String what) {
    assertThat(r.status()).as(what + " → " + r).isIn(CLIENT_ERRORS);
    assertNoInternals(r, what);
  }

  /** The API's envelope with its status, and nothing of the internals. */
  static void assertNoInternals(Response r, String what) {
    assertThat(r.body())
        .as(what)
        .doesNotContain("Exception")
        .doesNotContain("at dev.")
        .doesNotContain("at com.")
        .doesNotContain("jackson")
        .doesNotContain("SQL");
    // v3 errors are an object, v2 errors an array of one.
    JsonNode error = r.json().isArray() ? r.json().path(0) : r.json();
    assertThat(error.path("status").asInt()).as(what).isEqualTo(r.status());
  }

  @Test
  void hostileBodiesGetClientErrorsAndWriteNothing() {
    TestStore s = seeded();
    String before = snapshot(s);
    for (String route : writes()) {
      String[] mr = route.split(" ");
      for (String body : hostileBodies()) {
        long t0 = System.nanoTime();
        Response r = s.call(mr[0], mr[1], body);
        long ms = (System.nanoTime() - t0) / 1_000_000;
        String what = route + " with " + body.substring(0, Math.min(60, body.length()));
        assertClean(r, what);
        assertThat(ms).as(what + " took " + ms + " ms").isLessThan(2_000);
      }
    }
    assertThat(snapshot(s)).isEqualTo(before);
  }

  static List<byte[]> hostileForms(String boundary) {
    String d = "--" + boundary;
    String file = "Content-Disposition: form-data; name=\"image_file\"; filename=\"a.png\"";
    List<String> out = new ArrayList<>();
    out.add("");
    out.add(d);
    out.add(d + "\r\n");
    out.add(d + "--\r\n");
    out.add(d + "\r\n" + file + "\r\n\r\n");
    out.add(d + "\r\n" + file + "\r\n\r\nnot an image\r\n" + d + "--\r\n");
    out.add(d + "\r\n" + file + "\r\n\r\n\u0089PNG\r\n" + d + "--\r\n");
    out.add(d + "\r\n" + file + "\r\n\r\n\r\n" + d + "--\r\n");
    out.add(d + "\r\nContent-Disposition: form-data; name=\"\"\r\n\r\nx\r\n" + d + "--\r\n");
    out.add(d + "\r\nContent-Disposition: attachment; name=\"image_file\"\r\n\r\nx\r\n" + d + "--");
    out.add(d + "\r\nno colon here\r\n\r\nx\r\n" + d + "--\r\n");
    out.add(d + "\r\n" + "X-Long: " + "h".repeat(10_000) + "\r\n\r\nx\r\n" + d + "--\r\n");
    out.add(
        (d + "\r\nContent-Disposition: form-data; name=\"f\"\r\n\r\nx\r\n").repeat(40) + d + "--");
    out.add(
        d
            + "\r\nContent-Disposition: form-data; name=\"sort_order\"\r\n\r\n\u00ff\u00fe\r\n"
            + d
            + "--");
    out.add(
        d
            + "\r\nContent-Disposition: form-data; name=\"is_thumbnail\"\r\n\r\n\u0000\r\n"
            + d
            + "--");
    out.add("\r\n".repeat(1000) + d);
    List<byte[]> bytes = new ArrayList<>();
    out.forEach(x -> bytes.add(x.getBytes(StandardCharsets.ISO_8859_1)));
    java.util.Random random = new java.util.Random(20261126L);
    for (int i = 0; i < 20; i++) {
      byte[] noise = new byte[random.nextInt(2000)];
      random.nextBytes(noise);
      bytes.add(noise);
    }
    return bytes;
  }

  @Test
  void hostileFormsGetClientErrorsAndWriteNothing() {
    TestStore s = seeded();
    String before = snapshot(s);
    for (String route : UPLOADS) {
      for (String type :
          List.of(
              "multipart/form-data; boundary=XyZ",
              "multipart/form-data",
              "multipart/form-data; boundary=\"\"",
              "multipart/form-data; boundary=" + "b".repeat(200))) {
        for (byte[] body : hostileForms("XyZ")) {
          Response r =
              sr.http()
                  .sendBytes(
                      "POST", s.path(route), body, "X-Auth-Token", s.token(), "Content-Type", type);
          String what = route + " " + type + " with " + body.length + " bytes";
          assertThat(r.status()).as(what + " → " + r).isIn(400, 413, 422);
          assertClean(r, what.replace("%", "%%"));
        }
      }
    }
    assertThat(snapshot(s)).isEqualTo(before);
  }

  @Test
  void garbageIdsAndQueriesOnSubResourcesNever500() {
    TestStore s = seeded();
    String before = everything(s);
    List<String> parents =
        List.of(
            "products/%s/custom-fields",
            "products/%s/bulk-pricing-rules",
            "products/%s/videos",
            "products/%s/reviews",
            "products/%s/metafields",
            "products/%s/variants/1/metafields",
            "products/1/variants/%s/metafields",
            "categories/%s/metafields",
            "brands/%s/metafields");
    for (String parent : parents) {
      for (String id : List.of("abc", "0", "-1", "1.5", "99999999999999999999", "%20", "1e3")) {
        String list = "v3/catalog/" + parent.formatted(id);
        String one = "v3/catalog/" + parent.formatted(1) + "/" + id;
        for (Response r :
            List.of(
                s.get(list),
                s.post(list, "{\"name\":\"n\",\"value\":\"v\"}"),
                s.get(one),
                s.put(one, "{\"value\":\"v\"}"),
                s.delete(one))) {
          assertThat(r.status()).as(parent + " " + id + " " + r).isIn(404, 422);
          assertNoInternals(r, parent + " with id " + id);
        }
      }
      String list = "v3/catalog/" + parent.formatted(1);
      for (String q :
          List.of("limit=abc", "page=0", "limit=251", "key:like=x", "id:in=,", "namespace=%00")) {
        Response r = s.get(list + "?" + q);
        assertThat(r.status()).as(list + "?" + q + " " + r).isIn(404, 413, 422, 200);
        assertThat(r.body()).doesNotContain("Exception");
      }
    }
    assertThat(everything(s)).isEqualTo(before);
  }

  @Test
  void invalidUtf8IsAClientError() {
    TestStore s = sr.newStore();
    byte[] bad = "{\"name\":\"\u00ff\"}".getBytes(StandardCharsets.ISO_8859_1);
    Response r =
        sr.http()
            .sendBytes(
                "POST",
                s.path("v3/catalog/brands"),
                bad,
                "X-Auth-Token",
                s.token(),
                "Content-Type",
                "application/json");
    assertClean(r, "invalid UTF-8");
  }

  @Test
  void hostileQueryStringsGetClientErrors() {
    TestStore s = sr.newStore();
    for (String q :
        List.of(
            "limit=abc",
            "limit=99999999999999999999",
            "page=0",
            "id:in=" + "1,".repeat(2000) + "1",
            "id=%zz",
            "price:min=1e999",
            "sort=;DROP%20TABLE%20products",
            "date_modified:min=not-a-date",
            "id:in=,,,",
            "is_visible=maybe",
            "name:like=" + "%".repeat(5000),
            "include_fields=" + "a,".repeat(5000))) {
      // Raw HTTP: the JDK client refuses to send malformed escapes such as %zz.
      String raw =
          RawHttp.request(
              sr.app().port(),
              "GET "
                  + s.path("v3/catalog/products?" + q)
                  + " HTTP/1.1\r\nHost: x\r\n"
                  + "X-Auth-Token: "
                  + s.token()
                  + "\r\n\r\n");
      int status = Integer.parseInt(raw.substring(9, 12));
      assertThat(status).as(q + " → " + raw).isIn(200, 400, 413, 422);
      assertThat(raw).doesNotContain("Exception");
    }
    assertThat(s.get("v3/catalog/products").status()).isEqualTo(200);
  }

  @Test
  void randomJsonValuesForEveryProductFieldNeverCauseA5xx() {
    TestStore s = sr.newStore();
    List<String> fields =
        List.of(
            "name",
            "type",
            "sku",
            "weight",
            "price",
            "categories",
            "brand_id",
            "inventory_level",
            "is_visible",
            "availability",
            "custom_url",
            "meta_keywords",
            "preorder_release_date",
            "condition",
            "sort_order");
    Arbitrary<String> values =
        Arbitraries.oneOf(
            Arbitraries.strings()
                .ofMaxLength(300)
                .map(v -> "\"" + v.replace("\\", "\\\\").replace("\"", "\\\"") + "\""),
            Arbitraries.longs().map(String::valueOf),
            Arbitraries.doubles().filter(Double::isFinite).map(String::valueOf),
            Arbitraries.of(
                "true",
                "false",
                "null",
                "[]",
                "{}",
                "[1,2]",
                "[\"x\"]",
                "{\"url\":\"/x/\"}",
                "1e308",
                "-0"));
    java.util.Random random = new java.util.Random(20261125L);
    for (int i = 0; i < 300; i++) {
      StringBuilder body =
          new StringBuilder(
              "{\"name\":\"Random " + i + "\",\"type\":\"physical\",\"weight\":1,\"price\":1");
      String field = fields.get(random.nextInt(fields.size()));
      String value = values.sample();
      body.append(",\"").append(field).append("\":").append(value).append('}');
      Response r = s.post("v3/catalog/products", body.toString());
      assertThat(r.status()).as(body + " → " + r).isIn(201, 400, 409, 422);
      assertThat(r.body()).doesNotContain("Exception");
    }
  }

  @Test
  void bodiesJacksonWouldReadAsUtf32AreA400() {
    TestStore s = sr.newStore();
    for (byte[] body :
        List.of(
            new byte[] {0, '{', 0, 0},
            new byte[] {0, 0, '{', 0},
            new byte[] {'{', 0, 0, 0, (byte) 0xff, (byte) 0xff, (byte) 0xff, 0x7f})) {
      Response r =
          sr.http()
              .sendBytes(
                  "POST",
                  s.path("v3/catalog/brands"),
                  body,
                  "X-Auth-Token",
                  s.token(),
                  "Content-Type",
                  "application/json");
      assertClean(r, "UTF-32-looking body");
      assertThat(r.status()).isEqualTo(400);
    }
  }

  @Test
  void aHugeDeclaredBodyIsRefusedWithoutReadingIt() {
    TestStore s = sr.newStore();
    long t0 = System.nanoTime();
    String raw =
        RawHttp.request(
            sr.app().port(),
            "POST "
                + s.path("v3/catalog/brands")
                + " HTTP/1.1\r\nHost: x\r\n"
                + "X-Auth-Token: "
                + s.token()
                + "\r\nContent-Type: application/json\r\nContent-Length: 50000000\r\n\r\n{\"name\":");
    assertThat(raw).startsWith("HTTP/1.1 413");
    assertThat((System.nanoTime() - t0) / 1_000_000).isLessThan(5_000);
  }

  @Test
  void theHttpServersOwnRefusalsComeInTheEnvelopeWithTheSeedsCodes() {
    TestStore s = sr.newStore();
    int port = sr.app().port();
    String auth = "\r\nHost: x\r\nX-Auth-Token: " + s.token();
    // A request line over 64 KB: 413 (the seed has no 414), JSON, naming the limit.
    String longLine =
        RawHttp.request(
            port,
            "GET "
                + s.path("v3/catalog/products")
                + "?name="
                + "a".repeat(70_000)
                + " HTTP/1.1"
                + auth
                + "\r\n\r\n");
    assertThat(longLine).startsWith("HTTP/1.1 413").contains("Content-Type: application/json");
    assertThat(longLine).contains("{\"status\":413,").contains("64 KB");
    // Headers over 16 KB together, and a header line that is not one: 400 saying so.
    String bigHeaders =
        RawHttp.request(
            port,
            "GET "
                + s.path("v3/catalog/products")
                + " HTTP/1.1"
                + auth
                + "\r\nX-Padding: "
                + "b".repeat(20_000)
                + "\r\n\r\n");
    assertThat(bigHeaders).startsWith("HTTP/1.1 400").contains("application/json");
    assertThat(bigHeaders).contains("{\"status\":400,").contains("16 KB");
    // Once the request line is read, a v2 path gets the v2 envelope: a list of {status, message}.
    String v2 =
        RawHttp.request(
            port, "GET " + s.path("v2/orders") + " HTTP/1.1" + auth + "\r\nBad Header: x\r\n\r\n");
    assertThat(v2).startsWith("HTTP/1.1 400").contains("[{\"status\":400,\"message\":");
    // Bytes that are not HTTP get no answer at all (the connection is closed), never a 5xx.
    assertThat(RawHttp.request(port, "HELLO THERE\r\n\r\n")).isEmpty();
    // The server serves on.
    assertThat(s.get("v3/catalog/products").status()).isEqualTo(200);
  }
}
