package dev.stockroom.catalog.children;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.stockroom.catalog.metafields.MetafieldStore;
import dev.stockroom.catalog.products.bulkpricing.BulkPricingRuleStore;
import dev.stockroom.catalog.products.customfields.CustomFieldStore;
import dev.stockroom.catalog.products.reviews.ReviewStore;
import dev.stockroom.catalog.products.videos.VideoStore;
import dev.stockroom.testing.ApiClient.Response;
import dev.stockroom.testing.Sql;
import dev.stockroom.testing.Stockroom;
import dev.stockroom.testing.StockroomTest;
import dev.stockroom.testing.TestStore;
import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.function.Function;
import java.util.function.IntFunction;
import org.jdbi.v3.core.Handle;
import org.jdbi.v3.core.Jdbi;
import org.jspecify.annotations.Nullable;
import org.junit.jupiter.api.Test;

/**
 * The contract every kind of sub-resource shares, run over each kind: the five endpoints and their
 * envelopes, paging and fields, 404 for a missing owner or child, 403 for limits and read-only
 * scopes, deletion with the product; then the reads other features call ({@code forProducts}, for
 * {@code include=}), and limits, overlaps and duplicates under concurrent writes.
 */
@StockroomTest
class ChildrenApiTest {
  final Stockroom sr;

  ChildrenApiTest(Stockroom sr) {
    this.sr = sr;
  }

  /**
   * A kind as a client sees it: its owner collection, path segment, the i-th of a series of valid
   * bodies, a partial update, a field to narrow lists by, the label of its 404s and its limit.
   */
  record Kind(
      String owners,
      String segment,
      IntFunction<String> body,
      String update,
      String field,
      String label,
      @Nullable String limit) {
    long owner(TestStore s, String name) {
      return switch (owners) {
        case "products" -> s.product(name, 1);
        case "categories" -> s.category(name, 0);
        default -> s.brand(name);
      };
    }

    String path(long owner) {
      return "v3/catalog/" + owners + "/" + owner + "/" + segment;
    }

    /** "product", "category", "brand". */
    String ownerType() {
      return owners.equals("categories") ? "category" : owners.substring(0, owners.length() - 1);
    }
  }

  static final List<Kind> KINDS =
      List.of(
          new Kind(
              "products",
              "custom-fields",
              i -> "{\"name\":\"n" + i + "\",\"value\":\"v\"}",
              "{\"value\":\"changed\"}",
              "name",
              "Custom field",
              "custom_fields_per_product"),
          new Kind(
              "products",
              "bulk-pricing-rules",
              i ->
                  "{\"quantity_min\":"
                      + (10 * i + 1)
                      + ",\"quantity_max\":"
                      + (10 * i + 5)
                      + ",\"type\":\"price\",\"amount\":1}",
              "{\"amount\":2}",
              "type",
              "Bulk pricing rule",
              "bulk_pricing_rules_per_product"),
          new Kind(
              "products",
              "videos",
              i -> "{\"video_id\":\"" + String.format(Locale.ROOT, "video%06d", i) + "\"}",
              "{\"title\":\"changed\"}",
              "video_id",
              "Video",
              "videos_per_product"),
          new Kind(
              "products",
              "reviews",
              i -> "{\"title\":\"t" + i + "\",\"date_reviewed\":\"2020-01-01\"}",
              "{\"text\":\"changed\"}",
              "title",
              "Review",
              null),
          metafields("products"),
          metafields("categories"),
          metafields("brands"));

  static Kind metafields(String owners) {
    return new Kind(
        owners,
        "metafields",
        i ->
            "{\"permission_set\":\"read\",\"namespace\":\"ns\",\"key\":\"k"
                + i
                + "\",\"value\":\"v\"}",
        "{\"value\":\"changed\"}",
        "key",
        "Metafield",
        "metafields_per_resource");
  }

  static long id(Response r) {
    return r.json().path("data").path("id").asLong();
  }

  @Test
  void everyKindServesItsFiveEndpointsWithTheV3Envelopes() {
    TestStore s = sr.newStore();
    for (Kind k : KINDS) {
      long owner = k.owner(s, "Owner of " + k.segment);
      String path = k.path(owner);
      Response created = s.post(path, k.body().apply(1));
      assertThat(created.status()).as(path + " " + created).isEqualTo(201);
      long id = id(created);
      assertThat(created.header("Location")).as(path).contains(s.path(path + "/" + id));
      assertThat(created.header("Content-Type").orElse("")).startsWith("application/json");
      assertThat(created.body()).as(path).startsWith("{\"data\":{").endsWith(",\"meta\":{}}");
      assertThat(s.get(path + "/" + id).body()).as(path).isEqualTo(created.body());

      Response list = s.get(path);
      assertThat(list.status()).isEqualTo(200);
      assertThat(list.ids()).as(path).containsExactly(id);
      assertThat(list.json().path("meta").toString())
          .isEqualTo(
              "{\"pagination\":{\"total\":1,\"count\":1,\"per_page\":50,\"current_page\":1,"
                  + "\"total_pages\":1,\"links\":{\"current\":\"?page=1&limit=50\"}}}");

      Response put = s.put(path + "/" + id, k.update());
      assertThat(put.status()).as(path + " " + put).isEqualTo(200);
      assertThat(put.body()).isEqualTo(s.get(path + "/" + id).body());
      assertThat(put.body()).as(path).isNotEqualTo(created.body());

      Response deleted = s.delete(path + "/" + id);
      assertThat(deleted.status()).isEqualTo(204);
      assertThat(deleted.body()).isEmpty();
      for (Response gone :
          List.of(
              s.get(path + "/" + id),
              s.put(path + "/" + id, k.update()),
              s.delete(path + "/" + id))) {
        assertThat(gone.status()).as(path).isEqualTo(404);
        assertThat(gone.json().path("title").asText())
            .isEqualTo(k.label() + " " + id + " not found on " + k.ownerType() + " " + owner + ".");
      }
      assertThat(s.get(path).ids()).isEmpty();
    }
  }

  @Test
  void listsPageAndNarrowFields() {
    TestStore s = sr.newStore();
    for (Kind k : KINDS) {
      String path = k.path(k.owner(s, "Listed " + k.segment));
      List<Long> ids = new ArrayList<>();
      for (int i = 1; i <= 3; i++) {
        ids.add(id(s.post(path, k.body().apply(i))));
      }
      assertThat(s.get(path).ids()).as(path).isEqualTo(ids);
      Response page2 = s.get(path + "?limit=2&page=2");
      assertThat(page2.ids()).as(path).containsExactly(ids.get(2));
      var pagination = page2.json().path("meta").path("pagination");
      assertThat(pagination.path("total").asInt()).isEqualTo(3);
      assertThat(pagination.path("total_pages").asInt()).isEqualTo(2);
      assertThat(pagination.path("links").path("previous").asText()).isEqualTo("?page=1&limit=2");
      assertThat(s.get(path + "?page=9").ids()).isEmpty();

      var narrow = s.get(path + "?include_fields=" + k.field()).json().path("data").get(0);
      assertThat(names(narrow)).as(path).containsExactly("id", k.field());
      var without =
          s.get(path + "/" + ids.get(0) + "?exclude_fields=id," + k.field()).json().path("data");
      assertThat(names(without)).as(path).contains("id").doesNotContain(k.field());
      assertThat(s.get(path + "?limit=251").status()).isEqualTo(413);
      assertThat(s.get(path + "?page=0").status()).isEqualTo(422);
    }
  }

  static List<String> names(JsonNode node) {
    List<String> out = new ArrayList<>();
    node.fieldNames().forEachRemaining(out::add);
    return out;
  }

  @Test
  void aMissingOwnerIs404NamingItAndAnotherOwnersChildIs404() {
    TestStore s = sr.newStore();
    for (Kind k : KINDS) {
      String missing = k.path(999);
      for (Response r :
          List.of(
              s.get(missing),
              s.post(missing, k.body().apply(1)),
              s.get(missing + "/1"),
              s.put(missing + "/1", k.update()),
              s.delete(missing + "/1"))) {
        assertThat(r.status()).as(missing + " " + r).isEqualTo(404);
        assertThat(r.json().path("title").asText().toLowerCase(Locale.ROOT))
            .startsWith(k.ownerType() + " 999 not found");
      }
      String mine = k.path(k.owner(s, "Mine " + k.segment));
      String theirs = k.path(k.owner(s, "Theirs " + k.segment));
      long id = id(s.post(theirs, k.body().apply(1)));
      for (Response r :
          List.of(
              s.get(mine + "/" + id),
              s.put(mine + "/" + id, k.update()),
              s.delete(mine + "/" + id))) {
        assertThat(r.status()).as(mine + "/" + id).isEqualTo(404);
      }
      assertThat(s.get(theirs + "/" + id).status()).isEqualTo(200);
    }
  }

  @Test
  void everyLimitIsA403NamingIt() {
    TestStore s =
        sr.newStore(
            "{\"name\":\"limited\",\"platform_limits\":{\"custom_fields_per_product\":1,"
                + "\"bulk_pricing_rules_per_product\":1,\"videos_per_product\":1,"
                + "\"metafields_per_resource\":1}}",
            List.of("store_v2_products"));
    for (Kind k : KINDS) {
      String limit = k.limit();
      if (limit == null) {
        continue;
      }
      long owner = k.owner(s, "Full " + k.segment);
      String path = k.path(owner);
      long first = id(s.post(path, k.body().apply(1)));
      Response second = s.post(path, k.body().apply(2));
      assertThat(second.status()).as(path).isEqualTo(403);
      assertThat(second.json().path("errors").path("limit").asText()).isEqualTo(limit);
      assertThat(second.json().path("errors").path("max").asText()).isEqualTo("1");
      assertThat(second.json().path("title").asText())
          .contains(limit)
          .contains("on " + k.ownerType() + " " + owner);
      assertThat(s.get(path).ids()).containsExactly(first);
      // The limit is per owner, and a delete makes room again.
      assertThat(s.post(k.path(k.owner(s, "Empty " + k.segment)), k.body().apply(2)).status())
          .isEqualTo(201);
      assertThat(s.delete(path + "/" + first).status()).isEqualTo(204);
      assertThat(s.post(path, k.body().apply(2)).status()).isEqualTo(201);
    }
  }

  @Test
  void aReadOnlyScopeReadsButNeverWrites() {
    TestStore s = sr.newStore();
    String reader = sr.newToken(s.hash(), List.of("store_v2_products_read_only"));
    for (Kind k : KINDS) {
      String path = s.path(k.path(k.owner(s, "Guarded " + k.segment)));
      long id = id(sr.http().send("POST", path, k.body().apply(1), "X-Auth-Token", s.token()));
      String before = sr.http().send("GET", path, null, "X-Auth-Token", reader).body();
      assertThat(before).contains("\"id\":" + id);
      for (String[] write :
          new String[][] {
            {"POST", path, k.body().apply(2)},
            {"PUT", path + "/" + id, k.update()},
            {"DELETE", path + "/" + id, null}
          }) {
        Response r = sr.http().send(write[0], write[1], write[2], "X-Auth-Token", reader);
        assertThat(r.status()).as(write[0] + " " + path).isEqualTo(403);
      }
      assertThat(sr.http().send("GET", path, null, "X-Auth-Token", reader).body())
          .isEqualTo(before);
    }
  }

  @Test
  void deletingProductsDeletesEveryChildOfThem() throws SQLException {
    TestStore s = sr.newStore();
    long one = s.product("One", 1);
    long two = s.product("Two", 1);
    for (Kind k : KINDS) {
      if (k.owners().equals("products")) {
        s.post(k.path(one), k.body().apply(1));
        s.post(k.path(two), k.body().apply(1));
      } else {
        s.post(k.path(k.owner(s, "Kept " + k.segment)), k.body().apply(1));
      }
    }
    assertThat(Sql.countInStore(sr, "catalog_children", s.hash())).isEqualTo(12);
    assertThat(s.delete("v3/catalog/products/" + one).status()).isEqualTo(204);
    assertThat(Sql.countInStore(sr, "catalog_children", s.hash())).isEqualTo(7);
    assertThat(s.delete("v3/catalog/products?id:in=" + two).status()).isEqualTo(204);
    assertThat(Sql.countInStore(sr, "catalog_children", s.hash()))
        .as("category and brand metafields stay")
        .isEqualTo(2);
    long again = s.product("One", 1);
    for (Kind k : KINDS) {
      if (k.owners().equals("products")) {
        assertThat(s.get(k.path(again)).ids()).as(k.segment()).isEmpty();
        assertThat(s.get(k.path(one)).status()).isEqualTo(404);
      }
    }
  }

  interface ForProducts {
    Map<Long, List<byte[]>> read(Handle h, long storeId, List<Long> productIds);
  }

  @Test
  void forProductsGivesEachProductsChildrenInListOrder() throws SQLException {
    TestStore s = sr.newStore();
    long p1 = s.product("One", 1);
    long p2 = s.product("Two", 1);
    long bare = s.product("Bare", 1);
    String base = "v3/catalog/products/";
    for (long p : List.of(p2, p1)) {
      s.post(base + p + "/custom-fields", "{\"name\":\"a\",\"value\":\"1\"}");
      s.post(base + p + "/custom-fields", "{\"name\":\"b\",\"value\":\"2\"}");
      s.post(
          base + p + "/bulk-pricing-rules",
          "{\"quantity_min\":1,\"quantity_max\":0,\"type\":\"price\",\"amount\":1}");
      s.post(base + p + "/videos", "{\"video_id\":\"aaaaaaaaaaa\",\"sort_order\":5}");
      s.post(base + p + "/videos", "{\"video_id\":\"bbbbbbbbbbb\",\"sort_order\":1}");
      s.post(base + p + "/reviews", "{\"title\":\"t\",\"date_reviewed\":\"2020-01-01\"}");
      s.post(
          base + p + "/metafields",
          "{\"permission_set\":\"read\",\"namespace\":\"n\",\"key\":\"k\",\"value\":\"v\"}");
    }
    long storeId = Sql.count(sr, "SELECT id FROM stores WHERE store_hash = '" + s.hash() + "'");
    // More than one chunk of ids, with unknown ones; p1 comes last.
    List<Long> ids = new ArrayList<>();
    ids.add(bare);
    ids.add(p2);
    for (long i = 1000; i < 1600; i++) {
      ids.add(i);
    }
    ids.add(p1);
    Map<String, ForProducts> kinds =
        Map.of(
            "custom-fields", CustomFieldStore::forProducts,
            "bulk-pricing-rules", BulkPricingRuleStore::forProducts,
            "videos", VideoStore::forProducts,
            "reviews", ReviewStore::forProducts,
            "metafields", MetafieldStore::forProducts);
    try (Connection c = Sql.connect(sr);
        Handle h = Jdbi.open(c)) {
      for (var kind : kinds.entrySet()) {
        Map<Long, List<byte[]>> found = kind.getValue().read(h, storeId, ids);
        assertThat(found.keySet()).as(kind.getKey()).containsExactlyElementsOf(ids);
        assertThat(found.get(bare)).as(kind.getKey()).isEmpty();
        assertThat(found.get(1000L)).isEmpty();
        for (long p : List.of(p1, p2)) {
          Response list = s.get(base + p + "/" + kind.getKey());
          List<String> expected = new ArrayList<>();
          list.json().path("data").forEach(d -> expected.add(d.toString()));
          assertThat(expected).isNotEmpty();
          assertThat(found.get(p).stream().map(text()).toList())
              .as(kind.getKey() + " of product " + p)
              .isEqualTo(expected);
        }
      }
    }
  }

  /** A stored document re-serialised the way the test client reads bodies. */
  static Function<byte[], String> text() {
    return b -> {
      try {
        return new ObjectMapper().readTree(new String(b, StandardCharsets.UTF_8)).toString();
      } catch (JsonProcessingException e) {
        throw new AssertionError(e);
      }
    };
  }

  @Test
  void concurrentWritesNeverPassALimitOverlapOrDuplicate() throws InterruptedException {
    TestStore s =
        sr.newStore(
            "{\"name\":\"race\",\"platform_limits\":{\"custom_fields_per_product\":5},"
                + "\"plan\":\"enterprise\"}",
            List.of("store_v2_products"));
    long p = s.product("Raced", 1);
    String base = "v3/catalog/products/" + p;
    List<Integer> fields =
        race(20, i -> s.post(base + "/custom-fields", "{\"name\":\"n" + i + "\",\"value\":\"v\"}"));
    assertThat(fields).filteredOn(st -> st == 201).hasSize(5);
    assertThat(fields).filteredOn(st -> st == 403).hasSize(15);
    List<Integer> rules =
        race(
            10,
            i ->
                s.post(
                    base + "/bulk-pricing-rules",
                    "{\"quantity_min\":"
                        + (i + 1)
                        + ",\"quantity_max\":0,\"type\":\"price\",\"amount\":1}"));
    assertThat(rules).filteredOn(st -> st == 201).hasSize(1);
    assertThat(rules).filteredOn(st -> st == 409).hasSize(9);
    List<Integer> metafields =
        race(
            10,
            i ->
                s.post(
                    base + "/metafields",
                    "{\"permission_set\":\"read\",\"namespace\":\"n\",\"key\":\"k\",\"value\":\"v\"}"));
    assertThat(metafields).filteredOn(st -> st == 201).hasSize(1);
    assertThat(metafields).filteredOn(st -> st == 409).hasSize(9);
  }

  static List<Integer> race(int n, Function<Integer, Response> call) throws InterruptedException {
    ConcurrentLinkedQueue<Integer> statuses = new ConcurrentLinkedQueue<>();
    ExecutorService pool = Executors.newFixedThreadPool(n);
    for (int i = 0; i < n; i++) {
      int at = i;
      pool.execute(() -> statuses.add(call.apply(at).status()));
    }
    pool.shutdown();
    assertThat(pool.awaitTermination(60, TimeUnit.SECONDS)).isTrue();
    return List.copyOf(statuses);
  }
}
