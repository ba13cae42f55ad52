package dev.stockroom.orders;

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
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.Test;

/** Placing, changing and cancelling orders moves tracked stock, and never oversells. */
@StockroomTest
class OrderInventoryApiTest {
  static final String P = "v3/catalog/products";
  final Stockroom sr;

  OrderInventoryApiTest(Stockroom sr) {
    this.sr = sr;
  }

  /** A product tracked by product with {@code level} in stock. */
  static long stocked(TestStore s, String name, int level) {
    long id = s.product(name, 5);
    Response r =
        s.put(
            P + "/" + id, "{\"inventory_tracking\":\"product\",\"inventory_level\":" + level + "}");
    assertThat(r.status()).as(r.body()).isEqualTo(200);
    return id;
  }

  static long level(TestStore s, long product) {
    return s.get(P + "/" + product).json().path("data").path("inventory_level").asLong();
  }

  static JsonNode variants(TestStore s, long product) {
    return s.get(P + "/" + product + "/variants").json().path("data");
  }

  @Test
  void anOrderTakesProductLevelStockAndTheBaseVariantFollows() {
    TestStore s = sr.newStore();
    long p = stocked(s, "Kettle", 10);
    long untracked = s.product("Spoon", 1);
    String before = s.get(P + "/" + p).json().path("data").path("date_modified").asText();
    sr.clock().advance(2_000);
    create(s, body(catalog(p, 3), catalog(untracked, 4), custom("Custom", 1, "1")));
    assertThat(level(s, p)).isEqualTo(7);
    assertThat(variants(s, p).get(0).path("inventory_level").asLong()).isEqualTo(7);
    assertThat(s.get(P + "?inventory_level=7").ids()).containsExactly(p);
    assertThat(s.get(P + "/" + p).json().path("data").path("date_modified").asText())
        .isNotEqualTo(before);
    assertThat(level(s, untracked)).isZero();
    assertThat(s.get(P + "/" + untracked).json().path("data").path("inventory_tracking").asText())
        .isEqualTo("none");
  }

  /** A product tracked by variant with option Size S (3) and M (4); returns [product, S, M]. */
  static long[] sized(TestStore s) {
    long id = s.product("Shirt", 20);
    s.put(P + "/" + id, "{\"inventory_tracking\":\"variant\"}");
    Response o =
        s.post(
            P + "/" + id + "/options",
            "{\"display_name\":\"Size\",\"type\":\"dropdown\",\"option_values\":["
                + "{\"label\":\"S\",\"sort_order\":0},{\"label\":\"M\",\"sort_order\":1}]}");
    JsonNode option = o.json().path("data");
    long optionId = option.path("id").asLong();
    long sId = option.path("option_values").get(0).path("id").asLong();
    long mId = option.path("option_values").get(1).path("id").asLong();
    s.post(
        P + "/" + id + "/variants",
        "{\"sku\":\"SH-S\",\"price\":21,\"inventory_level\":3,\"option_values\":[{\"id\":"
            + sId
            + ",\"option_id\":"
            + optionId
            + "}]}");
    s.post(
        P + "/" + id + "/variants",
        "{\"sku\":\"SH-M\",\"inventory_level\":4,\"option_values\":[{\"id\":"
            + mId
            + ",\"option_id\":"
            + optionId
            + "}]}");
    assertThat(level(s, id)).isEqualTo(7);
    return new long[] {id, optionId, sId, mId};
  }

  static String withOption(long product, long option, long value, int quantity) {
    return "{\"product_id\":"
        + product
        + ",\"quantity\":"
        + quantity
        + ",\"product_options\":[{\"id\":"
        + option
        + ",\"value\":\""
        + value
        + "\"}]}";
  }

  @Test
  void anOrderTakesVariantLevelStockAndTheProductIsTheSum() {
    TestStore s = sr.newStore();
    long[] shirt = sized(s);
    long id = create(s, body(withOption(shirt[0], shirt[1], shirt[2], 2)));
    JsonNode vs = variants(s, shirt[0]);
    assertThat(vs.get(0).path("sku").asText()).isEqualTo("SH-S");
    assertThat(vs.get(0).path("inventory_level").asLong()).isEqualTo(1);
    assertThat(vs.get(1).path("inventory_level").asLong()).isEqualTo(4);
    assertThat(level(s, shirt[0])).isEqualTo(5);
    JsonNode line = s.get(O + "/" + id + "/products").json().get(0);
    assertThat(line.path("variant_id").asLong()).isEqualTo(vs.get(0).path("id").asLong());
    assertThat(line.path("sku").asText()).isEqualTo("SH-S");
    assertThat(line.path("price_inc_tax").asText()).isEqualTo("21.0000");
    assertThat(line.path("product_options").get(0).path("display_value").asText()).isEqualTo("S");
    assertThat(line.path("product_options").get(0).path("display_name").asText()).isEqualTo("Size");
    // Without options, a product with variants cannot be ordered: 422 naming product_options.
    Response noOptions = s.post(O, body(catalog(shirt[0], 1)));
    assertThat(noOptions.status()).isEqualTo(422);
    assertThat(noOptions.json().get(0).path("details").has("products.0.product_options")).isTrue();
    Response wrongValue = s.post(O, body(withOption(shirt[0], shirt[1], 999999, 1)));
    assertThat(wrongValue.status()).isEqualTo(422);
    assertThat(level(s, shirt[0])).isEqualTo(5);
  }

  @Test
  void anOrderAskingForMoreThanThereIsIsRefusedAndWritesNothing() {
    TestStore s = sr.newStore();
    long kettle = stocked(s, "Kettle", 7);
    long mug = stocked(s, "Mug", 10);
    Response r = s.post(O, body(catalog(mug, 2), catalog(kettle, 5), catalog(kettle, 3)));
    assertThat(r.status()).isEqualTo(409);
    JsonNode e = r.json().get(0);
    assertThat(e.path("status").asInt()).isEqualTo(409);
    assertThat(e.path("message").asText()).contains("Kettle").contains("7").contains("8");
    assertThat(e.path("details").path("product_id").asLong()).isEqualTo(kettle);
    assertThat(e.path("details").path("variant_id").asLong()).isZero();
    assertThat(e.path("details").path("requested").asLong()).isEqualTo(8);
    assertThat(e.path("details").path("available").asLong()).isEqualTo(7);
    assertThat(level(s, kettle)).isEqualTo(7);
    assertThat(level(s, mug)).as("the line that fitted took nothing either").isEqualTo(10);
    assertThat(s.get(O).status()).isEqualTo(204);
    assertThat(s.get(O + "/count").json().path("count").asInt()).isZero();

    long[] shirt = sized(s);
    Response v = s.post(O, body(withOption(shirt[0], shirt[1], shirt[3], 5)));
    assertThat(v.status()).isEqualTo(409);
    JsonNode ve = v.json().get(0);
    assertThat(ve.path("message").asText()).contains("Shirt").contains("SH-M").contains("4");
    assertThat(ve.path("details").path("variant_id").asLong()).isPositive();
    assertThat(ve.path("details").path("available").asLong()).isEqualTo(4);
    assertThat(level(s, shirt[0])).isEqualTo(7);
    // Exactly what is left is fine.
    assertThat(s.post(O, body(catalog(kettle, 7))).status()).isEqualTo(201);
    assertThat(level(s, kettle)).isZero();
  }

  @Test
  void cancellingRestoresStockOnceAndLeavingCancelledTakesItAgain() {
    TestStore s = sr.newStore();
    long p = stocked(s, "Lamp", 5);
    long id = create(s, body(catalog(p, 3)));
    assertThat(level(s, p)).isEqualTo(2);
    assertThat(s.put(O + "/" + id, "{\"status_id\":5}").status()).isEqualTo(200);
    assertThat(level(s, p)).isEqualTo(5);
    assertThat(s.put(O + "/" + id, "{\"status_id\":5}").status()).isEqualTo(200);
    assertThat(level(s, p)).as("cancelled twice restores once").isEqualTo(5);
    assertThat(s.put(O + "/" + id, "{\"status_id\":4}").status()).isEqualTo(200);
    assertThat(level(s, p)).as("refunded after cancelled restores nothing more").isEqualTo(5);
    assertThat(s.put(O + "/" + id, "{\"status_id\":11}").status()).isEqualTo(200);
    assertThat(level(s, p)).isEqualTo(2);
    assertThat(s.delete(O + "/" + id).status()).isEqualTo(204);
    assertThat(level(s, p)).as("archiving restores nothing").isEqualTo(2);
    assertThat(s.put(O + "/" + id, "{\"status_id\":4}").status()).isEqualTo(200);
    assertThat(level(s, p)).as("refunded restores").isEqualTo(5);
    // Leaving cancelled when the stock has gone meanwhile is refused, and nothing changes.
    create(s, body(catalog(p, 4)));
    Response back = s.put(O + "/" + id, "{\"status_id\":11,\"staff_notes\":\"again\"}");
    assertThat(back.status()).isEqualTo(409);
    assertThat(back.json().get(0).path("details").path("available").asLong()).isEqualTo(1);
    JsonNode order = s.get(O + "/" + id).json();
    assertThat(order.path("status_id").asInt()).isEqualTo(4);
    assertThat(order.path("staff_notes").asText()).isEmpty();
    assertThat(level(s, p)).isEqualTo(1);
  }

  @Test
  void cancellingAVariantOrderGivesTheVariantItsStockBack() {
    TestStore s = sr.newStore();
    long[] shirt = sized(s);
    long id = create(s, body(withOption(shirt[0], shirt[1], shirt[3], 4)));
    assertThat(variants(s, shirt[0]).get(1).path("inventory_level").asLong()).isZero();
    assertThat(level(s, shirt[0])).isEqualTo(3);
    assertThat(s.put(O + "/" + id, "{\"status_id\":5}").status()).isEqualTo(200);
    assertThat(variants(s, shirt[0]).get(1).path("inventory_level").asLong()).isEqualTo(4);
    assertThat(variants(s, shirt[0]).get(0).path("inventory_level").asLong()).isEqualTo(3);
    assertThat(level(s, shirt[0])).isEqualTo(7);
    assertThat(s.put(O + "/" + id, "{\"status_id\":5}").status()).isEqualTo(200);
    assertThat(level(s, shirt[0])).isEqualTo(7);
  }

  @Test
  void aReadOnlyTokenReadsOrdersButPlacesNone() {
    TestStore s = sr.newStore();
    long p = stocked(s, "Vase", 3);
    create(s, body(catalog(p, 1)));
    String token = sr.newToken(s.hash(), List.of("store_v2_orders_read_only"));
    assertThat(sr.http().send("GET", s.path(O), null, "X-Auth-Token", token).status())
        .isEqualTo(200);
    Response post = sr.http().send("POST", s.path(O), body(catalog(p, 1)), "X-Auth-Token", token);
    assertThat(post.status()).isEqualTo(403);
    assertThat(level(s, p)).isEqualTo(2);
    String products = sr.newToken(s.hash(), List.of("store_v2_products"));
    assertThat(sr.http().send("GET", s.path(O), null, "X-Auth-Token", products).status())
        .as("the products scope does not read orders")
        .isEqualTo(403);
  }

  @Test
  void changingLineQuantitiesMovesStock() {
    TestStore s = sr.newStore();
    long p = stocked(s, "Bowl", 10);
    long id = create(s, body(catalog(p, 2)));
    long line = s.get(O + "/" + id + "/products").json().get(0).path("id").asLong();
    assertThat(
            s.put(O + "/" + id, "{\"products\":[{\"id\":" + line + ",\"quantity\":5}]}").status())
        .isEqualTo(200);
    assertThat(level(s, p)).isEqualTo(5);
    assertThat(
            s.put(O + "/" + id, "{\"products\":[{\"id\":" + line + ",\"quantity\":1}]}").status())
        .isEqualTo(200);
    assertThat(level(s, p)).isEqualTo(9);
    Response tooMany =
        s.put(O + "/" + id, "{\"products\":[{\"id\":" + line + ",\"quantity\":11}]}");
    assertThat(tooMany.status()).isEqualTo(409);
    assertThat(level(s, p)).isEqualTo(9);
    assertThat(s.put(O + "/" + id, "{\"products\":[" + catalog(p, 4) + "]}").status())
        .isEqualTo(200);
    assertThat(level(s, p)).isEqualTo(5);
    assertThat(s.put(O + "/" + id, "{\"status_id\":5}").status()).isEqualTo(200);
    assertThat(level(s, p)).as("cancel gives back both lines").isEqualTo(10);
  }

  /** {@code clients} order POSTs of {@code body}, released together; their statuses. */
  static List<Integer> race(TestStore s, int clients, String body) throws Exception {
    CountDownLatch start = new CountDownLatch(1);
    List<Callable<Integer>> calls = new ArrayList<>();
    for (int i = 0; i < clients; i++) {
      calls.add(
          () -> {
            start.await();
            return s.post(O, body).status();
          });
    }
    ExecutorService pool = Executors.newFixedThreadPool(clients);
    List<Integer> statuses = new ArrayList<>();
    try {
      List<Future<Integer>> futures = new ArrayList<>();
      for (Callable<Integer> c : calls) {
        futures.add(pool.submit(c));
      }
      start.countDown();
      for (Future<Integer> f : futures) {
        statuses.add(f.get());
      }
    } finally {
      pool.shutdownNow();
    }
    return statuses;
  }

  @Test
  void concurrentOrdersNeverOversell() throws Exception {
    TestStore s = sr.newStore();
    long p = stocked(s, "Last Five", 5);
    List<Integer> statuses = race(s, 20, body(catalog(p, 1)));
    assertThat(statuses.stream().filter(x -> x == 201).count()).isEqualTo(5);
    assertThat(statuses.stream().filter(x -> x == 409).count()).isEqualTo(15);
    assertThat(level(s, p)).isZero();
    assertThat(variants(s, p).get(0).path("inventory_level").asLong()).isZero();
    assertThat(s.get(O + "/count").json().path("count").asInt()).isEqualTo(5);
  }

  @Test
  void concurrentOrdersForOneVariantNeverOversellIt() throws Exception {
    TestStore s = sr.newStore();
    long[] shirt = sized(s);
    List<Integer> statuses = race(s, 10, body(withOption(shirt[0], shirt[1], shirt[2], 1)));
    assertThat(statuses.stream().filter(x -> x == 201).count()).isEqualTo(3);
    assertThat(statuses.stream().filter(x -> x == 409).count()).isEqualTo(7);
    assertThat(variants(s, shirt[0]).get(0).path("inventory_level").asLong()).isZero();
    assertThat(level(s, shirt[0])).isEqualTo(4);
  }

  @Test
  void cancellingAfterTheProductWasDeletedStillCancels() {
    TestStore s = sr.newStore();
    long p = stocked(s, "Gone", 5);
    long kept = stocked(s, "Kept", 5);
    long id = create(s, body(catalog(p, 2), catalog(kept, 2)));
    assertThat(s.delete(P + "/" + p).status()).isEqualTo(204);
    Response r = s.put(O + "/" + id, "{\"status_id\":5}");
    assertThat(r.status()).as(r.body()).isEqualTo(200);
    assertThat(r.json().path("status").asText()).isEqualTo("Cancelled");
    assertThat(level(s, kept)).isEqualTo(5);
    assertThat(s.get(O + "/" + id + "/products").json().get(0).path("name").asText())
        .as("the line keeps the product's name")
        .isEqualTo("Gone");
  }

  @Test
  void concurrentCancelsRestoreStockOnce() throws Exception {
    TestStore s = sr.newStore();
    long p = stocked(s, "Twice", 5);
    long id = create(s, body(catalog(p, 3)));
    CountDownLatch start = new CountDownLatch(1);
    ExecutorService pool = Executors.newFixedThreadPool(10);
    try {
      List<Future<Integer>> answers = new ArrayList<>();
      for (int i = 0; i < 10; i++) {
        answers.add(
            pool.submit(
                () -> {
                  start.await();
                  return s.put(O + "/" + id, "{\"status_id\":5}").status();
                }));
      }
      start.countDown();
      for (Future<Integer> f : answers) {
        assertThat(f.get()).isEqualTo(200);
      }
    } finally {
      pool.shutdownNow();
    }
    assertThat(level(s, p)).isEqualTo(5);
  }
}
