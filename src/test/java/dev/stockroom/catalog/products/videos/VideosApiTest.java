package dev.stockroom.catalog.products.videos;

import static org.assertj.core.api.Assertions.assertThat;

import dev.stockroom.testing.ApiClient.Response;
import dev.stockroom.testing.Stockroom;
import dev.stockroom.testing.StockroomTest;
import dev.stockroom.testing.TestStore;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

@StockroomTest
class VideosApiTest {
  final Stockroom sr;

  VideosApiTest(Stockroom sr) {
    this.sr = sr;
  }

  static String videos(long product) {
    return "v3/catalog/products/" + product + "/videos";
  }

  @Test
  void createAndUpdateAnswerTheSpecsShape() {
    TestStore s = sr.newStore();
    long p = s.product("Filmed", 1);
    Response created = s.post(videos(p), "{\"video_id\":\"PqBTp23RLhI\"}");
    assertThat(created.status()).isEqualTo(201);
    assertThat(created.body())
        .isEqualTo(
            "{\"data\":{\"id\":1,\"type\":\"youtube\",\"video_id\":\"PqBTp23RLhI\",\"product_id\":"
                + p
                + ",\"sort_order\":0,\"title\":\"\",\"description\":\"\",\"length\":\"00:00\"},"
                + "\"meta\":{}}");

    Response put =
        s.put(
            videos(p) + "/1",
            "{\"title\":\"Banners\",\"description\":\"How to\",\"sort_order\":3,\"id\":1,"
                + "\"length\":\"01:54\",\"product_id\":"
                + p
                + "}");
    assertThat(put.status()).isEqualTo(200);
    assertThat(put.json().path("data").path("title").asText()).isEqualTo("Banners");
    assertThat(put.json().path("data").path("sort_order").asInt()).isEqualTo(3);
    assertThat(put.json().path("data").path("length").asText()).isEqualTo("00:00");
    assertThat(put.json().path("data").path("video_id").asText()).isEqualTo("PqBTp23RLhI");
  }

  @Test
  void videoIdsAreYouTubeIdsOrUrlsHoldingOne() {
    TestStore s = sr.newStore();
    long p = s.product("Links", 1);
    for (String url :
        List.of(
            "https://www.youtube.com/watch?v=EhYBjzqd-nI",
            "https://youtube.com/watch?feature=share&v=EhYBjzqd-nI",
            "https://youtu.be/EhYBjzqd-nI?t=3",
            "https://www.youtube.com/embed/EhYBjzqd-nI")) {
      Response r = s.post(videos(p), "{\"video_id\":\"" + url + "\"}");
      assertThat(r.status()).as(url).isEqualTo(201);
      assertThat(r.json().path("data").path("video_id").asText()).isEqualTo("EhYBjzqd-nI");
    }
    for (String bad :
        List.of(
            "\"short\"",
            "\"EhYBjzqd-nI!\"",
            "\"https://vimeo.com/12345678901\"",
            "\"\"",
            "12345678901",
            "null")) {
      Response r = s.post(videos(p), "{\"video_id\":" + bad + "}");
      assertThat(r.status()).as(bad).isEqualTo(422);
      assertThat(r.json().path("errors").has("video_id")).as(bad).isTrue();
    }
    Response missing = s.post(videos(p), "{\"title\":\"No id\"}");
    assertThat(missing.json().path("errors").path("video_id").asText()).isEqualTo("is required");
    Response vimeo = s.post(videos(p), "{\"video_id\":\"EhYBjzqd-nI\",\"type\":\"vimeo\"}");
    assertThat(vimeo.status()).isEqualTo(422);
    assertThat(vimeo.json().path("errors").path("type").asText()).contains("youtube");
    assertThat(s.put(videos(p) + "/1", "{\"video_id\":\"nope\"}").status()).isEqualTo(422);
    assertThat(s.get(videos(p)).ids()).hasSize(4);
  }

  @Test
  void listsComeInSortOrderThenId() {
    TestStore s = sr.newStore();
    long p = s.product("Ordered", 1);
    s.post(videos(p), "{\"video_id\":\"aaaaaaaaaaa\",\"sort_order\":2}");
    s.post(videos(p), "{\"video_id\":\"bbbbbbbbbbb\",\"sort_order\":1}");
    s.post(videos(p), "{\"video_id\":\"ccccccccccc\",\"sort_order\":2}");
    s.post(videos(p), "{\"video_id\":\"ddddddddddd\",\"sort_order\":-5}");
    assertThat(s.get(videos(p)).ids()).containsExactly(4L, 2L, 1L, 3L);
    s.put(videos(p) + "/4", "{\"sort_order\":9}");
    assertThat(s.get(videos(p)).ids()).containsExactly(2L, 1L, 3L, 4L);
    assertThat(s.get(videos(p) + "?limit=1&page=4").ids()).containsExactly(4L);
  }

  @Test
  void aPutToATakenSortOrderMovesTheVideosAtOrAfterItUp() {
    TestStore s = sr.newStore();
    long p = s.product("Filmed", 1);
    long a = id(s.post(videos(p), "{\"video_id\":\"aaaaaaaaaaa\",\"sort_order\":0}"));
    long b = id(s.post(videos(p), "{\"video_id\":\"bbbbbbbbbbb\",\"sort_order\":1}"));
    long c = id(s.post(videos(p), "{\"video_id\":\"ccccccccccc\",\"sort_order\":2}"));

    Response up = s.put(videos(p) + "/" + c, "{\"sort_order\":0}");
    assertThat(up.status()).as(up.toString()).isEqualTo(200);
    assertThat(up.json().path("data").path("sort_order").asInt()).isZero();
    assertThat(sortOrders(s, p)).containsExactly(Map.entry(c, 0), Map.entry(a, 1), Map.entry(b, 2));
    assertThat(s.get(videos(p) + "/" + a).json().path("data").path("sort_order").asInt())
        .isEqualTo(1);

    assertThat(s.put(videos(p) + "/" + c, "{\"sort_order\":2}").status()).isEqualTo(200);
    assertThat(sortOrders(s, p)).containsExactly(Map.entry(a, 1), Map.entry(c, 2), Map.entry(b, 3));
    assertThat(s.put(videos(p) + "/" + a, "{\"sort_order\":7}").status()).isEqualTo(200);
    assertThat(sortOrders(s, p)).containsExactly(Map.entry(c, 2), Map.entry(b, 3), Map.entry(a, 7));

    // A POST keeps its value as given (the default is 0): nothing moves, ties go by id.
    long d = id(s.post(videos(p), "{\"video_id\":\"ddddddddddd\",\"sort_order\":3}"));
    assertThat(sortOrders(s, p))
        .containsExactly(Map.entry(c, 2), Map.entry(b, 3), Map.entry(d, 3), Map.entry(a, 7));
    long e = id(s.post(videos(p), "{\"video_id\":\"eeeeeeeeeee\"}"));
    assertThat(sortOrders(s, p).get(0)).isEqualTo(Map.entry(e, 0));

    long other = s.product("Other", 1);
    long o = id(s.post(videos(other), "{\"video_id\":\"ooooooooooo\",\"sort_order\":3}"));
    assertThat(s.put(videos(p) + "/" + a, "{\"sort_order\":3}").status()).isEqualTo(200);
    assertThat(sortOrders(s, p))
        .containsExactly(
            Map.entry(e, 0), Map.entry(c, 2), Map.entry(a, 3), Map.entry(b, 4), Map.entry(d, 4));
    assertThat(sortOrders(s, other)).containsExactly(Map.entry(o, 3));

    Response top = s.put(videos(p) + "/" + e, "{\"sort_order\":2147483647}");
    assertThat(top.status()).isEqualTo(200);
    Response full = s.put(videos(p) + "/" + c, "{\"sort_order\":3}");
    assertThat(full.status()).as(full.toString()).isEqualTo(422);
    assertThat(full.json().path("errors").path("sort_order").asText()).contains("2147483647");
    assertThat(sortOrders(s, p).get(0)).as("nothing moved").isEqualTo(Map.entry(c, 2));
  }

  private static long id(Response r) {
    assertThat(r.status()).as(r.toString()).isEqualTo(201);
    return r.json().path("data").path("id").asLong();
  }

  /** The product's videos in list order, as id → sort_order. */
  private static List<Map.Entry<Long, Integer>> sortOrders(TestStore s, long product) {
    List<Map.Entry<Long, Integer>> out = new java.util.ArrayList<>();
    s.get(videos(product))
        .json()
        .path("data")
        .forEach(n -> out.add(Map.entry(n.path("id").asLong(), n.path("sort_order").asInt())));
    return out;
  }
}
