package dev.stockroom.customers;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.stockroom.testing.ApiClient.Response;
import dev.stockroom.testing.Stockroom;
import dev.stockroom.testing.StockroomTest;
import dev.stockroom.testing.TestStore;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import org.junit.jupiter.api.Test;

@StockroomTest
class CustomersV2ApiTest {
  static final String C = "v2/customers";
  static final String RFC2822 =
      "[A-Z][a-z]{2}, \\d\\d [A-Z][a-z]{2} \\d{4} \\d\\d:\\d\\d:\\d\\d \\+0000";
  final Stockroom sr;

  CustomersV2ApiTest(Stockroom sr) {
    this.sr = sr;
  }

  static long create(TestStore s, String email, String first) {
    Response r =
        s.post(
            C,
            "{\"email\":\"" + email + "\",\"first_name\":\"" + first + "\",\"last_name\":\"Doe\"}");
    assertThat(r.status()).as(r.toString()).isEqualTo(201);
    return r.json().path("id").asLong();
  }

  static void assertV2Error(Response r, int status) {
    assertThat(r.status()).as(r.toString()).isEqualTo(status);
    assertThat(r.json().isArray()).as(r.toString()).isTrue();
    assertThat(r.json().get(0).path("status").asInt()).isEqualTo(status);
    assertThat(r.json().get(0).path("message").asText()).isNotEmpty();
  }

  @Test
  void crudInV2Form() {
    TestStore s = sr.newStore();
    Response r =
        s.post(
            C,
            "{\"email\":\"jane@example.com\",\"first_name\":\"Jane\",\"last_name\":\"Doe\","
                + "\"company\":\"BigCo\",\"phone\":\"123\",\"store_credit\":\"12.5\",\"notes\":\"n\","
                + "\"_authentication\":{\"password\":\"pa55word\",\"password_confirmation\":\"pa55word\"}}");
    assertThat(r.status()).isEqualTo(201);
    long id = r.json().path("id").asLong();
    assertThat(r.header("Location")).hasValue(s.path(C) + "/" + id);
    JsonNode c = r.json();
    assertThat(c.path("date_created").asText()).matches(RFC2822);
    assertThat(c.path("date_modified").asText()).matches(RFC2822);
    assertThat(c.path("store_credit").asText()).isEqualTo("12.5000");
    assertThat(c.path("company").asText()).isEqualTo("BigCo");
    assertThat(c.path("addresses").path("resource").asText())
        .isEqualTo("/customers/" + id + "/addresses");
    assertThat(c.path("addresses").path("url").asText())
        .endsWith(s.path(C) + "/" + id + "/addresses");
    assertThat(c.path("form_fields").isArray()).isTrue();
    assertThat(r.body())
        .doesNotContain("pa55word")
        .doesNotContain("_authentication")
        .doesNotContain("pbkdf2");

    Response got = s.get(C + "/" + id);
    assertThat(got.status()).isEqualTo(200);
    assertThat(got.json().path("email").asText()).isEqualTo("jane@example.com");
    Response put = s.put(C + "/" + id, "{\"last_name\":\"Smith\",\"store_credit\":3}");
    assertThat(put.status()).isEqualTo(200);
    assertThat(put.json().path("last_name").asText()).isEqualTo("Smith");
    assertThat(put.json().path("first_name").asText()).isEqualTo("Jane");
    assertThat(put.json().path("store_credit").asText()).isEqualTo("3.0000");
    assertThat(s.delete(C + "/" + id).status()).isEqualTo(204);
    assertV2Error(s.get(C + "/" + id), 404);
    assertV2Error(s.put(C + "/" + id, "{\"last_name\":\"X\"}"), 404);
    assertV2Error(s.delete(C + "/" + id), 404);
  }

  @Test
  void v2InputErrors() {
    TestStore s = sr.newStore();
    create(s, "dup@example.com", "Dup");
    Response dup =
        s.post(C, "{\"email\":\"DUP@example.com\",\"first_name\":\"A\",\"last_name\":\"B\"}");
    assertV2Error(dup, 422);
    assertThat(dup.json().get(0).path("details").has("email")).isTrue();
    Response missing = s.post(C, "{\"email\":\"m@example.com\"}");
    assertV2Error(missing, 422);
    assertThat(missing.json().get(0).path("details").path("first_name").asText())
        .isEqualTo("is required");
    Response confirm =
        s.post(
            C,
            "{\"email\":\"c@example.com\",\"first_name\":\"A\",\"last_name\":\"B\",\"_authentication\":{\"password\":\"a\",\"password_confirmation\":\"b\"}}");
    assertV2Error(confirm, 422);
    assertV2Error(
        s.post(
            C,
            "{\"email\":\"g@example.com\",\"first_name\":\"A\",\"last_name\":\"B\",\"customer_group_id\":77}"),
        422);
    assertThat(s.get(C + "/count").json().path("count").asInt()).isEqualTo(1);
  }

  @Test
  void theSameCustomerThroughV2AndV3() {
    TestStore s = sr.newStore();
    long id =
        s.post(
                "v3/customers",
                "[{\"email\":\"both@example.com\",\"first_name\":\"Bo\",\"last_name\":\"Th\",\"store_credit_amounts\":[{\"amount\":2.25}],\"authentication\":{\"force_password_reset\":true}}]")
            .ids()
            .get(0);
    JsonNode v2 = s.get(C + "/" + id).json();
    assertThat(v2.path("email").asText()).isEqualTo("both@example.com");
    assertThat(v2.path("store_credit").asText()).isEqualTo("2.2500");
    assertThat(v2.path("reset_pass_on_login").asBoolean()).isTrue();
    s.put(C + "/" + id, "{\"company\":\"ViaV2\"}");
    JsonNode v3 = s.get("v3/customers?id:in=" + id).json().path("data").get(0);
    assertThat(v3.path("company").asText()).isEqualTo("ViaV2");
    assertThat(
            Instant.parse(v3.path("date_created").asText().replace("+00:00", "Z")).getEpochSecond())
        .isEqualTo(
            java.time.ZonedDateTime.parse(
                    v2.path("date_created").asText(), DateTimeFormatter.RFC_1123_DATE_TIME)
                .toEpochSecond());
  }

  @Test
  void listsFiltersPagingAnd204() {
    TestStore s = sr.newStore();
    Response empty = s.get(C);
    assertThat(empty.status()).isEqualTo(204);
    assertThat(empty.body()).isEmpty();
    long a = create(s, "a@example.com", "Alice");
    long b = create(s, "b@example.com", "Bob");
    long group = s.post("v2/customer_groups", "{\"name\":\"G\"}").json().path("id").asLong();
    s.put(
        C + "/" + b,
        "{\"customer_group_id\":"
            + group
            + ",\"company\":\"Acme\",\"phone\":\"77\",\"store_credit\":5}");
    Response all = s.get(C);
    assertThat(all.status()).isEqualTo(200);
    assertThat(all.json().isArray()).isTrue();
    assertThat(all.json().size()).isEqualTo(2);
    assertThat(s.get(C + "?first_name=Bob").json().get(0).path("id").asLong()).isEqualTo(b);
    assertThat(s.get(C + "?last_name=Doe").json().size()).isEqualTo(2);
    assertThat(s.get(C + "?email=A@example.com").json().get(0).path("id").asLong()).isEqualTo(a);
    assertThat(s.get(C + "?company=Acme").json().get(0).path("id").asLong()).isEqualTo(b);
    assertThat(s.get(C + "?phone=77").json().get(0).path("id").asLong()).isEqualTo(b);
    assertThat(s.get(C + "?store_credit=5").json().get(0).path("id").asLong()).isEqualTo(b);
    assertThat(s.get(C + "?customer_group_id=" + group).json().get(0).path("id").asLong())
        .isEqualTo(b);
    assertThat(s.get(C + "?min_id=" + b).json().size()).isEqualTo(1);
    assertThat(s.get(C + "?max_id=" + a).json().get(0).path("id").asLong()).isEqualTo(a);
    assertThat(s.get(C + "?min_date_created=2000-01-01T00:00:00Z").json().size()).isEqualTo(2);
    assertThat(s.get(C + "?max_date_created=Tue,%2005%20Mar%202019%2021:40:11%20%2B0000").status())
        .isEqualTo(204);
    assertThat(s.get(C + "?min_date_modified=2000-01-01").json().size()).isEqualTo(2);
    assertThat(s.get(C + "?max_date_modified=2000-01-01").status()).isEqualTo(204);
    assertThat(s.get(C + "?first_name=Nobody").status()).isEqualTo(204);
    String created = s.get(C + "/" + a).json().path("date_created").asText();
    String enc = created.replace(" ", "%20").replace("+", "%2B");
    assertThat(s.get(C + "?max_date_created=" + enc).json().get(0).path("id").asLong())
        .isEqualTo(a);
    assertThat(s.get(C + "?min_date_created=" + enc).json().get(0).path("id").asLong())
        .isEqualTo(a);
    assertThat(s.get(C + "?limit=1&page=2").json().get(0).path("id").asLong()).isEqualTo(b);
    assertThat(s.get(C + "?limit=1&page=3").status()).isEqualTo(204);
    Response over = s.get(C + "?limit=251");
    assertV2Error(over, 413);
    assertThat(over.json().get(0).path("details").path("max_limit").asInt()).isEqualTo(250);
    assertV2Error(s.get(C + "?min_id=abc"), 422);
    assertV2Error(s.get(C + "?min_date_created=whenever"), 422);
    assertThat(s.get(C + "/count").json().path("count").asInt()).isEqualTo(2);
  }

  @Test
  void ifModifiedSinceAndLastModified() {
    TestStore s = sr.newStore();
    long a = create(s, "old@example.com", "Old");
    Response one = s.get(C + "/" + a);
    String lastModified = one.header("Last-Modified").orElseThrow();
    assertThat(lastModified).endsWith("GMT");
    assertThat(DateTimeFormatter.RFC_1123_DATE_TIME.parse(lastModified)).isNotNull();
    Response none = s.call("GET", C, null, "If-Modified-Since", lastModified);
    assertThat(none.status()).isEqualTo(304);
    assertThat(none.body()).isEmpty();
    sr.clock().advance(2_000);
    long b = create(s, "new@example.com", "New");
    Response newer = s.call("GET", C, null, "If-Modified-Since", lastModified);
    assertThat(newer.status()).isEqualTo(200);
    assertThat(newer.json().size()).isEqualTo(1);
    assertThat(newer.json().get(0).path("id").asLong()).isEqualTo(b);
    String before =
        DateTimeFormatter.RFC_1123_DATE_TIME.format(
            Instant.ofEpochSecond(0).atZone(ZoneOffset.UTC));
    assertThat(s.call("GET", C, null, "If-Modified-Since", before).json().size()).isEqualTo(2);
  }

  @Test
  void validatesPasswords() {
    TestStore s = sr.newStore();
    long id =
        s.post(
                C,
                "{\"email\":\"p@example.com\",\"first_name\":\"P\",\"last_name\":\"W\",\"_authentication\":{\"password\":\"letmein1\"}}")
            .json()
            .path("id")
            .asLong();
    Response ok = s.post(C + "/" + id + "/validate", "{\"password\":\"letmein1\"}");
    assertThat(ok.status()).isEqualTo(200);
    assertThat(ok.json().path("success").asBoolean()).isTrue();
    assertThat(
            s.post(C + "/" + id + "/validate", "{\"password\":\"nope\"}")
                .json()
                .path("success")
                .asBoolean())
        .isFalse();
    assertV2Error(s.post(C + "/999/validate", "{\"password\":\"x\"}"), 404);
    // The v2 password and the v3 one are the same.
    assertThat(
            s.post(
                    "v3/customers/validate-credentials",
                    "{\"email\":\"p@example.com\",\"password\":\"letmein1\"}")
                .json()
                .path("is_valid")
                .asBoolean())
        .isTrue();
  }

  static final String ADDRESS =
      "{\"first_name\":\"Jane\",\"last_name\":\"Doe\",\"street_1\":\"123 Main Street\",\"city\":\"Austin\","
          + "\"state\":\"Texas\",\"zip\":\"78726\",\"country\":\"United States\",\"phone\":\"555\"}";

  @Test
  void addresses() {
    TestStore s = sr.newStore();
    long id = create(s, "addr@example.com", "A");
    String A = C + "/" + id + "/addresses";
    assertThat(s.get(A).status()).isEqualTo(204);
    Response made = s.post(A, ADDRESS);
    assertThat(made.status()).as(made.toString()).isEqualTo(201);
    long aid = made.json().path("id").asLong();
    assertThat(made.header("Location")).hasValue(s.path(A) + "/" + aid);
    assertThat(made.json().path("country_iso2").asText()).isEqualTo("US");
    assertThat(made.json().path("street_1").asText()).isEqualTo("123 Main Street");
    assertThat(made.json().path("customer_id").asLong()).isEqualTo(id);
    assertThat(s.get(A).json().size()).isEqualTo(1);
    assertThat(s.get(A + "/count").json().path("count").asInt()).isEqualTo(1);
    assertThat(s.get(A + "/" + aid).json().path("zip").asText()).isEqualTo("78726");
    Response put = s.put(A + "/" + aid, "{\"city\":\"Dallas\",\"country\":\"Canada\"}");
    assertThat(put.status()).isEqualTo(200);
    assertThat(put.json().path("country_iso2").asText()).isEqualTo("CA");
    assertThat(put.json().path("city").asText()).isEqualTo("Dallas");
    JsonNode v3 = s.get("v3/customers/addresses?customer_id:in=" + id).json().path("data").get(0);
    assertThat(v3.path("country_code").asText()).isEqualTo("CA");
    assertThat(v3.path("address1").asText()).isEqualTo("123 Main Street");
    assertV2Error(s.post(A, ADDRESS.replace("United States", "Atlantis")), 422);
    Response missing = s.post(A, "{\"first_name\":\"x\"}");
    assertV2Error(missing, 422);
    assertThat(missing.json().get(0).path("details").path("street_1").asText())
        .isEqualTo("is required");
    assertV2Error(s.get(C + "/999/addresses"), 404);
    assertV2Error(s.post(C + "/999/addresses", ADDRESS), 404);
    assertV2Error(s.get(A + "/999"), 404);
    long other = create(s, "other@example.com", "O");
    assertV2Error(s.get(C + "/" + other + "/addresses/" + aid), 404);
    assertThat(s.delete(A + "/" + aid).status()).isEqualTo(204);
    assertV2Error(s.get(A + "/" + aid), 404);
    s.post(A, ADDRESS);
    s.post(A, ADDRESS);
    assertThat(s.delete(A).status()).isEqualTo(204);
    assertThat(s.get(A).status()).isEqualTo(204);
  }

  @Test
  void deletingAllCustomers() {
    TestStore s = sr.newStore();
    create(s, "x@example.com", "X");
    create(s, "y@example.com", "Y");
    assertThat(s.delete(C).status()).isEqualTo(204);
    assertThat(s.get(C + "/count").json().path("count").asInt()).isZero();
    assertThat(s.get(C).status()).isEqualTo(204);
  }

  @Test
  void customerGroups() {
    TestStore s = sr.newStore();
    String G = "v2/customer_groups";
    assertThat(s.get(G).status()).isEqualTo(204);
    Response made =
        s.post(
            G,
            "{\"name\":\"Wholesale\",\"is_default\":true,\"category_access\":{\"type\":\"specific\",\"categories\":[18,19]},\"discount_rules\":[{\"type\":\"all\",\"method\":\"percent\",\"amount\":5}]}");
    assertThat(made.status()).as(made.toString()).isEqualTo(201);
    long g = made.json().path("id").asLong();
    assertThat(made.header("Location")).hasValue(s.path(G) + "/" + g);
    assertThat(made.json().path("discount_rules").get(0).path("amount").asText())
        .isEqualTo("5.0000");
    assertThat(made.json().path("category_access").path("categories").size()).isEqualTo(2);
    assertV2Error(s.post(G, "{\"name\":\"Wholesale\"}"), 409);
    assertV2Error(s.post(G, "{\"is_default\":true}"), 422);
    long retail = s.post(G, "{\"name\":\"Retail\"}").json().path("id").asLong();
    assertThat(s.get(G + "/count").json().path("count").asInt()).isEqualTo(2);
    assertThat(s.get(G + "?is_default=true").json().get(0).path("id").asLong()).isEqualTo(g);
    assertThat(s.get(G + "?name=Retail").json().get(0).path("id").asLong()).isEqualTo(retail);
    // New customers join the default group; a deleted group leaves its customers ungrouped.
    long c = create(s, "grouped@example.com", "G");
    assertThat(s.get(C + "/" + c).json().path("customer_group_id").asLong()).isEqualTo(g);
    Response renamed = s.put(G + "/" + retail, "{\"name\":\"Retail 2\",\"is_default\":true}");
    assertThat(renamed.json().path("name").asText()).isEqualTo("Retail 2");
    assertThat(s.get(G + "/" + g).json().path("is_default").asBoolean()).isFalse();
    assertThat(s.delete(G + "/" + g).status()).isEqualTo(204);
    assertThat(s.get(C + "/" + c).json().path("customer_group_id").asLong()).isZero();
    assertV2Error(s.get(G + "/" + g), 404);
    assertV2Error(s.put(G + "/" + g, "{\"name\":\"x\"}"), 404);
    assertThat(s.delete(G).status()).isEqualTo(204);
    assertThat(s.get(G).status()).isEqualTo(204);
    // v3 sees groups too: an unknown group id is refused there as well.
    Response v3 =
        s.post(
            "v3/customers",
            "[{\"email\":\"z@example.com\",\"first_name\":\"Z\",\"last_name\":\"Z\",\"customer_group_id\":"
                + retail
                + "}]");
    assertThat(v3.status()).isEqualTo(422);
  }
}
