package dev.stockroom.orders;

import static dev.stockroom.orders.Orders.O;
import static dev.stockroom.orders.Orders.body;
import static dev.stockroom.orders.Orders.create;
import static dev.stockroom.orders.Orders.custom;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.stockroom.testing.ApiClient.Response;
import dev.stockroom.testing.Stockroom;
import dev.stockroom.testing.StockroomTest;
import dev.stockroom.testing.TestStore;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Shipping addresses, shipments, coupons, taxes and messages of an order. */
@StockroomTest
class OrderPartsApiTest {
  final Stockroom sr;

  OrderPartsApiTest(Stockroom sr) {
    this.sr = sr;
  }

  static String shipment(long address, long line, int quantity, String extra) {
    return "{\"order_address_id\":"
        + address
        + extra
        + ",\"items\":[{\"order_product_id\":"
        + line
        + ",\"quantity\":"
        + quantity
        + "}]}";
  }

  @Test
  void shipmentsShipLinesAndMoveTheStatus() {
    TestStore s = sr.newStore();
    Orders.customers(s, 9);
    long id =
        create(
            s,
            body(custom("A", 2, "10"), custom("B", 1, "5"))
                .replaceFirst("\\{", "{\"customer_id\":9,\"status_id\":11,"));
    JsonNode lines = s.get(O + "/" + id + "/products").json();
    long a = lines.get(0).path("id").asLong();
    long b = lines.get(1).path("id").asLong();
    long address = s.get(O + "/" + id + "/shipping_addresses").json().get(0).path("id").asLong();
    String ships = O + "/" + id + "/shipments";
    assertThat(s.get(ships).status()).isEqualTo(204);
    assertThat(s.get(ships + "/count").json().path("count").asInt()).isZero();

    Response over = s.post(ships, shipment(address, a, 3, ""));
    assertThat(over.status()).isEqualTo(422);
    assertThat(over.json().get(0).path("details").path("items.0.quantity").asText())
        .contains("only 2");
    Response noAddress = s.post(ships, shipment(999, a, 1, ""));
    assertThat(noAddress.json().get(0).path("details").has("order_address_id")).isTrue();
    Response noLine = s.post(ships, shipment(address, 999, 1, ""));
    assertThat(noLine.json().get(0).path("details").has("items.0.order_product_id")).isTrue();
    Response missing = s.post(ships, "{\"tracking_number\":\"x\"}");
    assertThat(missing.status()).isEqualTo(422);
    assertThat(missing.json().get(0).path("details").has("order_address_id")).isTrue();
    assertThat(missing.json().get(0).path("details").has("items")).isTrue();
    assertThat(s.get(ships).status()).as("refused shipments write nothing").isEqualTo(204);

    Response first =
        s.post(
            ships,
            shipment(
                address, a, 2, ",\"tracking_number\":\"1Z999\",\"shipping_provider\":\"ups\""));
    assertThat(first.status()).as(first.body()).isEqualTo(201);
    long sid = first.json().path("id").asLong();
    assertThat(first.header("Location"))
        .hasValue("/stores/" + s.hash() + "/v2/orders/" + id + "/shipments/" + sid);
    JsonNode sh = first.json();
    assertThat(sh.path("order_id").asLong()).isEqualTo(id);
    assertThat(sh.path("customer_id").asLong()).isEqualTo(9);
    assertThat(sh.path("order_address_id").asLong()).isEqualTo(address);
    assertThat(sh.path("date_created").asText()).matches(OrdersApiTest.RFC2822);
    assertThat(sh.path("tracking_link").asText()).contains("ups.com").contains("1Z999");
    assertThat(sh.path("items").get(0).path("order_product_id").asLong()).isEqualTo(a);
    assertThat(sh.path("items").get(0).path("quantity").asInt()).isEqualTo(2);
    assertThat(sh.path("shipping_address").path("street_1").asText()).isEqualTo("1 Dock Road");
    assertThat(sh.path("billing_address").path("zip").asText()).isEqualTo("78108");
    JsonNode order = s.get(O + "/" + id).json();
    assertThat(order.path("status_id").asInt()).isEqualTo(3);
    assertThat(order.path("status").asText()).isEqualTo("Partially Shipped");
    assertThat(order.path("items_shipped").asInt()).isEqualTo(2);
    assertThat(order.path("date_shipped").asText()).matches(OrdersApiTest.RFC2822);
    assertThat(s.get(O + "/" + id + "/products").json().get(0).path("quantity_shipped").asInt())
        .isEqualTo(2);
    assertThat(s.post(ships, shipment(address, a, 1, "")).status())
        .as("line a is fully shipped")
        .isEqualTo(422);
    assertThat(s.post(ships, shipment(address, b, 1, "")).status()).isEqualTo(201);
    order = s.get(O + "/" + id).json();
    assertThat(order.path("status").asText()).isEqualTo("Shipped");
    assertThat(order.path("items_shipped").asInt()).isEqualTo(3);
    assertThat(s.get(ships).json()).hasSize(2);
    assertThat(s.get(ships + "/count").json().path("count").asInt()).isEqualTo(2);
    assertThat(
            s.get(O + "/" + id + "/shipping_addresses").json().get(0).path("items_shipped").asInt())
        .isEqualTo(3);

    Response put =
        s.put(ships + "/" + sid, "{\"tracking_number\":\"9400\",\"shipping_provider\":\"usps\"}");
    assertThat(put.status()).isEqualTo(200);
    assertThat(put.json().path("tracking_link").asText()).contains("usps.com").contains("9400");
    assertThat(s.get(ships + "/" + sid).json().path("tracking_number").asText()).isEqualTo("9400");
    assertThat(s.put(ships + "/" + sid, "{\"items\":[],\"shipping_provider\":\"pigeon\"}").status())
        .isEqualTo(422);

    assertThat(s.delete(ships + "/" + sid).status()).isEqualTo(204);
    assertThat(s.get(ships + "/" + sid).status()).isEqualTo(404);
    order = s.get(O + "/" + id).json();
    assertThat(order.path("status").asText()).isEqualTo("Partially Shipped");
    assertThat(order.path("items_shipped").asInt()).isEqualTo(1);
    assertThat(s.delete(ships).status()).isEqualTo(204);
    assertThat(s.get(ships).status()).isEqualTo(204);
    order = s.get(O + "/" + id).json();
    assertThat(order.path("items_shipped").asInt()).isZero();
    assertThat(order.path("date_shipped").asText()).isEmpty();
    assertThat(order.path("status").asText()).isEqualTo("Awaiting Fulfillment");
  }

  @Test
  void aCancelledOrderIsNotShipped() {
    TestStore s = sr.newStore();
    long id = create(s, body(custom("A", 1, "1")).replaceFirst("\\{", "{\"status_id\":5,"));
    long line = s.get(O + "/" + id + "/products").json().get(0).path("id").asLong();
    long address = s.get(O + "/" + id + "/shipping_addresses").json().get(0).path("id").asLong();
    Response r = s.post(O + "/" + id + "/shipments", shipment(address, line, 1, ""));
    assertThat(r.status()).isEqualTo(409);
    assertThat(r.json().get(0).path("message").asText()).contains("Cancelled");
  }

  @Test
  void shippingAddressesAnswerAtBothSpellings() {
    TestStore s = sr.newStore();
    long id =
        create(
            s,
            body(custom("A", 2, "10"))
                .replaceFirst("\\{", "{\"shipping_cost_inc_tax\":7,\"shipping_cost_ex_tax\":6,"));
    for (String spelling : List.of("shipping_addresses", "shippingaddresses")) {
      Response list = s.get(O + "/" + id + "/" + spelling);
      assertThat(list.status()).as(spelling).isEqualTo(200);
      JsonNode a = list.json().get(0);
      assertThat(a.path("order_id").asLong()).isEqualTo(id);
      assertThat(a.path("zip").asText()).isEqualTo("78701");
      assertThat(a.path("items_total").asInt()).isEqualTo(2);
      assertThat(a.path("cost_inc_tax").asText()).isEqualTo("7.0000");
      assertThat(a.path("shipping_method").asText()).isEqualTo("Flat");
      long aid = a.path("id").asLong();
      assertThat(a.path("shipping_quotes").path("resource").asText())
          .isEqualTo("/orders/" + id + "/shipping_addresses/" + aid + "/shipping_quotes");
      assertThat(s.get(O + "/" + id + "/" + spelling + "/" + aid).json().path("id").asLong())
          .isEqualTo(aid);
      Response quotes = s.get(O + "/" + id + "/" + spelling + "/" + aid + "/shipping_quotes");
      assertThat(quotes.status()).isEqualTo(204);
      assertThat(quotes.body()).isEmpty();
      assertThat(s.get(O + "/" + id + "/" + spelling + "/999").status()).isEqualTo(404);
      assertThat(s.get(O + "/" + id + "/" + spelling + "/999/shipping_quotes").status())
          .isEqualTo(404);
    }
    long aid = s.get(O + "/" + id + "/shipping_addresses").json().get(0).path("id").asLong();
    Response put =
        s.put(
            O + "/" + id + "/shippingaddresses/" + aid,
            "{\"street_1\":\"2 Quay\",\"zip\":90210,\"shipping_method\":\"Express\"}");
    assertThat(put.status()).as(put.body()).isEqualTo(200);
    assertThat(put.json().path("street_1").asText()).isEqualTo("2 Quay");
    assertThat(put.json().path("zip").asText()).isEqualTo("90210");
    assertThat(put.json().path("cost_inc_tax").asText())
        .as("updating does not recalculate shipping")
        .isEqualTo("7.0000");
    assertThat(s.get(O + "/" + id).json().path("shipping_cost_inc_tax").asText())
        .isEqualTo("7.0000");
    Response bad = s.put(O + "/" + id + "/shipping_addresses/" + aid, "{\"items_totl\":1}");
    assertThat(bad.status()).isEqualTo(422);
    assertThat(s.put(O + "/" + id + "/shipping_addresses/999", "{\"city\":\"x\"}").status())
        .isEqualTo(404);
  }

  @Test
  void anOrderPutWithAShippingAddressChangesTheFirstOrAddsOne() {
    TestStore s = sr.newStore();
    long id = create(s, body(custom("A", 1, "1")));
    Response r = s.put(O + "/" + id, "{\"shipping_addresses\":{\"city\":\"Dallas\"}}");
    assertThat(r.status()).as(r.body()).isEqualTo(200);
    JsonNode a = s.get(O + "/" + id + "/shipping_addresses").json();
    assertThat(a).hasSize(1);
    assertThat(a.get(0).path("city").asText()).isEqualTo("Dallas");
    assertThat(a.get(0).path("street_1").asText()).isEqualTo("1 Dock Road");
    long bare =
        create(
            s,
            "{\"billing_address\":"
                + Orders.BILLING
                + ",\"products\":["
                + custom("A", 1, "1")
                + "]}");
    assertThat(s.get(O + "/" + bare + "/shipping_addresses").status()).isEqualTo(204);
    assertThat(s.get(O + "/" + bare).json().path("shipping_address_count").asInt()).isZero();
    s.put(O + "/" + bare, "{\"shipping_addresses\":" + Orders.SHIPPING + "}");
    assertThat(s.get(O + "/" + bare).json().path("shipping_address_count").asInt()).isEqualTo(1);
    JsonNode added = s.get(O + "/" + bare + "/shipping_addresses").json().get(0);
    assertThat(added.path("items_total").asInt()).isEqualTo(1);
    assertThat(s.get(O + "/" + bare + "/products").json().get(0).path("order_address_id").asLong())
        .isEqualTo(added.path("id").asLong());
  }

  @Test
  void couponsMessagesAndTaxesOfAnUntaxedOrderAreEmptyLists() {
    TestStore s = sr.newStore();
    long id = create(s, body(custom("A", 1, "1")));
    for (String sub :
        List.of(
            "coupons",
            "taxes",
            "taxes?details=false",
            "messages",
            "messages?status=unread&is_flagged=true")) {
      Response r = s.get(O + "/" + id + "/" + sub);
      assertThat(r.status()).as(sub).isEqualTo(204);
      assertThat(r.body()).isEmpty();
    }
    assertThat(s.get(O + "/" + id + "/taxes?details=maybe").status()).isEqualTo(422);
    assertThat(s.get(O + "/" + id + "/messages?status=lost").status()).isEqualTo(422);
    assertThat(s.get(O + "/" + id + "/coupons?limit=251").status()).isEqualTo(413);
  }

  @Test
  void taxesListTheTaxTheOrdersOwnAmountsCarry() {
    TestStore s = sr.newStore();
    String taxed = "{\"name\":\"T\",\"quantity\":2,\"price_inc_tax\":11,\"price_ex_tax\":10}";
    String untaxed = custom("U", 1, "3");
    long id =
        create(
            s,
            body(taxed, untaxed)
                .replaceFirst("\\{", "{\"shipping_cost_ex_tax\":5,\"shipping_cost_inc_tax\":5.5,"));
    JsonNode order = s.get(O + "/" + id).json();
    assertThat(order.path("total_tax").asText()).isEqualTo("2.5000");
    long line = s.get(O + "/" + id + "/products").json().get(0).path("id").asLong();

    Response r = s.get(O + "/" + id + "/taxes");
    assertThat(r.status()).isEqualTo(200);
    JsonNode taxes = r.json();
    assertThat(taxes.size()).isEqualTo(2);
    JsonNode item = taxes.get(0);
    assertThat(item.path("order_id").asLong()).isEqualTo(id);
    assertThat(item.path("name").asText()).isEqualTo("API Tax Override");
    assertThat(item.path("line_item_type").asText()).isEqualTo("item");
    assertThat(item.path("order_product_id").asText()).isEqualTo(String.valueOf(line));
    assertThat(item.path("line_amount").asText()).isEqualTo("2.0000");
    assertThat(item.path("rate").asText()).isEqualTo("10.0000");
    JsonNode shipping = taxes.get(1);
    assertThat(shipping.path("line_item_type").asText()).isEqualTo("shipping");
    assertThat(shipping.path("line_amount").asText()).isEqualTo("0.5000");
    // the lines add up to the order's tax
    assertThat(
            new java.math.BigDecimal(item.path("line_amount").asText())
                .add(new java.math.BigDecimal(shipping.path("line_amount").asText())))
        .isEqualByComparingTo(order.path("total_tax").asText());

    JsonNode summed = s.get(O + "/" + id + "/taxes?details=false").json();
    assertThat(summed.size()).isEqualTo(1);
    assertThat(summed.get(0).path("line_amount").asText()).isEqualTo("2.5000");
    assertThat(summed.get(0).path("rate").asText()).isEqualTo("10.0000");
    assertThat(summed.get(0).has("order_product_id")).isFalse();
    assertThat(s.get(O + "/" + id + "/taxes?limit=1&page=2").json().get(0).path("id").asLong())
        .isEqualTo(2);
  }

  @Test
  void productsAndAddressesPage() {
    TestStore s = sr.newStore();
    long id = create(s, body(custom("A", 1, "1"), custom("B", 1, "1"), custom("C", 1, "1")));
    Response page = s.get(O + "/" + id + "/products?limit=2&page=2");
    assertThat(page.status()).isEqualTo(200);
    assertThat(page.json()).hasSize(1);
    assertThat(page.json().get(0).path("name").asText()).isEqualTo("C");
    assertThat(s.get(O + "/" + id + "/products?page=3&limit=2").status()).isEqualTo(204);
  }

  @Test
  void concurrentShipmentsNeverShipMoreThanOrdered() throws Exception {
    TestStore s = sr.newStore();
    long id = create(s, body(custom("One", 2, "1")));
    long line = s.get(O + "/" + id + "/products").json().get(0).path("id").asLong();
    long address = s.get(O + "/" + id + "/shipping_addresses").json().get(0).path("id").asLong();
    java.util.concurrent.CountDownLatch start = new java.util.concurrent.CountDownLatch(1);
    java.util.concurrent.ExecutorService pool =
        java.util.concurrent.Executors.newFixedThreadPool(10);
    List<Integer> statuses = new java.util.ArrayList<>();
    try {
      List<java.util.concurrent.Future<Integer>> answers = new java.util.ArrayList<>();
      for (int i = 0; i < 10; i++) {
        answers.add(
            pool.submit(
                () -> {
                  start.await();
                  return s.post(O + "/" + id + "/shipments", shipment(address, line, 1, ""))
                      .status();
                }));
      }
      start.countDown();
      for (var f : answers) {
        statuses.add(f.get());
      }
    } finally {
      pool.shutdownNow();
    }
    assertThat(statuses.stream().filter(x -> x == 201).count()).isEqualTo(2);
    assertThat(statuses.stream().filter(x -> x == 422).count()).isEqualTo(8);
    JsonNode order = s.get(O + "/" + id).json();
    assertThat(order.path("items_shipped").asInt()).isEqualTo(2);
    assertThat(order.path("status").asText()).isEqualTo("Shipped");
    assertThat(s.get(O + "/" + id + "/shipments/count").json().path("count").asInt()).isEqualTo(2);
  }
}
