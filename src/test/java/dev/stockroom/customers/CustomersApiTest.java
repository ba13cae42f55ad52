package dev.stockroom.customers;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.stockroom.testing.ApiClient.Response;
import dev.stockroom.testing.Stockroom;
import dev.stockroom.testing.StockroomTest;
import dev.stockroom.testing.TestStore;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.Test;

@StockroomTest
class CustomersApiTest {
  static final String C = "v3/customers";
  final Stockroom sr;

  CustomersApiTest(Stockroom sr) {
    this.sr = sr;
  }

  static String person(String email, String first, String last) {
    return "{\"email\":\""
        + email
        + "\",\"first_name\":\""
        + first
        + "\",\"last_name\":\""
        + last
        + "\"}";
  }

  static long customer(TestStore s, String email, String first, String last) {
    Response r = s.post(C, "[" + person(email, first, last) + "]");
    assertThat(r.status()).as(r.toString()).isEqualTo(201);
    return r.json().path("data").get(0).path("id").asLong();
  }

  static long total(Response r) {
    return r.json().path("meta").path("pagination").path("total").asLong();
  }

  static final String ADDRESS =
      "{\"first_name\":\"Ada\",\"last_name\":\"Lovelace\",\"address1\":\"1 Main St\","
          + "\"city\":\"Austin\",\"state_or_province\":\"Texas\",\"postal_code\":\"78701\","
          + "\"country_code\":\"US\"}";

  @Test
  void createsABatchAndListsItWithIncludes() {
    TestStore s = sr.newStore();
    Response r =
        s.post(
            C,
            "[{\"email\":\"ada@example.com\",\"first_name\":\"Ada\",\"last_name\":\"Lovelace\","
                + "\"company\":\"Engines\",\"phone\":\"555\",\"authentication\":{\"new_password\":\"s3cret-Pass\"},"
                + "\"store_credit_amounts\":[{\"amount\":12.5}],\"addresses\":["
                + ADDRESS
                + "]},"
                + person("bob@example.com", "Bob", "Builder")
                + "]");
    assertThat(r.status()).isEqualTo(201);
    List<Long> ids = r.ids();
    assertThat(ids).hasSize(2);
    assertThat(r.header("Location"))
        .hasValue(s.path(C) + "?id:in=" + ids.get(0) + "," + ids.get(1));
    JsonNode ada = r.json().path("data").get(0);
    assertThat(ada.path("email").asText()).isEqualTo("ada@example.com");
    assertThat(ada.path("company").asText()).isEqualTo("Engines");
    assertThat(ada.path("address_count").asInt()).isEqualTo(1);
    assertThat(ada.path("attribute_count").asInt()).isZero();
    assertThat(ada.path("date_created").asText())
        .matches("\\d{4}-\\d\\d-\\d\\dT\\d\\d:\\d\\d:\\d\\d\\+00:00");
    assertThat(ada.path("authentication").path("force_password_reset").asBoolean()).isFalse();
    assertThat(r.body())
        .doesNotContain("s3cret")
        .doesNotContain("new_password")
        .doesNotContain("pbkdf2");

    Response plain = s.get(C);
    assertThat(plain.status()).isEqualTo(200);
    assertThat(total(plain)).isEqualTo(2);
    assertThat(plain.json().path("data").get(0).has("addresses")).isFalse();
    assertThat(plain.json().path("data").get(0).has("store_credit_amounts")).isFalse();
    assertThat(plain.body()).doesNotContain("s3cret").doesNotContain("pbkdf2");

    Response all =
        s.get(C + "?id:in=" + ids.get(0) + "&include=addresses,storecredit,attributes,formfields");
    JsonNode one = all.json().path("data").get(0);
    assertThat(one.path("addresses").get(0).path("country").asText()).isEqualTo("United States");
    assertThat(one.path("addresses").get(0).path("customer_id").asLong()).isEqualTo(ids.get(0));
    assertThat(one.path("store_credit_amounts").get(0).path("amount").asDouble()).isEqualTo(12.5);
    assertThat(one.path("attributes").isArray()).isTrue();
    assertThat(one.path("form_fields").isArray()).isTrue();
    assertThat(s.get(C + "?include=orders").status()).isEqualTo(422);
  }

  @Test
  void filtersAndSorts() {
    TestStore s = sr.newStore();
    long group =
        s.post("v2/customer_groups", "{\"name\":\"Wholesale\"}").json().path("id").asLong();
    long a =
        s.post(
                C,
                "[{\"email\":\"Zed@Example.com\",\"first_name\":\"Zed\",\"last_name\":\"Alpha\","
                    + "\"company\":\"Acme\",\"registration_ip_address\":\"10.0.0.1\",\"customer_group_id\":"
                    + group
                    + "}]")
            .ids()
            .get(0);
    sr.clock().advance(5_000);
    long b = customer(s, "amy@example.com", "Amy", "Zulu");
    long mid = sr.clock().millis() - 2_000;
    assertThat(s.get(C + "?id:in=" + a + "," + b).ids()).containsExactly(a, b);
    assertThat(s.get(C + "?company:in=Acme,Other").ids()).containsExactly(a);
    assertThat(s.get(C + "?customer_group_id:in=" + group).ids()).containsExactly(a);
    assertThat(s.get(C + "?email:in=zed@example.COM").ids()).containsExactly(a);
    assertThat(s.get(C + "?name:in=amy%20zulu").ids()).containsExactly(b);
    assertThat(s.get(C + "?name:like=ed%20al").ids()).containsExactly(a);
    assertThat(s.get(C + "?registration_ip_address:in=10.0.0.1").ids()).containsExactly(a);
    assertThat(s.get(C + "?date_created:min=" + mid / 1000).ids()).containsExactly(b);
    assertThat(s.get(C + "?date_created:max=" + mid / 1000).ids()).containsExactly(a);
    assertThat(s.get(C + "?date_modified:min=" + mid / 1000).ids()).containsExactly(b);
    assertThat(s.get(C + "?date_modified:max=" + mid / 1000).ids()).containsExactly(a);
    // A date read from a customer finds it again: filters work to the second, as dates are served.
    String created =
        s.get(C + "?id:in=" + b).json().path("data").get(0).path("date_created").asText();
    String enc = created.replace("+", "%2B");
    assertThat(s.get(C + "?date_created=" + enc).ids()).containsExactly(b);
    assertThat(s.get(C + "?date_created:max=" + enc).ids()).containsExactly(a, b);
    assertThat(s.get(C + "?date_created:min=" + enc).ids()).containsExactly(b);
    assertThat(s.get(C + "?sort=date_created:desc").ids()).containsExactly(b, a);
    assertThat(s.get(C + "?sort=date_created:asc").ids()).containsExactly(a, b);
    assertThat(s.get(C + "?sort=last_name:asc").ids()).containsExactly(a, b);
    assertThat(s.get(C + "?sort=last_name:desc").ids()).containsExactly(b, a);
    Response bad = s.get(C + "?sort=email:asc");
    assertThat(bad.status()).isEqualTo(422);
    assertThat(bad.json().path("errors").has("sort")).isTrue();
    assertThat(s.get(C + "?date_created:min=yesterday").status()).isEqualTo(422);
    Response paged = s.get(C + "?limit=1&page=2");
    assertThat(paged.ids()).containsExactly(b);
    assertThat(paged.json().path("meta").path("pagination").path("total_pages").asInt())
        .isEqualTo(2);
    Response tooMany = s.get(C + "?limit=251");
    assertThat(tooMany.status()).isEqualTo(413);
    assertThat(tooMany.json().path("status").asInt()).isEqualTo(413);
  }

  @Test
  void emailsAreUniqueCaseInsensitivelyAndAFailedBatchWritesNothing() {
    TestStore s = sr.newStore();
    customer(s, "taken@example.com", "T", "Aken");
    Response dup =
        s.post(
            C,
            "["
                + person("new@example.com", "N", "Ew")
                + ","
                + person("TAKEN@example.com", "X", "Y")
                + "]");
    assertThat(dup.status()).isEqualTo(422);
    assertThat(dup.json().path("errors").path("1.email").asText()).contains("already in use");
    Response within =
        s.post(
            C,
            "["
                + person("twin@example.com", "A", "B")
                + ","
                + person("Twin@Example.com", "C", "D")
                + "]");
    assertThat(within.status()).isEqualTo(422);
    assertThat(within.json().path("errors").has("1.email")).isTrue();
    assertThat(total(s.get(C))).isEqualTo(1);
    long other = customer(s, "other@example.com", "O", "Ther");
    Response put = s.put(C, "[{\"id\":" + other + ",\"email\":\"Taken@Example.com\"}]");
    assertThat(put.status()).isEqualTo(422);
    assertThat(put.json().path("errors").has("0.email")).isTrue();
    // A customer may keep (or re-case) its own email.
    assertThat(s.put(C, "[{\"id\":" + other + ",\"email\":\"OTHER@example.com\"}]").status())
        .isEqualTo(200);
  }

  @Test
  void batchErrorsAreKeyedByIndex() {
    TestStore s = sr.newStore();
    Response r =
        s.post(
            C,
            "["
                + person("ok@example.com", "O", "K")
                + ",{\"email\":\"not-an-email\",\"first_name\":\"\"},"
                + "{\"email\":\"c@example.com\",\"first_name\":\"C\",\"last_name\":\"D\",\"addresses\":[{\"first_name\":\"x\"}],\"customer_group_id\":999}]");
    assertThat(r.status()).isEqualTo(422);
    JsonNode errors = r.json().path("errors");
    assertThat(errors.path("1.email").asText()).isEqualTo("must be a valid email address");
    assertThat(errors.path("1.first_name").asText()).isEqualTo("must not be empty");
    assertThat(errors.path("1.last_name").asText()).isEqualTo("is required");
    assertThat(errors.path("2.addresses.0.city").asText()).isEqualTo("is required");
    assertThat(errors.has("0.email")).isFalse();
    Response credit =
        s.post(
            C,
            "[{\"email\":\"sc@example.com\",\"first_name\":\"S\",\"last_name\":\"C\",\"store_credit_amounts\":[{}]}]");
    assertThat(credit.json().path("errors").path("0.store_credit_amounts.0.amount").asText())
        .isEqualTo("is required");
    assertThat(total(s.get(C))).isZero();
    Response group =
        s.post(
            C,
            "[{\"email\":\"g@example.com\",\"first_name\":\"G\",\"last_name\":\"H\",\"customer_group_id\":999}]");
    assertThat(group.status()).isEqualTo(422);
    assertThat(group.json().path("errors").has("0.customer_group_id")).isTrue();
    Response attr =
        s.post(
            C,
            "[{\"email\":\"g@example.com\",\"first_name\":\"G\",\"last_name\":\"H\",\"attributes\":[{\"attribute_id\":5,\"attribute_value\":\"x\"}]}]");
    assertThat(attr.status()).isEqualTo(422);
    assertThat(attr.json().path("errors").has("0.attributes.0.attribute_id")).isTrue();
    assertThat(total(s.get(C))).isZero();
  }

  @Test
  void batchShapeAndCaps() {
    TestStore s = sr.newStore();
    StringBuilder eleven = new StringBuilder("[");
    for (int i = 0; i < 11; i++) {
      eleven.append(i == 0 ? "" : ",").append(person("p" + i + "@example.com", "P", "Q"));
    }
    Response over = s.post(C, eleven.append("]").toString());
    assertThat(over.status()).isEqualTo(413);
    assertThat(over.json().path("status").asInt()).isEqualTo(413);
    assertThat(s.put(C, "[]").status()).isEqualTo(422);
    assertThat(s.post(C, person("one@example.com", "O", "N")).status()).isEqualTo(422);
    StringBuilder addresses =
        new StringBuilder(
            "[{\"email\":\"many@example.com\",\"first_name\":\"M\",\"last_name\":\"A\",\"addresses\":[");
    for (int i = 0; i < 11; i++) {
      addresses.append(i == 0 ? "" : ",").append(ADDRESS);
    }
    Response tooManyAddresses = s.post(C, addresses.append("]}]").toString());
    assertThat(tooManyAddresses.status()).isEqualTo(422);
    assertThat(tooManyAddresses.json().path("errors").has("0.addresses")).isTrue();
    assertThat(total(s.get(C))).isZero();
  }

  @Test
  void updatesWithoutTouchingSubResources() {
    TestStore s = sr.newStore();
    long id = customer(s, "u@example.com", "U", "Ser");
    sr.clock().advance(1_500);
    Response r = s.put(C, "[{\"id\":" + id + ",\"first_name\":\"Ursula\",\"notes\":\"vip\"}]");
    assertThat(r.status()).isEqualTo(200);
    JsonNode d = r.json().path("data").get(0);
    assertThat(d.path("first_name").asText()).isEqualTo("Ursula");
    assertThat(d.path("last_name").asText()).isEqualTo("Ser");
    assertThat(d.path("notes").asText()).isEqualTo("vip");
    assertThat(d.path("date_modified").asText()).isNotEqualTo(d.path("date_created").asText());
    Response sub = s.put(C, "[{\"id\":" + id + ",\"addresses\":[" + ADDRESS + "]}]");
    assertThat(sub.status()).isEqualTo(422);
    assertThat(sub.json().path("errors").has("0.addresses")).isTrue();
    Response noId = s.put(C, "[{\"first_name\":\"X\"}]");
    assertThat(noId.json().path("errors").path("0.id").asText()).isEqualTo("is required");
    Response unknown =
        s.put(C, "[{\"id\":" + id + ",\"first_name\":\"Y\"},{\"id\":999,\"first_name\":\"X\"}]");
    assertThat(unknown.status()).isEqualTo(422);
    assertThat(unknown.json().path("errors").has("1.id")).isTrue();
    assertThat(s.get(C + "?id:in=" + id).json().path("data").get(0).path("first_name").asText())
        .isEqualTo("Ursula");
  }

  @Test
  void deleteNeedsAQuery() {
    TestStore s = sr.newStore();
    long a = customer(s, "a@example.com", "A", "A");
    long b = customer(s, "b@example.com", "B", "B");
    s.post(
        "v3/customers/addresses", "[" + ADDRESS.replace("{", "{\"customer_id\":" + a + ",") + "]");
    assertThat(s.delete(C).status()).isEqualTo(204);
    assertThat(total(s.get(C))).isEqualTo(2);
    assertThat(s.delete(C + "?id:in=" + a).status()).isEqualTo(204);
    assertThat(s.get(C).ids()).containsExactly(b);
    assertThat(total(s.get("v3/customers/addresses"))).isZero();
  }

  @Test
  void validatesCredentialsAgainstTheStoredHash() {
    TestStore s = sr.newStore();
    long id =
        s.post(
                C,
                "[{\"email\":\"pw@example.com\",\"first_name\":\"P\",\"last_name\":\"W\",\"authentication\":{\"new_password\":\"correct horse\"}}]")
            .ids()
            .get(0);
    String v = "v3/customers/validate-credentials";
    Response ok = s.post(v, "{\"email\":\"PW@example.com\",\"password\":\"correct horse\"}");
    assertThat(ok.status()).isEqualTo(200);
    assertThat(ok.json().path("is_valid").asBoolean()).isTrue();
    assertThat(ok.json().path("customer_id").asLong()).isEqualTo(id);
    Response wrong = s.post(v, "{\"email\":\"pw@example.com\",\"password\":\"battery staple\"}");
    assertThat(wrong.json().path("is_valid").asBoolean()).isFalse();
    assertThat(wrong.json().path("customer_id").isNull()).isTrue();
    assertThat(
            s.post(v, "{\"email\":\"nobody@example.com\",\"password\":\"x\"}")
                .json()
                .path("is_valid")
                .asBoolean())
        .isFalse();
    assertThat(s.post(v, "{\"email\":\"pw@example.com\"}").status()).isEqualTo(422);
    // A new password replaces the old one.
    s.put(C, "[{\"id\":" + id + ",\"authentication\":{\"new_password\":\"battery staple\"}}]");
    assertThat(
            s.post(v, "{\"email\":\"pw@example.com\",\"password\":\"battery staple\"}")
                .json()
                .path("is_valid")
                .asBoolean())
        .isTrue();
    assertThat(
            s.post(v, "{\"email\":\"pw@example.com\",\"password\":\"correct horse\"}")
                .json()
                .path("is_valid")
                .asBoolean())
        .isFalse();
    // Without a password nothing validates.
    customer(s, "nopw@example.com", "N", "P");
    assertThat(
            s.post(v, "{\"email\":\"nopw@example.com\",\"password\":\"\"}")
                .json()
                .path("is_valid")
                .asBoolean())
        .isFalse();
  }

  @Test
  void concurrentCreatesOfOneEmailMakeExactlyOneCustomer() throws Exception {
    TestStore s = sr.newStore();
    ExecutorService pool = Executors.newFixedThreadPool(8);
    CountDownLatch start = new CountDownLatch(1);
    List<Future<Response>> calls = new ArrayList<>();
    try {
      for (int i = 0; i < 8; i++) {
        int n = i;
        calls.add(
            pool.submit(
                () -> {
                  start.await();
                  return s.post(
                      C,
                      "["
                          + person(
                              "race@" + (n % 2 == 0 ? "Example.com" : "example.COM"),
                              "R" + n,
                              "Ace")
                          + "]");
                }));
      }
      start.countDown();
      int created = 0;
      for (Future<Response> f : calls) {
        Response r = f.get();
        if (r.status() == 201) {
          created++;
        } else {
          assertThat(r.status()).as(r.toString()).isEqualTo(422);
          assertThat(r.json().path("errors").has("0.email")).as(r.toString()).isTrue();
        }
      }
      assertThat(created).isEqualTo(1);
      assertThat(total(s.get(C))).isEqualTo(1);
      // 8 customers renamed to one email at once: one gets it, the others a 422 naming it.
      StringBuilder eight = new StringBuilder("[");
      for (int i = 0; i < 8; i++) {
        eight.append(i == 0 ? "" : ",").append(person("own" + i + "@example.com", "O", "W"));
      }
      List<Long> ids = s.post(C, eight.append("]").toString()).ids();
      CountDownLatch go = new CountDownLatch(1);
      List<Future<Response>> puts = new ArrayList<>();
      for (long id : ids) {
        puts.add(
            pool.submit(
                () -> {
                  go.await();
                  return s.put(C, "[{\"id\":" + id + ",\"email\":\"wanted@example.com\"}]");
                }));
      }
      go.countDown();
      int renamed = 0;
      for (Future<Response> f : puts) {
        Response r = f.get();
        if (r.status() == 200) {
          renamed++;
        } else {
          assertThat(r.status()).as(r.toString()).isEqualTo(422);
          assertThat(r.json().path("errors").has("0.email")).as(r.toString()).isTrue();
        }
      }
      assertThat(renamed).isEqualTo(1);
      assertThat(total(s.get(C + "?email:in=wanted@example.com"))).isEqualTo(1);
    } finally {
      pool.shutdownNow();
    }
  }

  @Test
  void hostileQueriesGetClientErrors() {
    TestStore s = sr.newStore();
    customer(s, "q@example.com", "Q", "Q");
    for (String list :
        List.of(
            C,
            "v3/customers/addresses",
            "v3/customers/attributes",
            "v3/customers/attribute-values",
            "v3/customers/form-field-values",
            "v2/customers",
            "v2/customers/1/addresses",
            "v2/customer_groups")) {
      for (String q :
          List.of(
              "limit=abc",
              "page=0",
              "limit=251",
              "id:in=,,,",
              "id:in=abc",
              "date_created:min=not-a-date",
              "sort=;DROP%20TABLE%20customers",
              "email:in=a%00b",
              "email=a%00b",
              "name:like=%00",
              "name=%00",
              "first_name=%ED%A0%80",
              "name:like=%25%25%25",
              "customer_id=abc",
              "customer_id:in=1,x",
              "min_id=x",
              "store_credit=lots",
              "max_date_created=nope",
              "is_default=maybe",
              "field_type=bogus",
              "type=colour",
              "include=everything")) {
        Response r = s.get(list + "?" + q);
        assertThat(r.status()).as(list + "?" + q + " " + r).isIn(200, 204, 413, 422);
        assertThat(r.body()).as(list + "?" + q).doesNotContain("Exception").doesNotContain("SQL");
      }
    }
    assertThat(total(s.get(C))).isEqualTo(1);
  }

  @Test
  void repeatedWrongPasswordsAreThrottled() {
    TestStore s = sr.newStore();
    long id =
        s.post(
                C,
                "[{\"email\":\"t@example.com\",\"first_name\":\"T\",\"last_name\":\"T\",\"authentication\":{\"new_password\":\"right-one\"}}]")
            .ids()
            .get(0);
    String v = "v3/customers/validate-credentials";
    for (int i = 0; i < 5; i++) {
      assertThat(s.post(v, "{\"email\":\"t@example.com\",\"password\":\"wrong\"}").status())
          .isEqualTo(200);
      // v2's validate counts for the same account.
      assertThat(s.post("v2/customers/" + id + "/validate", "{\"password\":\"wrong\"}").status())
          .isEqualTo(200);
    }
    Response limited = s.post(v, "{\"email\":\"T@example.com\",\"password\":\"right-one\"}");
    assertThat(limited.status()).isEqualTo(429);
    assertThat(limited.json().path("status").asInt()).isEqualTo(429);
    assertThat(limited.header("Retry-After")).isPresent();
    Response v2 = s.post("v2/customers/" + id + "/validate", "{\"password\":\"right-one\"}");
    assertThat(v2.status()).isEqualTo(429);
    assertThat(v2.json().get(0).path("status").asInt()).isEqualTo(429);
    // Other accounts are not affected; the account recovers when the failures leave the window.
    customer(s, "u@example.com", "U", "U");
    assertThat(s.post(v, "{\"email\":\"u@example.com\",\"password\":\"x\"}").status())
        .isEqualTo(200);
    sr.clock().advance(61_000);
    Response ok = s.post(v, "{\"email\":\"t@example.com\",\"password\":\"right-one\"}");
    assertThat(ok.status()).isEqualTo(200);
    assertThat(ok.json().path("is_valid").asBoolean()).isTrue();
  }
}
