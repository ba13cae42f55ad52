package dev.stockroom.orders;

import static dev.stockroom.orders.Orders.BILLING;
import static dev.stockroom.orders.Orders.O;
import static dev.stockroom.orders.Orders.body;
import static dev.stockroom.orders.Orders.catalog;
import static dev.stockroom.orders.Orders.create;
import static dev.stockroom.orders.Orders.custom;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.stockroom.testing.ApiClient.Response;
import dev.stockroom.testing.Stockroom;
import dev.stockroom.testing.StockroomTest;
import dev.stockroom.testing.TestStore;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

@StockroomTest
class OrdersApiTest {
  static final String RFC2822 =
      "[A-Z][a-z]{2}, \\d{2} [A-Z][a-z]{2} \\d{4} \\d{2}:\\d{2}:\\d{2} \\+0000";
  final Stockroom sr;

  OrdersApiTest(Stockroom sr) {
    this.sr = sr;
  }

  static List<Long> ids(Response r) {
    List<Long> out = new ArrayList<>();
    if (r.status() == 200) {
      r.json().forEach(o -> out.add(o.path("id").asLong()));
    }
    return out;
  }

  @Test
  void createWithCatalogAndCustomLinesComputesExactTotals() {
    TestStore s = sr.newStore();
    long widget = s.product("Widget", 10.25);
    Response r =
        s.post(
            O,
            "{\"billing_address\":"
                + BILLING
                + ",\"products\":["
                + catalog(widget, 3)
                + ","
                + custom("Gift kit", 2, "\"4.1250\"")
                + "],\"shipping_cost_ex_tax\":4.5,\"shipping_cost_inc_tax\":\"5\","
                + "\"discount_amount\":\"1.00\"}");
    assertThat(r.status()).as(r.body()).isEqualTo(201);
    JsonNode o = r.json();
    long id = o.path("id").asLong();
    assertThat(r.header("Location")).hasValue("/stores/" + s.hash() + "/v2/orders/" + id);
    assertThat(o.path("subtotal_ex_tax").asText()).isEqualTo("39.0000");
    assertThat(o.path("subtotal_inc_tax").asText()).isEqualTo("39.0000");
    assertThat(o.path("subtotal_tax").asText()).isEqualTo("0.0000");
    assertThat(o.path("shipping_cost_ex_tax").asText()).isEqualTo("4.5000");
    assertThat(o.path("shipping_cost_inc_tax").asText()).isEqualTo("5.0000");
    assertThat(o.path("shipping_cost_tax").asText()).isEqualTo("0.5000");
    assertThat(o.path("base_shipping_cost").asText()).isEqualTo("5.0000");
    assertThat(o.path("discount_amount").asText()).isEqualTo("1.0000");
    assertThat(o.path("total_ex_tax").asText()).isEqualTo("42.5000");
    assertThat(o.path("total_inc_tax").asText()).isEqualTo("43.0000");
    assertThat(o.path("total_tax").asText()).isEqualTo("0.5000");
    assertThat(o.path("items_total").asLong()).isEqualTo(5);
    assertThat(o.path("items_shipped").asLong()).isZero();
    JsonNode lines = s.get(O + "/" + id + "/products").json();
    assertThat(lines).hasSize(2);
    JsonNode w = lines.get(0);
    assertThat(w.path("product_id").asLong()).isEqualTo(widget);
    assertThat(w.path("variant_id").asLong()).isPositive();
    assertThat(w.path("order_id").asLong()).isEqualTo(id);
    assertThat(w.path("name").asText()).isEqualTo("Widget");
    assertThat(w.path("price_ex_tax").asText()).isEqualTo("10.2500");
    assertThat(w.path("total_inc_tax").asText()).isEqualTo("30.7500");
    assertThat(w.path("weight").asText()).isEqualTo("1.0000");
    assertThat(w.path("quantity").asLong()).isEqualTo(3);
    JsonNode kit = lines.get(1);
    assertThat(kit.path("product_id").asLong()).isZero();
    assertThat(kit.path("name").asText()).isEqualTo("Gift kit");
    assertThat(kit.path("price_inc_tax").asText()).isEqualTo("4.1250");
    assertThat(kit.path("total_ex_tax").asText()).isEqualTo("8.2500");
    Response one = s.get(O + "/" + id + "/products/" + kit.path("id").asLong());
    assertThat(one.status()).isEqualTo(200);
    assertThat(one.json().path("name").asText()).isEqualTo("Gift kit");
    assertThat(s.get(O + "/" + id + "/products/999").status()).isEqualTo(404);
  }

  @Test
  void anOrderCarriesEveryFieldOfTheSpecWithV2Types() {
    TestStore s = sr.newStore();
    Response r = s.post(O, body(custom("Thing", 1, "2")));
    assertThat(r.status()).as(r.body()).isEqualTo(201);
    JsonNode o = s.get(O + "/" + r.json().path("id").asLong()).json();
    for (String f :
        List.of(
            "id",
            "customer_id",
            "date_created",
            "date_modified",
            "date_shipped",
            "status_id",
            "status",
            "subtotal_ex_tax",
            "subtotal_inc_tax",
            "subtotal_tax",
            "base_shipping_cost",
            "shipping_cost_ex_tax",
            "shipping_cost_inc_tax",
            "shipping_cost_tax",
            "shipping_cost_tax_class_id",
            "base_handling_cost",
            "handling_cost_ex_tax",
            "handling_cost_inc_tax",
            "handling_cost_tax",
            "handling_cost_tax_class_id",
            "base_wrapping_cost",
            "wrapping_cost_ex_tax",
            "wrapping_cost_inc_tax",
            "wrapping_cost_tax",
            "wrapping_cost_tax_class_id",
            "total_ex_tax",
            "total_inc_tax",
            "total_tax",
            "items_total",
            "items_shipped",
            "payment_method",
            "payment_provider_id",
            "payment_status",
            "refunded_amount",
            "order_is_digital",
            "store_credit_amount",
            "gift_certificate_amount",
            "ip_address",
            "geoip_country",
            "geoip_country_iso2",
            "currency_id",
            "currency_code",
            "currency_exchange_rate",
            "default_currency_id",
            "default_currency_code",
            "staff_notes",
            "customer_message",
            "discount_amount",
            "coupon_discount",
            "shipping_address_count",
            "is_deleted",
            "ebay_order_id",
            "cart_id",
            "billing_address",
            "is_email_opt_in",
            "credit_card_type",
            "order_source",
            "channel_id",
            "external_source",
            "products",
            "shipping_addresses",
            "coupons",
            "external_id",
            "external_merchant_id",
            "tax_provider_id",
            "store_default_currency_code",
            "store_default_to_transactional_exchange_rate",
            "custom_status",
            "customer_locale")) {
      assertThat(o.has(f)).as(f).isTrue();
    }
    for (String money :
        List.of(
            "subtotal_ex_tax",
            "total_inc_tax",
            "base_wrapping_cost",
            "refunded_amount",
            "store_credit_amount",
            "coupon_discount",
            "handling_cost_tax")) {
      assertThat(o.path(money).asText()).as(money).matches("\\d+\\.\\d{4}");
      assertThat(o.path(money).isTextual()).as(money).isTrue();
    }
    assertThat(o.path("currency_exchange_rate").asText()).isEqualTo("1.0000000000");
    assertThat(o.path("date_created").asText()).matches(RFC2822);
    assertThat(o.path("date_modified").asText()).matches(RFC2822);
    assertThat(o.path("date_shipped").asText()).isEmpty();
    assertThat(o.path("status_id").asInt()).isEqualTo(1);
    assertThat(o.path("status").asText()).isEqualTo("Pending");
    assertThat(o.path("order_source").asText()).isEqualTo("external");
    assertThat(o.path("customer_id").asLong()).isZero();
    assertThat(o.path("channel_id").asLong()).isEqualTo(1);
    assertThat(o.path("is_deleted").asBoolean()).isFalse();
    assertThat(o.path("external_source").isNull()).isTrue();
    assertThat(o.path("credit_card_type").isNull()).isTrue();
    assertThat(o.path("ebay_order_id").asText()).isEqualTo("0");
    assertThat(o.path("shipping_address_count").asInt()).isEqualTo(1);
    JsonNode billing = o.path("billing_address");
    assertThat(billing.path("zip").isTextual()).isTrue();
    assertThat(billing.path("zip").asText()).isEqualTo("78108");
    assertThat(billing.path("phone").asText()).isEqualTo("1234567890");
    assertThat(billing.path("form_fields").isArray()).isTrue();
    long id = o.path("id").asLong();
    assertThat(o.path("products").path("resource").asText())
        .isEqualTo("/orders/" + id + "/products");
    assertThat(o.path("products").path("url").asText())
        .endsWith("/stores/" + s.hash() + "/v2/orders/" + id + "/products")
        .startsWith("http");
    assertThat(o.path("shipping_addresses").path("resource").asText())
        .isEqualTo("/orders/" + id + "/shippingaddresses");
    assertThat(o.path("coupons").path("resource").asText()).isEqualTo("/orders/" + id + "/coupons");
    // The links work.
    assertThat(s.get("v2" + o.path("shipping_addresses").path("resource").asText()).status())
        .isEqualTo(200);
  }

  @Test
  void statusIsDerivedFromStatusId() {
    TestStore s = sr.newStore();
    Response r =
        s.post(
            O,
            body(custom("A", 1, "1")).replaceFirst("\\{", "{\"status_id\":11,\"status\":\"x\","));
    assertThat(r.status()).as(r.body()).isEqualTo(201);
    assertThat(r.json().path("status").asText()).isEqualTo("Awaiting Fulfillment");
    assertThat(r.json().path("custom_status").asText()).isEqualTo("Awaiting Fulfillment");
    long id = r.json().path("id").asLong();
    Response put = s.put(O + "/" + id, "{\"status_id\":10}");
    assertThat(put.status()).isEqualTo(200);
    assertThat(put.json().path("status").asText()).isEqualTo("Completed");
    Response bad = s.put(O + "/" + id, "{\"status_id\":15}");
    assertThat(bad.status()).isEqualTo(422);
    assertThat(bad.json().get(0).path("details").has("status_id")).isTrue();
    assertThat(s.get(O + "/" + id).json().path("status_id").asInt()).isEqualTo(10);
  }

  @Test
  void validationNamesTheFieldsInTheV2Envelope() {
    TestStore s = sr.newStore();
    Response none = s.post(O, "{}");
    assertThat(none.status()).isEqualTo(422);
    JsonNode e = none.json().get(0);
    assertThat(e.path("status").asInt()).isEqualTo(422);
    assertThat(e.path("message").asText()).isNotBlank();
    assertThat(e.path("details").has("products")).isTrue();
    assertThat(e.path("details").has("billing_address")).isTrue();
    Response unknown = s.post(O, body(catalog(4242, 1)));
    assertThat(unknown.status()).isEqualTo(422);
    assertThat(unknown.json().get(0).path("details").path("products.0.product_id").asText())
        .contains("4242");
    assertThat(unknown.json().get(0).path("message").asText()).contains("products.0.product_id");
    Response noPrice = s.post(O, body("{\"name\":\"Custom\",\"quantity\":1,\"price_inc_tax\":1}"));
    assertThat(noPrice.status()).isEqualTo(422);
    assertThat(noPrice.json().get(0).path("details").has("products.0.price_ex_tax")).isTrue();
    Response empty = s.post(O, body());
    assertThat(empty.json().get(0).path("details").has("products")).isTrue();
    Response half =
        s.post(O, body(custom("A", 1, "1")).replaceFirst("\\{", "{\"subtotal_ex_tax\":5,"));
    assertThat(half.status()).isEqualTo(422);
    assertThat(half.json().get(0).path("details").has("subtotal_inc_tax")).isTrue();
    Response money = s.post(O, body(custom("A", 1, "\"abc\"")));
    assertThat(money.status()).isEqualTo(422);
    assertThat(money.json().get(0).path("details").has("products.0.price_inc_tax")).isTrue();
    Response zip = s.post(O, body(custom("A", 1, "1")).replace("\"zip\":78108,", ""));
    assertThat(zip.status()).isEqualTo(422);
    assertThat(zip.json().get(0).path("details").has("billing_address.zip")).isTrue();
    Response typo =
        s.post(O, body(custom("A", 1, "1")).replaceFirst("\\{", "{\"staf_notes\":\"x\","));
    assertThat(typo.json().get(0).path("details").has("staf_notes")).isTrue();
    Response qty =
        s.post(O, body("{\"name\":\"A\",\"quantity\":0,\"price_inc_tax\":1,\"price_ex_tax\":1}"));
    assertThat(qty.json().get(0).path("details").has("products.0.quantity")).isTrue();
    Response huge =
        s.post(
            O,
            body(
                "{\"name\":\"A\",\"quantity\":1000000,\"price_inc_tax\":\"999999999999\","
                    + "\"price_ex_tax\":1}"));
    assertThat(huge.status()).isEqualTo(422);
    assertThat(huge.json().get(0).path("details").has("total_inc_tax")).isTrue();
    assertThat(s.get(O).status()).as("nothing was created").isEqualTo(204);
  }

  @Test
  void overridesAndDatesAreHonoured() {
    TestStore s = sr.newStore();
    Orders.customers(s, 7);
    Response r =
        s.post(
            O,
            body(custom("A", 2, "10"))
                .replaceFirst(
                    "\\{",
                    "{\"subtotal_ex_tax\":18,\"subtotal_inc_tax\":\"19.8\",\"total_ex_tax\":20,"
                        + "\"total_inc_tax\":22,\"date_created\":\"2017-04-20T11:32:00.000-04:00\","
                        + "\"customer_id\":7,\"staff_notes\":\"vip\",\"external_id\":\"ext-1\","
                        + "\"payment_method\":\"Cash\","));
    assertThat(r.status()).as(r.body()).isEqualTo(201);
    JsonNode o = r.json();
    assertThat(o.path("subtotal_ex_tax").asText()).isEqualTo("18.0000");
    assertThat(o.path("subtotal_inc_tax").asText()).isEqualTo("19.8000");
    assertThat(o.path("subtotal_tax").asText()).isEqualTo("1.8000");
    assertThat(o.path("total_inc_tax").asText()).isEqualTo("22.0000");
    assertThat(o.path("total_tax").asText()).isEqualTo("2.0000");
    assertThat(o.path("date_created").asText()).isEqualTo("Thu, 20 Apr 2017 15:32:00 +0000");
    assertThat(o.path("customer_id").asLong()).isEqualTo(7);
    assertThat(o.path("external_id").asText()).isEqualTo("ext-1");
    Response rfc =
        s.post(
            O,
            body(custom("A", 1, "1"))
                .replaceFirst("\\{", "{\"date_created\":\"Thu, 20 Apr 2017 11:32:00 -0400\","));
    assertThat(rfc.json().path("date_created").asText())
        .isEqualTo("Thu, 20 Apr 2017 15:32:00 +0000");
    long p = s.product("Priced", 9.99);
    Response priced =
        s.post(O, body("{\"product_id\":" + p + ",\"quantity\":2,\"price_ex_tax\":\"8.5\"}"));
    assertThat(priced.status()).as(priced.body()).isEqualTo(201);
    assertThat(priced.json().path("subtotal_ex_tax").asText()).isEqualTo("17.0000");
    JsonNode line = s.get(O + "/" + priced.json().path("id").asLong() + "/products").json().get(0);
    assertThat(line.path("price_inc_tax").asText()).isEqualTo("8.5000");
    assertThat(line.path("name").asText()).isEqualTo("Priced");
  }

  @Test
  void updatingLinesRecomputesTotals() {
    TestStore s = sr.newStore();
    long id = create(s, body(custom("A", 2, "10")));
    long line = s.get(O + "/" + id + "/products").json().get(0).path("id").asLong();
    Response r =
        s.put(
            O + "/" + id,
            "{\"products\":[{\"id\":"
                + line
                + ",\"quantity\":3},"
                + custom("B", 1, "5")
                + "],\"billing_address\":{\"first_name\":\"Janet\"},\"customer_message\":\"hi\"}");
    assertThat(r.status()).as(r.body()).isEqualTo(200);
    assertThat(r.json().path("subtotal_inc_tax").asText()).isEqualTo("35.0000");
    assertThat(r.json().path("total_inc_tax").asText()).isEqualTo("35.0000");
    assertThat(r.json().path("items_total").asInt()).isEqualTo(4);
    assertThat(r.json().path("billing_address").path("first_name").asText()).isEqualTo("Janet");
    assertThat(r.json().path("billing_address").path("last_name").asText()).isEqualTo("Doe");
    assertThat(r.json().path("customer_message").asText()).isEqualTo("hi");
    JsonNode lines = s.get(O + "/" + id + "/products").json();
    assertThat(lines).hasSize(2);
    assertThat(lines.get(0).path("total_inc_tax").asText()).isEqualTo("30.0000");
    Response wrong = s.put(O + "/" + id, "{\"products\":[{\"id\":999,\"quantity\":1}]}");
    assertThat(wrong.status()).isEqualTo(422);
    assertThat(wrong.json().get(0).path("details").has("products.0.id")).isTrue();
    assertThat(s.put(O + "/999", "{\"staff_notes\":\"x\"}").status()).isEqualTo(404);
  }

  @Test
  void everyFilterAndSort() {
    TestStore s = sr.newStore();
    Orders.customers(s, 2);
    long a =
        create(
            s,
            body(custom("A", 1, "10"))
                .replaceFirst(
                    "\\{",
                    "{\"customer_id\":1,\"status_id\":11,\"payment_method\":\"Cash\","
                        + "\"channel_id\":2,\"external_id\":\"x-b\","));
    sr.clock().advance(2_000);
    long b =
        create(
            s,
            body(custom("B", 1, "50"))
                .replace("Jane@Example.com", "bob@example.com")
                .replaceFirst(
                    "\\{", "{\"customer_id\":2,\"status_id\":1,\"external_id\":\"x-a\","));
    sr.clock().advance(2_000);
    long c =
        create(
            s,
            body(custom("C", 1, "100"))
                .replaceFirst(
                    "\\{", "{\"customer_id\":1,\"status_id\":11,\"payment_method\":\"Manual\","));
    assertThat(ids(s.get(O))).containsExactly(a, b, c);
    assertThat(ids(s.get(O + "?min_id=" + b))).containsExactly(b, c);
    assertThat(ids(s.get(O + "?max_id=" + b))).containsExactly(a, b);
    assertThat(ids(s.get(O + "?min_total=50"))).containsExactly(b, c);
    assertThat(ids(s.get(O + "?max_total=50.0000"))).containsExactly(a, b);
    assertThat(ids(s.get(O + "?customer_id=1"))).containsExactly(a, c);
    assertThat(ids(s.get(O + "?email=jane%40example.com"))).containsExactly(a, c);
    assertThat(ids(s.get(O + "?email=BOB@example.com"))).containsExactly(b);
    assertThat(ids(s.get(O + "?status_id=11"))).containsExactly(a, c);
    assertThat(ids(s.get(O + "?payment_method=Cash"))).containsExactly(a);
    assertThat(ids(s.get(O + "?channel_id=2"))).containsExactly(a);
    assertThat(s.get(O + "?cart_id=nope").status()).isEqualTo(204);
    String bCreated = s.get(O + "/" + b).json().path("date_created").asText();
    String enc = java.net.URLEncoder.encode(bCreated, java.nio.charset.StandardCharsets.UTF_8);
    assertThat(ids(s.get(O + "?min_date_created=" + enc))).containsExactly(b, c);
    assertThat(ids(s.get(O + "?max_date_created=" + enc))).containsExactly(a, b);
    // ISO 8601 works as well as RFC 2822: c's and b's date_modified, converted.
    java.time.format.DateTimeFormatter rfc = java.time.format.DateTimeFormatter.RFC_1123_DATE_TIME;
    String cIso =
        java.time.ZonedDateTime.parse(s.get(O + "/" + c).json().path("date_modified").asText(), rfc)
            .toInstant()
            .toString();
    String bIso =
        java.time.ZonedDateTime.parse(s.get(O + "/" + b).json().path("date_modified").asText(), rfc)
            .toInstant()
            .toString();
    assertThat(ids(s.get(O + "?min_date_modified=" + cIso))).containsExactly(c);
    assertThat(ids(s.get(O + "?max_date_modified=" + bIso))).containsExactly(a, b);
    assertThat(ids(s.get(O + "?sort=id:desc"))).containsExactly(c, b, a);
    assertThat(ids(s.get(O + "?sort=customer_id:desc"))).containsExactly(b, c, a);
    assertThat(ids(s.get(O + "?sort=date_created:desc"))).containsExactly(c, b, a);
    assertThat(ids(s.get(O + "?sort=date_modified"))).containsExactly(a, b, c);
    assertThat(ids(s.get(O + "?sort=status_id:asc"))).containsExactly(b, a, c);
    assertThat(ids(s.get(O + "?sort=channel_id:desc"))).containsExactly(a, c, b);
    assertThat(ids(s.get(O + "?sort=external_id:asc"))).containsExactly(c, b, a);
    assertThat(ids(s.get(O + "?limit=2"))).containsExactly(a, b);
    assertThat(ids(s.get(O + "?limit=2&page=2"))).containsExactly(c);
    Response badSort = s.get(O + "?sort=total:up");
    assertThat(badSort.status()).isEqualTo(422);
    assertThat(badSort.json().get(0).path("details").has("sort")).isTrue();
    assertThat(s.get(O + "?min_date_created=yesterday").status()).isEqualTo(422);
    assertThat(s.get(O + "?min_total=lots").status()).isEqualTo(422);
    assertThat(s.get(O + "?min_id=x").status()).isEqualTo(422);
  }

  @Test
  void emptyListsAndPagesPastTheEndAre204AndLimitsOver250Are413() {
    TestStore s = sr.newStore();
    Response empty = s.get(O);
    assertThat(empty.status()).isEqualTo(204);
    assertThat(empty.body()).isEmpty();
    create(s, body(custom("A", 1, "1")));
    Response past = s.get(O + "?page=2");
    assertThat(past.status()).isEqualTo(204);
    assertThat(past.body()).isEmpty();
    Response big = s.get(O + "?limit=251");
    assertThat(big.status()).isEqualTo(413);
    assertThat(big.json().get(0).path("status").asInt()).isEqualTo(413);
    assertThat(big.json().get(0).path("details").path("max_limit").asInt()).isEqualTo(250);
    assertThat(s.get(O + "?limit=250").status()).isEqualTo(200);
  }

  @Test
  void unknownOrdersAre404AndPutOnTheCollectionIs405() {
    TestStore s = sr.newStore();
    Response r = s.get(O + "/999");
    assertThat(r.status()).isEqualTo(404);
    assertThat(r.json().get(0).path("status").asInt()).isEqualTo(404);
    assertThat(r.json().get(0).path("message").asText())
        .isEqualTo("The requested resource was not found.");
    for (String sub :
        List.of(
            "products",
            "shipping_addresses",
            "shippingaddresses",
            "shipments",
            "coupons",
            "taxes",
            "messages",
            "shipments/count")) {
      assertThat(s.get(O + "/999/" + sub).status()).as(sub).isEqualTo(404);
    }
    assertThat(s.delete(O + "/999").status()).isEqualTo(404);
    assertThat(s.get(O + "/abc").status()).isEqualTo(404);
    Response put = s.put(O, "{}");
    assertThat(put.status()).isEqualTo(405);
    assertThat(put.header("Allow").orElse("")).contains("GET").contains("POST").contains("DELETE");
    assertThat(put.json().get(0).path("status").asInt()).isEqualTo(405);
  }

  @Test
  void archivingHidesOrdersFromTheListUnlessAsked() {
    TestStore s = sr.newStore();
    long a = create(s, body(custom("A", 1, "1")));
    long b = create(s, body(custom("B", 1, "1")));
    long c = create(s, body(custom("C", 1, "1")));
    assertThat(s.delete(O + "/" + b).status()).isEqualTo(204);
    assertThat(ids(s.get(O))).containsExactly(a, c);
    assertThat(ids(s.get(O + "?is_deleted=true"))).containsExactly(b);
    Response archived = s.get(O + "/" + b);
    assertThat(archived.status()).isEqualTo(200);
    assertThat(archived.json().path("is_deleted").asBoolean()).isTrue();
    assertThat(s.get(O + "/count").json().path("count").asInt()).isEqualTo(2);
    // Archiving every order is a scheduled task (202 + Location; README "Scheduled tasks").
    Response all = s.delete(O);
    assertThat(all.status()).isEqualTo(202);
    String task = all.header("Location").orElseThrow();
    long deadline = System.nanoTime() + 20_000_000_000L;
    String state = "";
    while (!state.equals("completed") && System.nanoTime() < deadline) {
      state =
          sr.http()
              .send("GET", task, null, "X-Auth-Token", s.token())
              .json()
              .path("data")
              .path("status")
              .asText();
    }
    assertThat(state).isEqualTo("completed");
    assertThat(s.get(O).status()).isEqualTo(204);
    assertThat(ids(s.get(O + "?is_deleted=true"))).containsExactly(a, b, c);
    assertThat(s.get(O + "?is_deleted=maybe").status()).isEqualTo(422);
  }

  @Test
  void countGroupsByStatus() {
    TestStore s = sr.newStore();
    create(s, body(custom("A", 1, "1")));
    create(s, body(custom("B", 1, "1")).replaceFirst("\\{", "{\"status_id\":11,"));
    create(s, body(custom("C", 1, "1")).replaceFirst("\\{", "{\"status_id\":11,"));
    JsonNode count = s.get(O + "/count").json();
    assertThat(count.path("count").asInt()).isEqualTo(3);
    assertThat(count.path("statuses")).hasSize(15);
    for (JsonNode st : count.path("statuses")) {
      int expected = st.path("id").asInt() == 11 ? 2 : st.path("id").asInt() == 1 ? 1 : 0;
      assertThat(st.path("count").asInt()).as(st.toString()).isEqualTo(expected);
      assertThat(st.has("sort_order")).isTrue();
      assertThat(st.path("system_label").asText()).isNotEmpty();
      assertThat(st.has("custom_label")).isTrue();
      assertThat(st.has("system_description")).isTrue();
    }
  }

  @Test
  void orderStatusesAreTheFifteenOfTheSpec() {
    TestStore s = sr.newStore();
    JsonNode all = s.get("v2/order_statuses").json();
    assertThat(all).hasSize(15);
    assertThat(all.get(0).path("name").asText()).isEqualTo("Incomplete");
    assertThat(all.get(14).path("name").asText()).isEqualTo("Partially Refunded");
    JsonNode five = s.get("v2/order_statuses/5").json();
    assertThat(five.path("id").asInt()).isEqualTo(5);
    assertThat(five.path("name").asText()).isEqualTo("Cancelled");
    assertThat(s.get("v2/order_statuses/12").json().path("name").asText())
        .isEqualTo("Manual Verification Required");
    assertThat(s.get("v2/order_statuses/15").status()).isEqualTo(404);
    assertThat(s.get("v2/order_statuses/x").status()).isEqualTo(404);
    assertThat(s.get("v2/order_statuses/-1").status()).isEqualTo(404);
    assertThat(s.get("v2/order_statuses/99999999999999999999").status()).isEqualTo(404);
  }

  @Test
  void ifModifiedSinceListsOnlyNewerOrdersAndGetOneHasLastModified() {
    TestStore s = sr.newStore();
    long a = create(s, body(custom("A", 1, "1")));
    Response one = s.get(O + "/" + a);
    String lastModified = one.header("Last-Modified").orElseThrow();
    assertThat(lastModified).endsWith(" GMT");
    // The same instant as the order's date_modified (RFC 1123 in GMT vs RFC 2822 +0000).
    java.time.format.DateTimeFormatter rfc = java.time.format.DateTimeFormatter.RFC_1123_DATE_TIME;
    assertThat(java.time.ZonedDateTime.parse(lastModified, rfc).toInstant())
        .isEqualTo(
            java.time.ZonedDateTime.parse(one.json().path("date_modified").asText(), rfc)
                .toInstant());
    Response nothing = s.call("GET", O, null, "If-Modified-Since", lastModified);
    assertThat(nothing.status()).isEqualTo(304);
    assertThat(nothing.body()).isEmpty();
    sr.clock().advance(2_000);
    long b = create(s, body(custom("B", 1, "1")));
    Response newer = s.call("GET", O, null, "If-Modified-Since", lastModified);
    assertThat(newer.status()).isEqualTo(200);
    assertThat(ids(newer)).containsExactly(b);
    sr.clock().advance(2_000);
    assertThat(s.put(O + "/" + a, "{\"staff_notes\":\"changed\"}").status()).isEqualTo(200);
    assertThat(ids(s.call("GET", O, null, "If-Modified-Since", lastModified)))
        .containsExactly(a, b);
  }

  @Test
  void aCustomerIdMustNameACustomerOfTheStore() {
    TestStore s = sr.newStore();
    String guestBody = body(custom("G", 1, "1"));
    String unknown = guestBody.replaceFirst("\\{", "{\"customer_id\":4242,");
    Response refused = s.post(O, unknown);
    assertThat(refused.status()).isEqualTo(422);
    assertThat(refused.json().get(0).path("details").path("customer_id").asText())
        .contains("no customer");
    assertThat(s.get(O + "/count").json().path("count").asInt()).isZero();
    long customer =
        s.post(
                "v3/customers",
                "[{\"email\":\"buyer@example.com\",\"first_name\":\"B\",\"last_name\":\"C\"}]")
            .json()
            .path("data")
            .get(0)
            .path("id")
            .asLong();
    Response placed =
        s.post(O, guestBody.replaceFirst("\\{", "{\"customer_id\":" + customer + ","));
    assertThat(placed.status()).isEqualTo(201);
    assertThat(placed.json().path("customer_id").asLong()).isEqualTo(customer);
    long id = placed.json().path("id").asLong();
    assertThat(s.put(O + "/" + id, "{\"customer_id\":4242}").status()).isEqualTo(422);
    assertThat(s.put(O + "/" + id, "{\"customer_id\":0}").json().path("customer_id").asLong())
        .isZero();
  }

  /** Every kind of order write ends a poll's quiet period at once (the in-memory watermark). */
  @Test
  void everyOrderWriteIsSeenByTheNextPoll() {
    TestStore s = sr.newStore();
    long id = Orders.shippedOrder(s, "Polled");
    String[] since = {s.get(O + "/" + id).header("Last-Modified").orElseThrow()};
    java.util.function.Supplier<Response> poll =
        () -> s.call("GET", O + "?is_deleted=false", null, "If-Modified-Since", since[0]);
    assertThat(poll.get().status()).isEqualTo(304);
    long line = s.get(O + "/" + id + "/products").json().get(0).path("id").asLong();
    long address = s.get(O + "/" + id + "/shipping_addresses").json().get(0).path("id").asLong();
    List<Runnable> writes =
        List.of(
            () ->
                assertThat(
                        s.post(
                                O + "/" + id + "/shipments",
                                "{\"order_address_id\":"
                                    + address
                                    + ",\"items\":[{\"order_product_id\":"
                                    + line
                                    + ",\"quantity\":1}]}")
                            .status())
                    .isEqualTo(201),
            () ->
                assertThat(
                        s.put(
                                O + "/" + id + "/shipping_addresses/" + address,
                                "{\"city\":\"Waco\"}")
                            .status())
                    .isEqualTo(200),
            () -> assertThat(s.delete(O + "/" + id + "/shipments").status()).isEqualTo(204),
            () -> assertThat(s.put(O + "/" + id, "{\"status_id\":10}").status()).isEqualTo(200));
    for (Runnable write : writes) {
      sr.clock().advance(2_000);
      write.run();
      Response seen = poll.get();
      assertThat(seen.status()).isEqualTo(200);
      assertThat(ids(seen)).containsExactly(id);
      since[0] = s.get(O + "/" + id).header("Last-Modified").orElseThrow();
      assertThat(poll.get().status()).isEqualTo(304);
    }
    // archiving is a write too: the archived order shows where archived orders are listed
    sr.clock().advance(2_000);
    assertThat(s.delete(O + "/" + id).status()).isEqualTo(204);
    Response archived = s.call("GET", O + "?is_deleted=true", null, "If-Modified-Since", since[0]);
    assertThat(ids(archived)).containsExactly(id);
  }

  @Test
  void garbageIdsAndHostileQueriesGetClientErrorsNever500() {
    TestStore s = sr.newStore();
    long id = Orders.shippedOrder(s, "Kept");
    String before = s.get(O + "/" + id).body() + s.get(O + "/" + id + "/shipments").body();
    for (String bad : List.of("abc", "0", "-1", "1.5", "99999999999999999999", "%20", "1e3")) {
      for (String path :
          List.of(
              O + "/" + bad,
              O + "/" + bad + "/products",
              O + "/" + id + "/products/" + bad,
              O + "/" + bad + "/shipping_addresses",
              O + "/" + id + "/shippingaddresses/" + bad,
              O + "/" + id + "/shipping_addresses/" + bad + "/shipping_quotes",
              O + "/" + id + "/shipments/" + bad)) {
        for (String method : List.of("GET", "PUT", "DELETE")) {
          Response r = s.call(method, path, method.equals("PUT") ? "{\"comments\":\"x\"}" : null);
          assertThat(r.status()).as(method + " " + path + " " + r).isIn(404, 405, 422);
          assertThat(r.body()).doesNotContain("Exception");
        }
      }
    }
    for (String q :
        List.of(
            "limit=abc",
            "page=0",
            "limit=99999999999999999999",
            "min_total=1e999",
            "max_total=NaN",
            "min_id=-1",
            "customer_id=1.5",
            "email=%00",
            "cart_id=" + "x".repeat(300),
            "sort=id;DROP%20TABLE%20orders",
            "sort=id:sideways",
            "sort=:asc",
            "min_date_created=%00",
            "max_date_modified=31%20Feb%202020",
            "is_deleted=1")) {
      Response r = s.get(O + "?" + q);
      assertThat(r.status()).as(q + " " + r).isIn(413, 422);
      assertThat(r.json().get(0).path("status").asInt()).isEqualTo(r.status());
    }
    assertThat(s.get(O + "/" + id).body() + s.get(O + "/" + id + "/shipments").body())
        .isEqualTo(before);
  }
}
