package dev.stockroom.catalog.products.reviews;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.stockroom.testing.ApiClient.Response;
import dev.stockroom.testing.Stockroom;
import dev.stockroom.testing.StockroomTest;
import dev.stockroom.testing.TestStore;
import org.junit.jupiter.api.Test;

@StockroomTest
class ReviewsApiTest {
  final Stockroom sr;

  ReviewsApiTest(Stockroom sr) {
    this.sr = sr;
  }

  static String reviews(long product) {
    return "v3/catalog/products/" + product + "/reviews";
  }

  static String review(String status, int rating) {
    return "{\"title\":\"Great\",\"date_reviewed\":\"2018-05-07T19:37:13Z\",\"status\":\""
        + status
        + "\",\"rating\":"
        + rating
        + "}";
  }

  @Test
  void createAndUpdateAnswerTheSpecsShape() {
    TestStore s = sr.newStore();
    long p = s.product("Reviewed", 1);
    Response created =
        s.post(
            reviews(p),
            "{\"title\":\"Great Product\",\"text\":\"This product is amazing!!!\","
                + "\"date_reviewed\":\"2018-05-07T21:37:13+02:00\",\"rating\":5,"
                + "\"email\":\"janedoe@example.com\",\"name\":\"Jane Doe\",\"status\":\"approved\"}");
    assertThat(created.status()).isEqualTo(201);
    JsonNode d = created.json().path("data");
    assertThat(d.path("id").asLong()).isEqualTo(1);
    assertThat(d.path("product_id").asLong()).isEqualTo(p);
    assertThat(d.path("title").asText()).isEqualTo("Great Product");
    assertThat(d.path("text").asText()).isEqualTo("This product is amazing!!!");
    assertThat(d.path("status").asText()).isEqualTo("approved");
    assertThat(d.path("rating").asInt()).isEqualTo(5);
    assertThat(d.path("email").asText()).isEqualTo("janedoe@example.com");
    assertThat(d.path("name").asText()).isEqualTo("Jane Doe");
    assertThat(d.path("date_reviewed").asText()).isEqualTo("2018-05-07T19:37:13+00:00");
    assertThat(d.path("date_created").asText())
        .matches("\\d{4}-\\d\\d-\\d\\dT\\d\\d:\\d\\d:\\d\\d\\+00:00");
    assertThat(d.path("date_modified").asText()).isEqualTo(d.path("date_created").asText());
    assertThat(s.get(reviews(p) + "/1").json()).isEqualTo(created.json());

    sr.clock().advance(5_000);
    Response put = s.put(reviews(p) + "/1", "{\"text\":\"Still good\"}");
    assertThat(put.status()).isEqualTo(200);
    assertThat(put.json().path("data").path("text").asText()).isEqualTo("Still good");
    assertThat(put.json().path("data").path("title").asText()).isEqualTo("Great Product");
    assertThat(put.json().path("data").path("date_created")).isEqualTo(d.path("date_created"));
    assertThat(put.json().path("data").path("date_modified").asText())
        .isNotEqualTo(d.path("date_modified").asText());
  }

  @Test
  void aNewReviewIsPendingWithEmptyDefaults() {
    TestStore s = sr.newStore();
    long p = s.product("Defaults", 1);
    Response r = s.post(reviews(p), "{\"title\":\"\",\"date_reviewed\":\"2020-01-02\"}");
    assertThat(r.status()).isEqualTo(201);
    JsonNode d = r.json().path("data");
    assertThat(d.path("status").asText()).isEqualTo("pending");
    assertThat(d.path("rating").asInt()).isZero();
    assertThat(d.path("text").asText()).isEmpty();
    assertThat(d.path("email").asText()).isEmpty();
    assertThat(d.path("date_reviewed").asText()).isEqualTo("2020-01-02T00:00:00+00:00");
  }

  @Test
  void invalidReviewsAre422NamingEachField() {
    TestStore s = sr.newStore();
    long p = s.product("Strict", 1);
    Response missing = s.post(reviews(p), "{\"text\":\"no title\"}");
    assertThat(missing.status()).isEqualTo(422);
    assertThat(missing.json().path("errors").path("title").asText()).isEqualTo("is required");
    assertThat(missing.json().path("errors").path("date_reviewed").asText())
        .isEqualTo("is required");
    Response bad =
        s.post(
            reviews(p),
            "{\"title\":\"t\",\"date_reviewed\":\"yesterday\",\"rating\":6,\"status\":\"spam\","
                + "\"email\":\"not-an-email\",\"name\":\""
                + "n".repeat(256)
                + "\"}");
    assertThat(bad.status()).isEqualTo(422);
    assertThat(bad.json().path("errors").path("rating").asText()).contains("5");
    assertThat(bad.json().path("errors").path("status").asText()).contains("approved");
    assertThat(bad.json().path("errors").has("date_reviewed")).isTrue();
    assertThat(bad.json().path("errors").has("email")).isTrue();
    assertThat(bad.json().path("errors").has("name")).isTrue();
    assertThat(s.post(reviews(p), review("approved", -1)).status()).isEqualTo(422);
    assertThat(s.post(reviews(p), "{\"title\":\"t\",\"date_reviewed\":null}").status())
        .isEqualTo(422);
    assertThat(s.get(reviews(p)).json().path("data")).isEmpty();
    assertThat(s.get(reviews(p)).json().path("meta").path("pagination").path("total").asInt())
        .isZero();
  }

  @Test
  void approvedReviewsKeepTheProductsTotalsInStep() {
    TestStore s = sr.newStore();
    long p = s.product("Rated", 1);
    long other = s.product("Other", 1);
    assertThat(s.post(reviews(p), review("approved", 4)).status()).isEqualTo(201);
    assertThat(s.post(reviews(p), review("pending", 1)).status()).isEqualTo(201);
    assertThat(s.post(reviews(p), review("approved", 5)).status()).isEqualTo(201);
    assertThat(s.post(reviews(other), review("approved", 2)).status()).isEqualTo(201);
    assertTotals(s, p, 2, 9);
    s.put(reviews(p) + "/2", "{\"status\":\"approved\"}");
    assertTotals(s, p, 3, 10);
    s.put(reviews(p) + "/1", "{\"rating\":1}");
    assertTotals(s, p, 3, 7);
    s.put(reviews(p) + "/3", "{\"status\":\"disapproved\",\"rating\":0}");
    assertTotals(s, p, 2, 2);
    s.delete(reviews(p) + "/1");
    assertTotals(s, p, 1, 1);
    assertTotals(s, other, 1, 2);
    // A rejected write changes nothing.
    assertThat(s.put(reviews(p) + "/2", "{\"rating\":9}").status()).isEqualTo(422);
    assertTotals(s, p, 1, 1);
    // The totals are read-only on the product.
    Response echoed = s.put("v3/catalog/products/" + p, "{\"reviews_count\":99}");
    assertThat(echoed.status()).isEqualTo(200);
    assertTotals(s, p, 1, 1);
  }

  static void assertTotals(TestStore s, long product, int count, int sum) {
    JsonNode d = s.get("v3/catalog/products/" + product).json().path("data");
    assertThat(d.path("reviews_count").asInt()).as("reviews_count").isEqualTo(count);
    assertThat(d.path("reviews_rating_sum").asInt()).as("reviews_rating_sum").isEqualTo(sum);
  }
}
