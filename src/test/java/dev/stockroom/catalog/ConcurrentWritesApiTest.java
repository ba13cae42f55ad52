package dev.stockroom.catalog;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.stockroom.testing.ApiClient.Response;
import dev.stockroom.testing.Stockroom;
import dev.stockroom.testing.StockroomTest;
import dev.stockroom.testing.TestStore;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.Test;

/** Writes that race each other keep the catalog consistent (on PostgreSQL: row locks). */
@StockroomTest
class ConcurrentWritesApiTest {
  static final String P = "v3/catalog/products";
  final Stockroom sr;

  ConcurrentWritesApiTest(Stockroom sr) {
    this.sr = sr;
  }

  static <T> List<T> race(List<Callable<T>> calls) throws Exception {
    ExecutorService pool = Executors.newFixedThreadPool(calls.size());
    try {
      List<Future<T>> futures = pool.invokeAll(calls);
      List<T> out = new ArrayList<>();
      for (Future<T> f : futures) {
        out.add(f.get());
      }
      return out;
    } finally {
      pool.shutdownNow();
    }
  }

  @Test
  void aProductNeverLinksACategoryOrBrandDeletedAtTheSameTime() throws Exception {
    TestStore s = sr.newStore();
    for (int i = 0; i < 15; i++) {
      long cat = s.category("C" + i, 0);
      long brand = s.brand("B" + i);
      String body =
          "{\"name\":\"P"
              + i
              + "\",\"type\":\"physical\",\"weight\":1,\"price\":1,\"categories\":["
              + cat
              + "],\"brand_id\":"
              + brand
              + "}";
      List<Response> answers =
          race(
              List.of(
                  () -> s.post(P, body),
                  () -> s.delete("v3/catalog/categories/" + cat),
                  () -> s.delete("v3/catalog/brands/" + brand)));
      Response created = answers.get(0);
      assertThat(created.status()).as(created.body()).isIn(201, 409);
      if (created.status() == 201) {
        JsonNode p = created.json().path("data");
        long brandNow =
            s.get(P + "/" + p.path("id").asLong()).json().path("data").path("brand_id").asLong();
        // Linked: the category still exists (its delete was refused), the brand exists or the
        // product was detached from it.
        assertThat(s.get("v3/catalog/categories/" + cat).status()).isEqualTo(200);
        assertThat(answers.get(1).status()).isEqualTo(409);
        if (brandNow != 0) {
          assertThat(s.get("v3/catalog/brands/" + brandNow).status()).isEqualTo(200);
        }
      }
    }
  }

  @Test
  void oneCombinationBecomesOneVariantUnderConcurrentPosts() throws Exception {
    TestStore s = sr.newStore();
    long id = s.product("Raced", 5);
    JsonNode option =
        s.post(
                P + "/" + id + "/options",
                "{\"display_name\":\"Size\",\"type\":\"dropdown\",\"option_values\":[{\"label\":\"S\",\"sort_order\":0}]}")
            .json()
            .path("data");
    String values =
        "[{\"id\":"
            + option.path("option_values").get(0).path("id").asLong()
            + ",\"option_id\":"
            + option.path("id").asLong()
            + "}]";
    List<Callable<Response>> calls = new ArrayList<>();
    for (int i = 0; i < 8; i++) {
      String body = "{\"sku\":\"R-" + i + "\",\"option_values\":" + values + "}";
      calls.add(() -> s.post(P + "/" + id + "/variants", body));
    }
    List<Integer> statuses = new ArrayList<>();
    race(calls).forEach(r -> statuses.add(r.status()));
    assertThat(statuses).containsOnly(201, 409);
    assertThat(statuses.stream().filter(x -> x == 201).count()).isEqualTo(1);
    assertThat(s.get(P + "/" + id + "/variants").json().path("data")).hasSize(1);
  }
}
