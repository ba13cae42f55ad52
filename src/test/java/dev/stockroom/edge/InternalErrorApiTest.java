package dev.stockroom.edge;

import static org.assertj.core.api.Assertions.assertThat;

import dev.stockroom.testing.ApiClient.Response;
import dev.stockroom.testing.Sql;
import dev.stockroom.testing.Stockroom;
import dev.stockroom.testing.StockroomTest;
import dev.stockroom.testing.TestStore;
import org.junit.jupiter.api.Test;

/** Anything unexpected (here: a row damaged behind the server's back) is a clean 500. */
@StockroomTest
class InternalErrorApiTest {
  final Stockroom sr;

  InternalErrorApiTest(Stockroom sr) {
    this.sr = sr;
  }

  @Test
  void aDamagedRowIsA500WithARequestIdAndNoInternals() throws Exception {
    TestStore s = sr.newStore();
    long id = s.product("Damaged", 1);
    long storeId = s.get("v2/store").json().path("store_id").asLong();
    assertThat(
            Sql.update(
                sr,
                "UPDATE products SET doc = '{not json' WHERE store_id = "
                    + storeId
                    + " AND id = "
                    + id))
        .isEqualTo(1);
    Response r = s.put("v3/catalog/products/" + id, "{\"price\":2}");
    assertThat(r.status()).isEqualTo(500);
    assertThat(r.json().path("status").asInt()).isEqualTo(500);
    String requestId = r.header("X-Request-Id").orElseThrow();
    assertThat(r.json().path("title").asText()).contains(requestId);
    assertThat(r.body())
        .doesNotContain("Exception")
        .doesNotContain("at dev.")
        .doesNotContain("SELECT")
        .doesNotContain("jackson");
    PipelineApiTest.assertRateHeaders(r);
    // The server goes on serving.
    assertThat(s.get("v3/catalog/products?id:in=999").status()).isEqualTo(200);
  }
}
