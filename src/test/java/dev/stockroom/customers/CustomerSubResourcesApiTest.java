package dev.stockroom.customers;

import static dev.stockroom.customers.CustomersApiTest.ADDRESS;
import static dev.stockroom.customers.CustomersApiTest.C;
import static dev.stockroom.customers.CustomersApiTest.customer;
import static dev.stockroom.customers.CustomersApiTest.total;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.stockroom.testing.ApiClient.Response;
import dev.stockroom.testing.Stockroom;
import dev.stockroom.testing.StockroomTest;
import dev.stockroom.testing.TestStore;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The v3 customer sub-resources: addresses, attributes and their values, form fields, settings. */
@StockroomTest
class CustomerSubResourcesApiTest {
  final Stockroom sr;

  CustomerSubResourcesApiTest(Stockroom sr) {
    this.sr = sr;
  }

  @Test
  void addresses() {
    TestStore s = sr.newStore();
    long a = customer(s, "a@example.com", "A", "A");
    long b = customer(s, "b@example.com", "B", "B");
    String A = "v3/customers/addresses";
    Response made =
        s.post(
            A,
            "["
                + ADDRESS.replace("{", "{\"customer_id\":" + a + ",")
                + ","
                + ADDRESS
                    .replace("{", "{\"customer_id\":" + b + ",\"company\":\"Acme\",")
                    .replace("\"US\"", "\"fr\"")
                + "]");
    assertThat(made.status()).as(made.toString()).isEqualTo(201);
    List<Long> ids = made.ids();
    assertThat(made.header("Location"))
        .hasValue(s.path(A) + "?id:in=" + ids.get(0) + "," + ids.get(1));
    assertThat(made.json().path("data").get(1).path("country").asText()).isEqualTo("France");
    assertThat(made.json().path("data").get(1).path("country_code").asText()).isEqualTo("FR");
    assertThat(s.get(A + "?customer_id:in=" + b).ids()).containsExactly(ids.get(1));
    assertThat(s.get(A + "?company:in=Acme").ids()).containsExactly(ids.get(1));
    assertThat(s.get(A + "?name:in=Ada%20Lovelace").ids()).containsExactly(ids.get(0), ids.get(1));
    assertThat(s.get(A + "?id:in=" + ids.get(0)).ids()).containsExactly(ids.get(0));
    assertThat(s.get(C + "?id:in=" + a).json().path("data").get(0).path("address_count").asInt())
        .isEqualTo(1);

    Response missing = s.post(A, "[" + ADDRESS.replace("{", "{\"customer_id\":999,") + "]");
    assertThat(missing.status()).isEqualTo(422);
    assertThat(missing.json().path("errors").has("0.customer_id")).isTrue();
    Response badCountry =
        s.post(
            A,
            "["
                + ADDRESS.replace("{", "{\"customer_id\":" + a + ",").replace("\"US\"", "\"ZZ\"")
                + "]");
    assertThat(badCountry.json().path("errors").has("0.country_code")).isTrue();
    Response noCity = s.post(A, "[{\"customer_id\":" + a + ",\"first_name\":\"x\"}]");
    assertThat(noCity.json().path("errors").path("0.city").asText()).isEqualTo("is required");

    Response put =
        s.put(A, "[{\"id\":" + ids.get(0) + ",\"customer_id\":" + a + ",\"city\":\"Dallas\"}]");
    assertThat(put.status()).isEqualTo(200);
    assertThat(put.json().path("data").get(0).path("city").asText()).isEqualTo("Dallas");
    assertThat(put.json().path("data").get(0).path("address1").asText()).isEqualTo("1 Main St");
    Response wrongOwner =
        s.put(A, "[{\"id\":" + ids.get(0) + ",\"customer_id\":" + b + ",\"city\":\"X\"}]");
    assertThat(wrongOwner.status()).isEqualTo(422);
    assertThat(wrongOwner.json().path("errors").has("0.id")).isTrue();

    assertThat(s.delete(A).status()).isEqualTo(204);
    assertThat(total(s.get(A))).isEqualTo(2);
    assertThat(s.delete(A + "?id:in=" + ids.get(0)).status()).isEqualTo(204);
    assertThat(s.get(A).ids()).containsExactly(ids.get(1));
  }

  @Test
  void attributesKeepTheirTypeAndAreCappedAtFifty() {
    TestStore s = sr.newStore();
    String A = "v3/customers/attributes";
    Response made =
        s.post(
            A,
            "[{\"name\":\"Shoe size\",\"type\":\"number\"},{\"name\":\"Birthday\",\"type\":\"date\"}]");
    assertThat(made.status()).isEqualTo(201);
    long size = made.ids().get(0);
    assertThat(made.json().path("data").get(0).path("type").asText()).isEqualTo("number");
    assertThat(s.get(A + "?type=date").json().path("data").get(0).path("name").asText())
        .isEqualTo("Birthday");
    assertThat(s.get(A + "?name:like=shoe").ids()).containsExactly(size);
    assertThat(s.get(A + "?name=Birthday").ids()).containsExactly(made.ids().get(1));
    long now = sr.clock().millis() / 1000;
    assertThat(s.get(A + "?date_created:min=" + (now - 60)).ids()).hasSize(2);
    assertThat(s.get(A + "?date_created:max=" + (now - 60)).ids()).isEmpty();
    assertThat(s.get(A + "?date_modified:min=" + (now + 60)).ids()).isEmpty();
    assertThat(s.get(A + "?date_modified:max=" + (now + 60)).ids()).hasSize(2);
    Response retype =
        s.put(A, "[{\"id\":" + size + ",\"name\":\"Shoe size\",\"type\":\"string\"}]");
    assertThat(retype.status()).isEqualTo(422);
    assertThat(retype.json().path("errors").has("0.type")).isTrue();
    Response rename = s.put(A, "[{\"id\":" + size + ",\"name\":\"Shoe (EU)\"}]");
    assertThat(rename.status()).isEqualTo(200);
    assertThat(rename.json().path("data").get(0).path("type").asText()).isEqualTo("number");
    assertThat(s.post(A, "[{\"name\":\"x\",\"type\":\"colour\"}]").status()).isEqualTo(422);
    for (int batch = 0; batch < 5; batch++) {
      StringBuilder b = new StringBuilder("[");
      for (int i = 0; i < (batch < 4 ? 10 : 8); i++) {
        b.append(i == 0 ? "" : ",")
            .append("{\"name\":\"a")
            .append(batch)
            .append(i)
            .append("\",\"type\":\"string\"}");
      }
      assertThat(s.post(A, b.append("]").toString()).status()).isEqualTo(201);
    }
    assertThat(total(s.get(A))).isEqualTo(50);
    Response fiftyFirst = s.post(A, "[{\"name\":\"one too many\",\"type\":\"string\"}]");
    assertThat(fiftyFirst.status()).isEqualTo(422);
    assertThat(fiftyFirst.json().path("errors").path("0").asText()).contains("50");
    assertThat(s.delete(A + "?id:in=" + size).status()).isEqualTo(204);
    assertThat(total(s.get(A))).isEqualTo(49);
    assertThat(s.post(A, "[{\"name\":\"fits again\",\"type\":\"string\"}]").status())
        .isEqualTo(201);
  }

  @Test
  void attributeValuesAreUpsertedStringsCappedAtTen() {
    TestStore s = sr.newStore();
    long who = customer(s, "v@example.com", "V", "W");
    Response attrs =
        s.post(
            "v3/customers/attributes",
            "[{\"name\":\"Size\",\"type\":\"number\"},{\"name\":\"Nick\",\"type\":\"string\"}]");
    long size = attrs.ids().get(0);
    long nick = attrs.ids().get(1);
    String V = "v3/customers/attribute-values";
    Response r =
        s.put(
            V,
            "[{\"attribute_id\":"
                + size
                + ",\"customer_id\":"
                + who
                + ",\"value\":\"42\"},{\"attribute_id\":"
                + nick
                + ",\"customer_id\":"
                + who
                + ",\"value\":\"vee\"}]");
    assertThat(r.status()).as(r.toString()).isEqualTo(200);
    assertThat(r.json().path("data").get(0).path("value").isTextual()).isTrue();
    long valueId = r.ids().get(0);
    Response again =
        s.put(V, "[{\"attribute_id\":" + size + ",\"customer_id\":" + who + ",\"value\":\"43\"}]");
    assertThat(again.ids()).containsExactly(valueId);
    assertThat(total(s.get(V))).isEqualTo(2);
    assertThat(
            s.get(V + "?attribute_id:in=" + size).json().path("data").get(0).path("value").asText())
        .isEqualTo("43");
    assertThat(s.get(V + "?name=Nick").ids()).hasSize(1);
    assertThat(s.get(V + "?customer_id:in=" + who).ids()).hasSize(2);
    long now = sr.clock().millis() / 1000;
    assertThat(s.get(V + "?date_created:min=" + (now - 60)).ids()).hasSize(2);
    assertThat(s.get(V + "?date_modified:max=" + (now - 60)).ids()).isEmpty();
    Response cust = s.get(C + "?id:in=" + who + "&include=attributes");
    JsonNode c = cust.json().path("data").get(0);
    assertThat(c.path("attribute_count").asInt()).isEqualTo(2);
    assertThat(c.path("attributes").get(0).path("attribute_value").asText()).isEqualTo("43");

    assertThat(
            s.put(V, "[{\"attribute_id\":" + size + ",\"customer_id\":" + who + ",\"value\":42}]")
                .status())
        .isEqualTo(422);
    Response notNumber =
        s.put(V, "[{\"attribute_id\":" + size + ",\"customer_id\":" + who + ",\"value\":\"big\"}]");
    assertThat(notNumber.json().path("errors").has("0.value")).isTrue();
    Response noAttr =
        s.put(
            V,
            "[{\"attribute_id\":999,\"customer_id\":"
                + who
                + ",\"value\":\"x\"},{\"attribute_id\":"
                + nick
                + ",\"customer_id\":999,\"value\":\"x\"}]");
    assertThat(noAttr.status()).isEqualTo(422);
    assertThat(noAttr.json().path("errors").has("0.attribute_id")).isTrue();
    assertThat(noAttr.json().path("errors").has("1.customer_id")).isTrue();
    StringBuilder eleven = new StringBuilder("[");
    for (int i = 0; i < 11; i++) {
      eleven
          .append(i == 0 ? "" : ",")
          .append(
              "{\"attribute_id\":"
                  + nick
                  + ",\"customer_id\":"
                  + who
                  + ",\"value\":\"v"
                  + i
                  + "\"}");
    }
    assertThat(s.put(V, eleven.append("]").toString()).status()).isEqualTo(413);
    assertThat(s.delete(V).status()).isEqualTo(204);
    assertThat(total(s.get(V))).isEqualTo(2);
    assertThat(s.delete(V + "?id:in=" + valueId).status()).isEqualTo(204);
    assertThat(total(s.get(V))).isEqualTo(1);
    // Creating a customer with an attribute value.
    Response withAttr =
        s.post(
            C,
            "[{\"email\":\"w@example.com\",\"first_name\":\"W\",\"last_name\":\"X\",\"attributes\":[{\"attribute_id\":"
                + nick
                + ",\"attribute_value\":\"dub\"}]}]");
    assertThat(withAttr.status()).isEqualTo(201);
    assertThat(withAttr.json().path("data").get(0).path("attribute_count").asInt()).isEqualTo(1);
  }

  @Test
  void formFieldValues() {
    TestStore s = sr.newStore();
    long who = customer(s, "f@example.com", "F", "F");
    long addr =
        s.post(
                "v3/customers/addresses",
                "[" + ADDRESS.replace("{", "{\"customer_id\":" + who + ",") + "]")
            .ids()
            .get(0);
    String F = "v3/customers/form-field-values";
    Response r =
        s.put(
            F,
            "[{\"name\":\"color\",\"value\":\"blue\",\"customer_id\":"
                + who
                + "},{\"name\":\"floors\",\"value\":[\"1\",\"2\"],\"address_id\":"
                + addr
                + "}]");
    assertThat(r.status()).as(r.toString()).isEqualTo(200);
    assertThat(
            s.put(F, "[{\"name\":\"color\",\"value\":\"red\",\"customer_id\":" + who + "}]")
                .status())
        .isEqualTo(200);
    assertThat(total(s.get(F))).isEqualTo(2);
    assertThat(
            s.get(F + "?customer_id=" + who + "&field_name=color")
                .json()
                .path("data")
                .get(0)
                .path("value")
                .asText())
        .isEqualTo("red");
    assertThat(
            s.get(F + "?address_id=" + addr)
                .json()
                .path("data")
                .get(0)
                .path("value")
                .get(1)
                .asText())
        .isEqualTo("2");
    assertThat(total(s.get(F + "?field_type=array"))).isEqualTo(1);
    JsonNode c = s.get(C + "?include=formfields").json().path("data").get(0);
    assertThat(c.path("form_fields").get(0).path("name").asText()).isEqualTo("color");
    assertThat(c.path("form_fields").get(0).path("customer_id").asLong()).isEqualTo(who);
    JsonNode a = s.get("v3/customers/addresses?include=formfields").json().path("data").get(0);
    assertThat(a.path("form_fields").get(0).path("name").asText()).isEqualTo("floors");
    assertThat(a.path("form_fields").get(0).path("address_id").asLong()).isEqualTo(addr);
    // a customer's addresses carry their own form fields when both are included
    JsonNode withAddresses =
        s.get(C + "?id:in=" + who + "&include=addresses,formfields").json().path("data").get(0);
    JsonNode embedded = withAddresses.path("addresses").get(0);
    assertThat(embedded.path("id").asLong()).isEqualTo(addr);
    assertThat(embedded.path("form_fields").get(0).path("name").asText()).isEqualTo("floors");
    assertThat(withAddresses.path("form_fields").get(0).path("name").asText()).isEqualTo("color");
    assertThat(
            s.get(C + "?id:in=" + who + "&include=addresses")
                .json()
                .path("data")
                .get(0)
                .path("addresses")
                .get(0)
                .has("form_fields"))
        .isFalse();
    Response both = s.put(F, "[{\"name\":\"x\",\"value\":\"y\"}]");
    assertThat(both.status()).isEqualTo(422);
    assertThat(
            s.put(F, "[{\"name\":\"x\",\"value\":{\"a\":1},\"customer_id\":" + who + "}]").status())
        .isEqualTo(422);
    assertThat(s.put(F, "[{\"name\":\"x\",\"value\":\"y\",\"customer_id\":999}]").status())
        .isEqualTo(422);
  }

  @Test
  void settingsConsentAndStoredInstruments() {
    TestStore s = sr.newStore();
    Response g = s.get("v3/customers/settings");
    assertThat(g.status()).isEqualTo(200);
    assertThat(
            g.json().path("data").path("privacy_settings").has("ask_shopper_for_tracking_consent"))
        .isTrue();
    Response put =
        s.put(
            "v3/customers/settings",
            "{\"privacy_settings\":{\"policy_url\":\"https://example.com/p\"}}");
    assertThat(put.status()).isEqualTo(200);
    assertThat(
            s.get("v3/customers/settings")
                .json()
                .path("data")
                .path("privacy_settings")
                .path("policy_url")
                .asText())
        .isEqualTo("https://example.com/p");
    assertThat(s.put("v3/customers/settings", "{\"colour\":1}").status()).isEqualTo(422);
    String ch = "v3/customers/settings/channels/1";
    assertThat(s.get(ch).json().path("data").path("allow_global_logins").asBoolean()).isTrue();
    assertThat(
            s.put(ch, "{\"allow_global_logins\":false}")
                .json()
                .path("data")
                .path("allow_global_logins")
                .asBoolean())
        .isFalse();
    assertThat(s.get(ch).json().path("data").path("allow_global_logins").asBoolean()).isFalse();
    assertThat(s.get("v3/customers/settings/channels/2").status()).isEqualTo(404);

    long who = customer(s, "c@example.com", "C", "C");
    Response consent = s.get("v3/customers/" + who + "/consent");
    assertThat(consent.status()).isEqualTo(200);
    assertThat(consent.json().path("allow").isArray()).isTrue();
    Response declared =
        s.put(
            "v3/customers/" + who + "/consent",
            "{\"allow\":[\"essential\",\"analytics\"],\"deny\":[\"targeting\"]}");
    assertThat(declared.status()).isEqualTo(200);
    assertThat(declared.json().path("updated_at").asText()).isNotEmpty();
    assertThat(s.get("v3/customers/" + who + "/consent").json().path("deny").get(0).asText())
        .isEqualTo("targeting");
    assertThat(s.put("v3/customers/" + who + "/consent", "{\"allow\":[\"everything\"]}").status())
        .isEqualTo(422);
    assertThat(
            s.put(
                    "v3/customers/" + who + "/consent",
                    "{\"allow\":[\"analytics\"],\"deny\":[\"analytics\"]}")
                .status())
        .isEqualTo(422);
    assertThat(s.get("v3/customers/999/consent").status()).isEqualTo(404);
    Response instruments = s.get("v3/customers/" + who + "/stored-instruments");
    assertThat(instruments.status()).isEqualTo(200);
    assertThat(instruments.body()).isEqualTo("[]");
    assertThat(s.get("v3/customers/999/stored-instruments").status()).isEqualTo(404);
  }

  /** Runs {@code n} calls at once and returns their answers. */
  static List<Response> atOnce(int n, java.util.function.IntFunction<Response> call)
      throws InterruptedException, java.util.concurrent.ExecutionException {
    java.util.concurrent.ExecutorService pool =
        java.util.concurrent.Executors.newFixedThreadPool(n);
    java.util.concurrent.CountDownLatch start = new java.util.concurrent.CountDownLatch(1);
    try {
      List<java.util.concurrent.Future<Response>> futures = new java.util.ArrayList<>();
      for (int i = 0; i < n; i++) {
        int k = i;
        futures.add(
            pool.submit(
                () -> {
                  start.await();
                  return call.apply(k);
                }));
      }
      start.countDown();
      List<Response> out = new java.util.ArrayList<>();
      for (var f : futures) {
        out.add(f.get());
      }
      return out;
    } finally {
      pool.shutdownNow();
    }
  }

  @Test
  void concurrentUpsertsOfOneValueMakeOneRowAndConcurrentCreatesStopAtFiftyAttributes()
      throws Exception {
    TestStore s = sr.newStore();
    long who = customer(s, "cc@example.com", "C", "C");
    long attr =
        s.post("v3/customers/attributes", "[{\"name\":\"n\",\"type\":\"string\"}]").ids().get(0);
    String V = "v3/customers/attribute-values";
    for (Response r :
        atOnce(
            8,
            k ->
                s.put(
                    V,
                    "[{\"attribute_id\":"
                        + attr
                        + ",\"customer_id\":"
                        + who
                        + ",\"value\":\"v"
                        + k
                        + "\"}]"))) {
      assertThat(r.status()).as(r.toString()).isEqualTo(200);
    }
    assertThat(total(s.get(V))).isEqualTo(1);
    String F = "v3/customers/form-field-values";
    for (Response r :
        atOnce(
            8,
            k ->
                s.put(
                    F,
                    "[{\"name\":\"f\",\"value\":\"v" + k + "\",\"customer_id\":" + who + "}]"))) {
      assertThat(r.status()).as(r.toString()).isEqualTo(200);
    }
    assertThat(total(s.get(F))).isEqualTo(1);

    // 1 attribute exists; 6 batches of 10 race for the 49 places left: 4 fit, 2 do not.
    List<Response> batches =
        atOnce(
            6,
            k -> {
              StringBuilder b = new StringBuilder("[");
              for (int i = 0; i < 10; i++) {
                b.append(i == 0 ? "" : ",")
                    .append("{\"name\":\"r" + k + "-" + i + "\",\"type\":\"string\"}");
              }
              return s.post("v3/customers/attributes", b.append("]").toString());
            });
    assertThat(batches.stream().filter(r -> r.status() == 201).count()).isEqualTo(4);
    assertThat(batches.stream().filter(r -> r.status() == 422).count()).isEqualTo(2);
    assertThat(total(s.get("v3/customers/attributes"))).isEqualTo(41);
  }
}
