package dev.stockroom.catalog.products.customfields;

import static org.assertj.core.api.Assertions.assertThat;

import dev.stockroom.testing.ApiClient.Response;
import dev.stockroom.testing.Stockroom;
import dev.stockroom.testing.StockroomTest;
import dev.stockroom.testing.TestStore;
import org.junit.jupiter.api.Test;

@StockroomTest
class CustomFieldsApiTest {
  final Stockroom sr;

  CustomFieldsApiTest(Stockroom sr) {
    this.sr = sr;
  }

  static String fields(long product) {
    return "v3/catalog/products/" + product + "/custom-fields";
  }

  @Test
  void createAndUpdateAnswerTheSpecsShape() {
    TestStore s = sr.newStore();
    long p = s.product("Book", 10);
    Response created = s.post(fields(p), "{\"name\":\"ISBN\",\"value\":\"1234567890123\"}");
    assertThat(created.status()).isEqualTo(201);
    assertThat(created.body())
        .isEqualTo(
            "{\"data\":{\"id\":1,\"name\":\"ISBN\",\"value\":\"1234567890123\"},\"meta\":{}}");
    assertThat(created.header("Location")).contains(s.path(fields(p) + "/1"));

    Response put = s.put(fields(p) + "/1", "{\"value\":\"978-0\",\"id\":1}");
    assertThat(put.status()).isEqualTo(200);
    assertThat(put.body())
        .isEqualTo("{\"data\":{\"id\":1,\"name\":\"ISBN\",\"value\":\"978-0\"},\"meta\":{}}");
  }

  @Test
  void nameAndValueAreRequiredWithTheSpecsLengths() {
    TestStore s = sr.newStore();
    long p = s.product("Checked", 1);
    Response missing = s.post(fields(p), "{}");
    assertThat(missing.status()).isEqualTo(422);
    assertThat(missing.json().path("errors").path("name").asText()).isEqualTo("is required");
    assertThat(missing.json().path("errors").path("value").asText()).isEqualTo("is required");
    Response bad =
        s.post(fields(p), "{\"name\":\"\",\"value\":\"" + "x".repeat(251) + "\",\"colour\":1}");
    assertThat(bad.status()).isEqualTo(422);
    assertThat(bad.json().path("errors").path("name").asText()).isEqualTo("must not be empty");
    assertThat(bad.json().path("errors").path("value").asText()).contains("250");
    assertThat(bad.json().path("errors").has("colour")).isTrue();
    assertThat(s.post(fields(p), "{\"name\":\"n\",\"value\":\"" + "x".repeat(250) + "\"}").status())
        .isEqualTo(201);
    assertThat(s.put(fields(p) + "/1", "{\"name\":\"\"}").status()).isEqualTo(422);
    assertThat(s.put(fields(p) + "/1", "{\"name\":42}").status()).isEqualTo(422);
    assertThat(s.post(fields(p), "{\"name\":").status()).isEqualTo(400);
    assertThat(s.get(fields(p)).ids()).containsExactly(1L);
  }
}
