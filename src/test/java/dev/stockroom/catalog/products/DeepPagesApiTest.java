package dev.stockroom.catalog.products;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.stockroom.testing.ApiClient.Response;
import dev.stockroom.testing.Stockroom;
import dev.stockroom.testing.StockroomTest;
import dev.stockroom.testing.TestStore;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.Test;

/**
 * Deep pages of unfiltered lists in id order start from a rung of the store's id ladder (every
 * 512th id) instead of walking the index from its first entry. What a client sees must not change:
 * the same rows as OFFSET paging, in both directions, across rung boundaries, with gaps left by
 * deletes, and right after writes that change the set (when the ladder is stale and, within a
 * second of the last rebuild, not rebuilt).
 */
@StockroomTest
class DeepPagesApiTest {
  static final String P = "v3/catalog/products";
  final Stockroom sr;
  TestStore s;

  /** The store's product ids, ascending, as the tests expect them. */
  final List<Long> ids = new ArrayList<>();

  DeepPagesApiTest(Stockroom sr) {
    this.sr = sr;
  }

  private void aStoreOfMoreThanTwoRungs() throws Exception {
    s = sr.newStore();
    ExecutorService pool = Executors.newFixedThreadPool(8);
    try {
      List<Future<Long>> made = new ArrayList<>();
      for (int i = 0; i < 1_200; i++) {
        String name = "Deep " + i;
        made.add(pool.submit(() -> s.product(name, 1)));
      }
      for (Future<Long> f : made) {
        ids.add(f.get());
      }
    } finally {
      pool.shutdown();
    }
    Collections.sort(ids);
    // Gaps: the first id, one on each side of the second rung, and one near the end.
    for (long gone : List.of(ids.get(0), ids.get(511), ids.get(513), ids.get(1_100))) {
      assertThat(s.delete(P + "/" + gone).status()).isEqualTo(204);
      ids.remove(gone);
    }
  }

  private List<Long> page(String query) {
    Response r = s.get(P + "?" + query);
    assertThat(r.status()).as(r.body()).isEqualTo(200);
    assertThat(r.json().path("meta").path("pagination").path("total").asLong())
        .isEqualTo(ids.size());
    return r.ids();
  }

  private List<Long> slice(int from, int limit) {
    return ids.subList(Math.min(from, ids.size()), Math.min(from + limit, ids.size()));
  }

  private List<Long> descending() {
    List<Long> d = new ArrayList<>(ids);
    Collections.reverse(d);
    return d;
  }

  private void everyPageMatches() {
    for (int page = 1; page <= 6; page++) {
      assertThat(page("limit=250&page=" + page))
          .as("page %d of 250", page)
          .isEqualTo(slice((page - 1) * 250, 250));
      List<Long> desc = descending();
      assertThat(page("limit=250&page=" + page + "&direction=desc"))
          .as("page %d of 250, descending", page)
          .isEqualTo(
              desc.subList(
                  Math.min((page - 1) * 250, desc.size()), Math.min(page * 250, desc.size())));
    }
    // Pages of 7 around each rung (positions 511, 512, 1023, 1024) and the last page.
    for (int page : List.of(73, 74, 146, 147, 170, 171, 172)) {
      assertThat(page("limit=7&page=" + page))
          .as("page %d of 7", page)
          .isEqualTo(slice((page - 1) * 7, 7));
      List<Long> desc = descending();
      int from = Math.min((page - 1) * 7, desc.size());
      assertThat(page("limit=7&page=" + page + "&sort=id&direction=desc"))
          .as("page %d of 7, descending", page)
          .isEqualTo(desc.subList(from, Math.min(from + 7, desc.size())));
    }
  }

  @Test
  void deepPagesAreTheRowsOffsetPagingGives() throws Exception {
    // One store for every check: 1,200 products take a while to create.
    aStoreOfMoreThanTwoRungs();
    everyPageMatches();
    variantPagesFollowTheirOwnLadder();

    // A write changes the set: the ladder is stale. Right after it (within a second of the last
    // rebuild) pages come from OFFSET; a second later the ladder is rebuilt. Both must be right.
    long added = s.product("Deep added", 1);
    ids.add(added);
    long middle = ids.get(700);
    assertThat(s.delete(P + "/" + middle).status()).isEqualTo(204);
    ids.remove(middle);
    everyPageMatches();
    Thread.sleep(1_100);
    everyPageMatches();
    variantPagesFollowTheirOwnLadder();
  }

  private void variantPagesFollowTheirOwnLadder() {
    // Every product has its base variant; the variant list pages the variants table by id.
    List<Long> variants = new ArrayList<>();
    for (int page = 1; ; page++) {
      Response r = s.get("v3/catalog/variants?limit=250&page=" + page);
      assertThat(r.status()).as(r.body()).isEqualTo(200);
      List<Long> got = r.ids();
      if (got.isEmpty()) {
        break;
      }
      variants.addAll(got);
    }
    JsonNode meta = s.get("v3/catalog/variants?limit=1").json().path("meta").path("pagination");
    assertThat(variants).hasSize(meta.path("total").asInt()).doesNotHaveDuplicates().isSorted();
    List<Long> expected = new ArrayList<>();
    for (int page = 1; ; page++) {
      Response r = s.get(P + "?limit=250&include_fields=base_variant_id&page=" + page);
      JsonNode data = r.json().path("data");
      if (data.isEmpty()) {
        break;
      }
      data.forEach(p -> expected.add(p.path("base_variant_id").asLong()));
    }
    Collections.sort(expected);
    assertThat(variants).isEqualTo(expected);
  }
}
