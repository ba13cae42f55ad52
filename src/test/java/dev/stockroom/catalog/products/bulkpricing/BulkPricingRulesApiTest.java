package dev.stockroom.catalog.products.bulkpricing;

import static org.assertj.core.api.Assertions.assertThat;

import dev.stockroom.testing.ApiClient.Response;
import dev.stockroom.testing.Stockroom;
import dev.stockroom.testing.StockroomTest;
import dev.stockroom.testing.TestStore;
import java.util.List;
import org.junit.jupiter.api.Test;

@StockroomTest
class BulkPricingRulesApiTest {
  final Stockroom sr;

  BulkPricingRulesApiTest(Stockroom sr) {
    this.sr = sr;
  }

  static String rules(long product) {
    return "v3/catalog/products/" + product + "/bulk-pricing-rules";
  }

  static String rule(int min, int max, String type, String amount) {
    return "{\"quantity_min\":"
        + min
        + ",\"quantity_max\":"
        + max
        + ",\"type\":\""
        + type
        + "\",\"amount\":"
        + amount
        + "}";
  }

  @Test
  void createAndUpdateAnswerTheSpecsShape() {
    TestStore s = sr.newStore();
    long p = s.product("Bulk", 10);
    Response created = s.post(rules(p), rule(1, 3, "price", "1"));
    assertThat(created.status()).isEqualTo(201);
    assertThat(created.body())
        .isEqualTo(
            "{\"data\":{\"id\":1,\"quantity_min\":1,\"quantity_max\":3,\"type\":\"price\","
                + "\"amount\":1},\"meta\":{}}");

    Response put = s.put(rules(p) + "/1", "{\"amount\":1.25,\"quantity_max\":5}");
    assertThat(put.status()).isEqualTo(200);
    assertThat(put.json().path("data").path("amount").decimalValue()).isEqualByComparingTo("1.25");
    assertThat(put.json().path("data").path("quantity_max").asInt()).isEqualTo(5);
    assertThat(put.json().path("data").path("type").asText()).isEqualTo("price");
  }

  @Test
  void anAmountMayComeAsANumericStringAndIsReturnedAsANumber() {
    TestStore s = sr.newStore();
    long p = s.product("Percent", 10);
    Response percent = s.post(rules(p), rule(1, 9, "percent", "\".10\""));
    assertThat(percent.status()).isEqualTo(201);
    assertThat(percent.json().path("data").path("amount").isNumber()).isTrue();
    assertThat(percent.json().path("data").path("amount").asDouble()).isEqualTo(0.1);
    Response whole = s.post(rules(p), rule(10, 0, "fixed", "\"5\""));
    assertThat(whole.body()).contains("\"amount\":5}");
    for (String bad : List.of("\"abc\"", "\"\"", "-1", "true", "[1]", "\"1e999\"")) {
      Response r = s.post(rules(p), rule(100, 200, "price", bad));
      assertThat(r.status()).as(bad).isEqualTo(422);
      assertThat(r.json().path("errors").has("amount")).as(bad).isTrue();
    }
  }

  @Test
  void overlappingQuantityRangesAre409AndZeroMeansNoUpperBound() {
    TestStore s = sr.newStore();
    long p = s.product("Tiers", 10);
    long other = s.product("Other", 10);
    assertThat(s.post(rules(p), rule(1, 3, "price", "1")).status()).isEqualTo(201);
    assertThat(s.post(rules(p), rule(4, 0, "price", "2")).status()).isEqualTo(201);
    for (String overlapping :
        List.of(rule(3, 9, "price", "1"), rule(2, 4, "price", "1"), rule(100, 0, "fixed", "1"))) {
      Response r = s.post(rules(p), overlapping);
      assertThat(r.status()).as(overlapping).isEqualTo(409);
      assertThat(r.json().path("errors").path("quantity_min").asText()).contains("overlaps");
    }
    Response conflict = s.post(rules(p), rule(0, 1, "price", "1"));
    assertThat(conflict.status()).isEqualTo(409);
    assertThat(conflict.json().path("title").asText()).contains("bulk pricing rule 1");
    // Another product's ranges are its own.
    assertThat(s.post(rules(other), rule(1, 3, "price", "1")).status()).isEqualTo(201);
    // A rule may keep its own range; moving it onto another's is a conflict.
    assertThat(s.put(rules(p) + "/1", rule(1, 3, "percent", "5")).status()).isEqualTo(200);
    Response moved = s.put(rules(p) + "/1", "{\"quantity_max\":10}");
    assertThat(moved.status()).isEqualTo(409);
    assertThat(s.get(rules(p) + "/1").json().path("data").path("quantity_max").asInt())
        .isEqualTo(3);
    assertThat(s.get(rules(p)).ids()).containsExactly(1L, 2L);
  }

  @Test
  void invalidRulesAre422NamingEachField() {
    TestStore s = sr.newStore();
    long p = s.product("Strict", 10);
    Response missing = s.post(rules(p), "{}");
    assertThat(missing.status()).isEqualTo(422);
    assertThat(missing.json().path("errors").size()).isEqualTo(4);
    Response bad =
        s.post(
            rules(p), "{\"quantity_min\":-1,\"quantity_max\":1.5,\"type\":\"free\",\"amount\":1}");
    assertThat(bad.status()).isEqualTo(422);
    assertThat(bad.json().path("errors").has("quantity_min")).isTrue();
    assertThat(bad.json().path("errors").has("quantity_max")).isTrue();
    assertThat(bad.json().path("errors").path("type").asText()).contains("percent");
    // contract: quantity_max must be greater than quantity_min, unless it is 0.
    for (String r : List.of(rule(5, 5, "price", "1"), rule(5, 2, "price", "1"))) {
      Response refused = s.post(rules(p), r);
      assertThat(refused.status()).as(r).isEqualTo(422);
      assertThat(refused.json().path("errors").path("quantity_max").asText())
          .contains("greater than quantity_min");
    }
    s.post(rules(p), rule(5, 10, "price", "1"));
    assertThat(s.put(rules(p) + "/1", "{\"quantity_min\":10}").status()).isEqualTo(422);
    assertThat(s.get(rules(p)).ids()).containsExactly(1L);
  }
}
