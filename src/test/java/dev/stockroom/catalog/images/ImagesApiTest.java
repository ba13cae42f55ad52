package dev.stockroom.catalog.images;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.stockroom.testing.ApiClient.Response;
import dev.stockroom.testing.Stockroom;
import dev.stockroom.testing.StockroomTest;
import dev.stockroom.testing.TestStore;
import dev.stockroom.testing.Uploads;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** Product images over real HTTP: uploads, image_url, the served files, thumbnails, limits. */
@StockroomTest
class ImagesApiTest {
  final Stockroom sr;

  ImagesApiTest(Stockroom sr) {
    this.sr = sr;
  }

  static String images(long product) {
    return "v3/catalog/products/" + product + "/images";
  }

  @Test
  void uploadsOfEveryTypeAreServedBackByteIdenticalWithTheirType() {
    TestStore s = sr.newStore();
    long p = s.product("Jar", 7.95);
    Map<String, byte[]> files =
        Map.of(
            "image/png", Uploads.image("png", 40, 30),
            "image/jpeg", Uploads.image("jpg", 40, 30),
            "image/gif", Uploads.image("gif", 40, 30),
            "image/bmp", Uploads.image("bmp", 9, 5),
            "image/vnd.wap.wbmp", Uploads.image("wbmp", 9, 5),
            "image/x-xbitmap", Uploads.XBM,
            "image/webp", Uploads.WEBP);
    for (var e : files.entrySet()) {
      // The client's file name and declared type are ignored: the bytes decide.
      Response r = s.upload(images(p), Uploads.file("picture.dat", e.getValue()));
      assertThat(r.status()).as(e.getKey() + " " + r).isEqualTo(201);
      JsonNode d = r.json().path("data");
      long id = d.path("id").asLong();
      assertThat(r.header("Location")).contains(s.path(images(p) + "/" + id));
      assertThat(d.path("product_id").asLong()).isEqualTo(p);
      String url = d.path("url_standard").asText();
      assertThat(url).startsWith(sr.http().base() + "/images/" + s.hash() + "/p" + p + "-");
      assertThat(url).endsWith("/" + d.path("image_file").asText());
      for (String f : List.of("url_zoom", "url_thumbnail", "url_tiny", "image_url")) {
        assertThat(d.path(f).asText()).as(f).isEqualTo(url);
      }
      assertThat(d.path("date_modified").asText())
          .matches("\\d{4}-\\d\\d-\\d\\dT[0-9:]{8}\\+00:00");
      Uploads.Fetched served = Uploads.fetch(url);
      assertThat(served.status()).isEqualTo(200);
      assertThat(served.header("Content-Type")).contains(e.getKey());
      assertThat(served.header("X-Content-Type-Options")).contains("nosniff");
      assertThat(served.body()).isEqualTo(e.getValue());
      assertThat(s.get(images(p) + "/" + id).json().path("data")).isEqualTo(d);
    }
  }

  @Test
  void anImageUrlIsStoredAsGivenAndNeverFetched() {
    TestStore s = sr.newStore();
    long p = s.product("Jar", 1);
    // Nothing listens on this address: a fetch would fail or hang.
    String url = "http://192.0.2.1:9/pictures/jar%20front.jpg?v=2";
    Response r =
        s.post(
            images(p),
            "{\"image_url\":\"" + url + "\",\"description\":\"Front\",\"sort_order\":4}");
    assertThat(r.status()).as(r.toString()).isEqualTo(201);
    JsonNode d = r.json().path("data");
    for (String f : List.of("url_zoom", "url_standard", "url_thumbnail", "url_tiny", "image_url")) {
      assertThat(d.path(f).asText()).as(f).isEqualTo(url);
    }
    assertThat(d.path("image_file").asText()).isEmpty();
    assertThat(d.path("description").asText()).isEqualTo("Front");
    assertThat(d.path("sort_order").asInt()).isEqualTo(4);
    assertThat(d.path("is_thumbnail").asBoolean()).as("the first image is the thumbnail").isTrue();
  }

  @Test
  void badImageUrlsAre422AndWriteNothing() {
    TestStore s = sr.newStore();
    long p = s.product("Jar", 1);
    String longUrl = "https://example.com/" + "a".repeat(236); // 256 characters
    for (String body :
        List.of(
            "{\"image_url\":\"" + longUrl + "\"}",
            "{\"image_url\":\"ftp://example.com/a.png\"}",
            "{\"image_url\":\"/relative/a.png\"}",
            "{\"image_url\":\"https://\"}",
            "{\"image_url\":\"\"}",
            "{\"image_url\":42}",
            "{\"description\":\"no url\"}",
            "{\"image_file\":\"a.png\"}",
            "{\"image_url\":\"https://example.com/a.png\",\"colour\":\"red\"}")) {
      Response r = s.post(images(p), body);
      assertThat(r.status()).as(body + " → " + r).isEqualTo(422);
      assertThat(r.json().path("errors").size()).as(body).isPositive();
    }
    String longest = "https://example.com/" + "a".repeat(235);
    assertThat(s.post(images(p), "{\"image_url\":\"" + longest + "\"}").status())
        .as("255 characters are fine")
        .isEqualTo(201);
    assertThat(s.get(images(p)).ids()).hasSize(1);
  }

  @Test
  void aTextFileNamedPngIs422NamingTheAllowedTypes() {
    TestStore s = sr.newStore();
    long p = s.product("Jar", 1);
    byte[] text =
        "just some text, not a picture\n".getBytes(java.nio.charset.StandardCharsets.UTF_8);
    Response r =
        s.upload(
            images(p), Uploads.form().file("image_file", "photo.png", "image/png", text).build());
    assertThat(r.status()).isEqualTo(422);
    assertThat(r.json().path("errors").path("image_file").asText())
        .contains("BMP, GIF, JPEG, PNG, WBMP, XBM or WEBP");
    // A PNG signature alone is not a PNG, and an SVG is not among the types.
    for (byte[] bad :
        List.of(
            new byte[] {(byte) 0x89, 'P', 'N', 'G', 13, 10, 26, 10},
            "<svg xmlns=\"http://www.w3.org/2000/svg\"/>"
                .getBytes(java.nio.charset.StandardCharsets.UTF_8),
            new byte[] {0, 0, 1, 1, 0, 0})) {
      assertThat(s.upload(images(p), Uploads.file("x.png", bad)).status()).isEqualTo(422);
    }
    assertThat(s.get(images(p)).ids()).isEmpty();
    assertThat(storedFiles(s)).isEmpty();
  }

  @Test
  void aFileOverTheStoresImageBytesIs413AndNothingIsKept() {
    TestStore s = sr.newStoreWithLimits("{\"image_bytes\":2000}");
    long p = s.product("Jar", 1);
    byte[] big = Uploads.noisePng(3000);
    Response r = s.upload(images(p), Uploads.file("big.png", big));
    assertThat(r.status()).as(r.toString()).isEqualTo(413);
    assertThat(r.json().path("status").asInt()).isEqualTo(413);
    assertThat(r.json().path("errors").path("max_bytes").asText()).isEqualTo("2000");
    assertThat(r.json().path("title").asText()).contains("2000 bytes");
    assertThat(s.get(images(p)).ids()).isEmpty();
    assertThat(storedFiles(s)).isEmpty();
    assertThat(s.upload(images(p), Uploads.file("ok.png", Uploads.image("png", 4, 4))).status())
        .isEqualTo(201);
  }

  @Test
  void uploadsMayBeLargerThanTheJsonBodyCap() {
    // The test server caps bodies at 256 KB; uploads get the store's image_bytes (8 MB).
    TestStore s = sr.newStore();
    long p = s.product("Jar", 1);
    byte[] big = Uploads.noisePng(300 * 1024);
    assertThat(big.length).isGreaterThan(256 * 1024);
    Response r = s.upload(images(p), Uploads.file("big.png", big));
    assertThat(r.status()).as(r.toString()).isEqualTo(201);
    assertThat(Uploads.fetch(r.json().path("data").path("url_zoom").asText()).body())
        .isEqualTo(big);
    String json =
        "{\"image_url\":\"https://example.com/a.png\",\"description\":\""
            + "d".repeat(300 * 1024)
            + "\"}";
    assertThat(s.post(images(p), json).status()).as("JSON keeps its cap").isEqualTo(413);
  }

  @Test
  void formFieldsSetTheImagesFields() {
    TestStore s = sr.newStore();
    long p = s.product("Jar", 1);
    s.post(images(p), "{\"image_url\":\"https://example.com/1.png\"}");
    Response r =
        s.upload(
            images(p),
            Uploads.form()
                .field("description", "Top view ✓")
                .field("sort_order", "7")
                .field("is_thumbnail", "true")
                .file("image_file", "top.gif", "image/gif", Uploads.image("gif", 8, 8))
                .build());
    assertThat(r.status()).as(r.toString()).isEqualTo(201);
    JsonNode d = r.json().path("data");
    assertThat(d.path("description").asText()).isEqualTo("Top view ✓");
    assertThat(d.path("sort_order").asInt()).isEqualTo(7);
    assertThat(d.path("is_thumbnail").asBoolean()).isTrue();
    for (var bad :
        List.of(
            Map.entry("sort_order", "seven"),
            Map.entry("is_thumbnail", "yes"),
            Map.entry("colour", "red"),
            Map.entry("image_url", "https://example.com/x.png"))) {
      Response b =
          s.upload(
              images(p),
              Uploads.form()
                  .field(bad.getKey(), bad.getValue())
                  .file("image_file", "a.png", "image/png", Uploads.image("png", 2, 2))
                  .build());
      assertThat(b.status()).as(bad + " → " + b).isEqualTo(422);
      assertThat(b.json().path("errors").has(bad.getKey())).as(bad.toString()).isTrue();
    }
    assertThat(s.get(images(p)).ids()).hasSize(2);
  }

  @Test
  void aProductHasAtMostOneThumbnail() {
    TestStore s = sr.newStore();
    long p = s.product("Jar", 1);
    long first = create(s, p, "{\"image_url\":\"https://example.com/1.png\"}");
    long second = create(s, p, "{\"image_url\":\"https://example.com/2.png\"}");
    assertThat(thumbnails(s, p)).containsExactly(first);
    long third =
        create(s, p, "{\"image_url\":\"https://example.com/3.png\",\"is_thumbnail\":true}");
    assertThat(thumbnails(s, p)).containsExactly(third);
    Response put = s.put(images(p) + "/" + second, "{\"is_thumbnail\":true}");
    assertThat(put.status()).isEqualTo(200);
    assertThat(put.json().path("data").path("is_thumbnail").asBoolean()).isTrue();
    assertThat(thumbnails(s, p)).containsExactly(second);
    assertThat(s.delete(images(p) + "/" + second).status()).isEqualTo(204);
    assertThat(thumbnails(s, p)).as("the first left takes over").containsExactly(first);
    assertThat(s.get(images(p)).ids()).containsExactly(first, third);
  }

  @Test
  void moreImagesThanThePlatformLimitIs403() {
    TestStore s = sr.newStoreWithLimits("{\"images_per_product\":2}");
    long p = s.product("Jar", 1);
    create(s, p, "{\"image_url\":\"https://example.com/1.png\"}");
    s.upload(images(p), Uploads.file("a.png", Uploads.image("png", 3, 3)));
    Response r = s.post(images(p), "{\"image_url\":\"https://example.com/3.png\"}");
    assertThat(r.status()).isEqualTo(403);
    assertThat(r.json().path("title").asText())
        .contains("images_per_product")
        .contains("images on product " + p);
    Response u = s.upload(images(p), Uploads.file("b.png", Uploads.image("png", 3, 3)));
    assertThat(u.status()).isEqualTo(403);
    assertThat(s.get(images(p)).ids()).hasSize(2);
    assertThat(storedFiles(s)).as("the refused upload's file is gone").hasSize(1);
  }

  @Test
  void listsPageSortAndNarrowLikeOtherV3Lists() {
    TestStore s = sr.newStore();
    long p = s.product("Jar", 1);
    long a = create(s, p, "{\"image_url\":\"https://example.com/a.png\",\"sort_order\":5}");
    long b = create(s, p, "{\"image_url\":\"https://example.com/b.png\",\"sort_order\":1}");
    long c = create(s, p, "{\"image_url\":\"https://example.com/c.png\",\"sort_order\":5}");
    assertThat(s.get(images(p)).ids()).containsExactly(b, a, c);
    Response page = s.get(images(p) + "?limit=2&page=2");
    assertThat(page.ids()).containsExactly(c);
    JsonNode pagination = page.json().path("meta").path("pagination");
    assertThat(pagination.path("total").asInt()).isEqualTo(3);
    assertThat(pagination.path("total_pages").asInt()).isEqualTo(2);
    JsonNode narrow = s.get(images(p) + "?include_fields=sort_order").json().path("data").get(0);
    assertThat(narrow.size()).isEqualTo(2);
    assertThat(narrow.path("id").asLong()).isEqualTo(b);
    JsonNode one =
        s.get(images(p) + "/" + a + "?exclude_fields=url_zoom,url_tiny,id").json().path("data");
    assertThat(one.has("url_zoom")).isFalse();
    assertThat(one.path("id").asLong()).isEqualTo(a);
    assertThat(s.get(images(p) + "?limit=251").status()).isEqualTo(413);
    Response empty = s.get(images(s.product("Bare", 1)));
    assertThat(empty.status()).isEqualTo(200);
    assertThat(empty.json().path("data").size()).isZero();
  }

  @Test
  void putChangesTheWritableFieldsOnly() {
    TestStore s = sr.newStore();
    long p = s.product("Jar", 1);
    Response created = s.upload(images(p), Uploads.file("a.png", Uploads.image("png", 3, 3)));
    JsonNode doc = created.json().path("data");
    long id = doc.path("id").asLong();
    sr.clock().advance(180_000);
    Response r = s.put(images(p) + "/" + id, "{\"description\":\"Side\",\"sort_order\":-3}");
    assertThat(r.status()).isEqualTo(200);
    JsonNode d = r.json().path("data");
    assertThat(d.path("description").asText()).isEqualTo("Side");
    assertThat(d.path("sort_order").asInt()).isEqualTo(-3);
    assertThat(d.path("url_standard")).isEqualTo(doc.path("url_standard"));
    assertThat(d.path("date_modified").asText()).isNotEqualTo(doc.path("date_modified").asText());
    // The whole document echoed back is fine; a new image_url is not (productImage_Put).
    ((com.fasterxml.jackson.databind.node.ObjectNode) d).put("description", "Echo");
    assertThat(s.put(images(p) + "/" + id, d.toString()).status()).isEqualTo(200);
    Response moved = s.put(images(p) + "/" + id, "{\"image_url\":\"https://example.com/new.png\"}");
    assertThat(moved.status()).isEqualTo(422);
    assertThat(moved.json().path("errors").has("image_url")).isTrue();
    assertThat(s.put(images(p) + "/" + id, "{\"sort_order\":\"first\"}").status()).isEqualTo(422);
    assertThat(s.put(images(p) + "/" + id, "{\"nope\":1}").status()).isEqualTo(422);
    assertThat(s.get(images(p) + "/" + id).json().path("data").path("description").asText())
        .isEqualTo("Echo");
  }

  @Test
  void aPutToATakenSortOrderMovesTheImagesAtOrAfterItUp() {
    TestStore s = sr.newStore();
    long p = s.product("Jar", 1);
    long a = create(s, p, "{\"image_url\":\"https://example.com/a.png\"}");
    long b = create(s, p, "{\"image_url\":\"https://example.com/b.png\"}");
    long c = create(s, p, "{\"image_url\":\"https://example.com/c.png\"}");
    assertThat(sortOrders(s, p)).containsExactly(Map.entry(a, 0), Map.entry(b, 1), Map.entry(c, 2));
    String before = s.get(images(p) + "/" + a).json().path("data").path("date_modified").asText();
    sr.clock().advance(180_000);

    // Higher priority: c takes 0, and the images at 0 or after move up by one.
    Response up = s.put(images(p) + "/" + c, "{\"sort_order\":0}");
    assertThat(up.status()).as(up.toString()).isEqualTo(200);
    assertThat(up.json().path("data").path("sort_order").asInt()).isZero();
    assertThat(sortOrders(s, p)).containsExactly(Map.entry(c, 0), Map.entry(a, 1), Map.entry(b, 2));
    assertThat(s.get(images(p) + "/" + a).json().path("data").path("date_modified").asText())
        .as("a moved image is modified")
        .isNotEqualTo(before);

    // Lower priority: a takes b's 2; b moves up to 3. A free value moves nobody.
    assertThat(s.put(images(p) + "/" + a, "{\"sort_order\":2}").status()).isEqualTo(200);
    assertThat(sortOrders(s, p)).containsExactly(Map.entry(c, 0), Map.entry(a, 2), Map.entry(b, 3));
    assertThat(s.put(images(p) + "/" + c, "{\"sort_order\":10}").status()).isEqualTo(200);
    assertThat(sortOrders(s, p))
        .containsExactly(Map.entry(a, 2), Map.entry(b, 3), Map.entry(c, 10));
    assertThat(s.put(images(p) + "/" + c, "{\"sort_order\":3}").status()).isEqualTo(200);
    assertThat(sortOrders(s, p)).containsExactly(Map.entry(a, 2), Map.entry(c, 3), Map.entry(b, 4));

    // A POST stores its sort_order as given: a tie is broken by id, nothing moves.
    long d = create(s, p, "{\"image_url\":\"https://example.com/d.png\",\"sort_order\":3}");
    assertThat(sortOrders(s, p))
        .containsExactly(Map.entry(a, 2), Map.entry(c, 3), Map.entry(d, 3), Map.entry(b, 4));
    // Echoing the unchanged value back (with a new description) moves nobody either.
    assertThat(s.put(images(p) + "/" + d, "{\"sort_order\":3,\"description\":\"x\"}").status())
        .isEqualTo(200);
    assertThat(sortOrders(s, p))
        .containsExactly(Map.entry(a, 2), Map.entry(c, 3), Map.entry(d, 3), Map.entry(b, 4));
    assertThat(s.put(images(p) + "/" + b, "{\"sort_order\":3}").status()).isEqualTo(200);
    assertThat(sortOrders(s, p))
        .containsExactly(Map.entry(a, 2), Map.entry(b, 3), Map.entry(c, 4), Map.entry(d, 4));

    // Another product's images never move.
    long q = s.product("Lid", 1);
    long other = create(s, q, "{\"image_url\":\"https://example.com/o.png\",\"sort_order\":2}");
    assertThat(s.put(images(p) + "/" + d, "{\"sort_order\":2}").status()).isEqualTo(200);
    assertThat(sortOrders(s, q)).containsExactly(Map.entry(other, 2));
  }

  @Test
  void makingRoomPastTheLargestSortOrderIs422AndMovesNothing() {
    TestStore s = sr.newStore();
    long p = s.product("Jar", 1);
    long a = create(s, p, "{\"image_url\":\"https://example.com/a.png\",\"sort_order\":5}");
    long b =
        create(s, p, "{\"image_url\":\"https://example.com/b.png\",\"sort_order\":2147483647}");
    long c = create(s, p, "{\"image_url\":\"https://example.com/c.png\",\"sort_order\":1}");
    Response r = s.put(images(p) + "/" + c, "{\"sort_order\":5,\"description\":\"moved\"}");
    assertThat(r.status()).as(r.toString()).isEqualTo(422);
    assertThat(r.json().path("errors").path("sort_order").asText()).contains("2147483647");
    assertThat(sortOrders(s, p))
        .containsExactly(Map.entry(c, 1), Map.entry(a, 5), Map.entry(b, 2147483647));
    assertThat(s.get(images(p) + "/" + c).json().path("data").path("description").asText())
        .isEmpty();
    assertThat(s.put(images(p) + "/" + b, "{\"sort_order\":5}").status())
        .as("the image at the top may itself move down")
        .isEqualTo(200);
    assertThat(sortOrders(s, p)).containsExactly(Map.entry(c, 1), Map.entry(b, 5), Map.entry(a, 6));
  }

  /** The product's images in list order, as id → sort_order. */
  static List<Map.Entry<Long, Integer>> sortOrders(TestStore s, long product) {
    List<Map.Entry<Long, Integer>> out = new java.util.ArrayList<>();
    Response r = s.get(images(product));
    assertThat(r.status()).isEqualTo(200);
    r.json()
        .path("data")
        .forEach(n -> out.add(Map.entry(n.path("id").asLong(), n.path("sort_order").asInt())));
    return out;
  }

  @Test
  void deletingAnImageRemovesItsFile() {
    TestStore s = sr.newStore();
    long p = s.product("Jar", 1);
    JsonNode d =
        s.upload(images(p), Uploads.file("a.png", Uploads.image("png", 3, 3))).json().path("data");
    String url = d.path("url_zoom").asText();
    assertThat(Uploads.fetch(url).status()).isEqualTo(200);
    assertThat(s.delete(images(p) + "/" + d.path("id").asLong()).status()).isEqualTo(204);
    assertThat(s.get(images(p) + "/" + d.path("id").asLong()).status()).isEqualTo(404);
    assertThat(s.delete(images(p) + "/" + d.path("id").asLong()).status()).isEqualTo(404);
    assertThat(Uploads.fetch(url).status()).isEqualTo(404);
    assertThat(storedFiles(s)).isEmpty();
  }

  @Test
  void unknownProductsAndImagesAre404() {
    TestStore s = sr.newStore();
    long p = s.product("Jar", 1);
    long other = s.product("Other", 1);
    long id = create(s, p, "{\"image_url\":\"https://example.com/1.png\"}");
    for (String path :
        List.of(
            images(999),
            images(999) + "/" + id,
            images(other) + "/" + id,
            images(p) + "/999",
            images(p) + "/abc")) {
      Response r = s.get(path);
      assertThat(r.status()).as(path).isEqualTo(404);
      assertThat(r.json().path("status").asInt()).isEqualTo(404);
    }
    assertThat(s.post(images(999), "{\"image_url\":\"https://example.com/1.png\"}").status())
        .isEqualTo(404);
    assertThat(s.upload(images(999), Uploads.file("a.png", Uploads.image("png", 2, 2))).status())
        .isEqualTo(404);
    assertThat(s.put(images(other) + "/" + id, "{\"description\":\"x\"}").status()).isEqualTo(404);
    assertThat(s.delete(images(other) + "/" + id).status()).isEqualTo(404);
    assertThat(storedFiles(s)).isEmpty();
  }

  @Test
  void deletingProductsRemovesTheirImageRowsAndFiles() throws Exception {
    TestStore s = sr.newStore();
    long p = s.product("Jar", 1);
    long q = s.product("Lid", 1);
    long keep = s.product("Box", 1);
    String p1 = uploadedUrl(s, p);
    String p2 = uploadedUrl(s, p);
    String q1 = uploadedUrl(s, q);
    String k1 = uploadedUrl(s, keep);
    create(s, p, "{\"image_url\":\"https://example.com/p.png\"}");
    assertThat(storedFiles(s)).hasSize(4);
    assertThat(s.delete("v3/catalog/products/" + p).status()).isEqualTo(204);
    assertThat(s.delete("v3/catalog/products?id:in=" + q).status()).isEqualTo(204);
    for (String gone : List.of(p1, p2, q1)) {
      assertThat(Uploads.fetch(gone).status()).as(gone).isEqualTo(404);
    }
    assertThat(Uploads.fetch(k1).status()).isEqualTo(200);
    assertThat(storedFiles(s)).hasSize(1);
    long storeId = storeId(s);
    assertThat(
            dev.stockroom.testing.Sql.count(
                sr, "SELECT COUNT(*) FROM product_images WHERE store_id = " + storeId))
        .isEqualTo(1);
  }

  @Test
  void deletingTheStoreRemovesItsImageFolder() throws Exception {
    TestStore s = sr.newStore();
    uploadedUrl(s, s.product("Jar", 1));
    java.nio.file.Path folder = sr.dataDir().resolve("images").resolve(Long.toString(storeId(s)));
    assertThat(folder).isDirectory();
    assertThat(sr.admin("DELETE", "/admin/api/stores/" + s.hash(), null).status()).isEqualTo(204);
    assertThat(folder).doesNotExist();
  }

  @Test
  void theImageHooksGiveEachProductsImagesAndItsPrimary() throws Exception {
    TestStore s = sr.newStore();
    long p = s.product("Jar", 1);
    long q = s.product("Lid", 1);
    long none = s.product("Bare", 1);
    long a = create(s, p, "{\"image_url\":\"https://example.com/a.png\",\"sort_order\":9}");
    long b = create(s, p, "{\"image_url\":\"https://example.com/b.png\",\"sort_order\":2}");
    long c = create(s, q, "{\"image_url\":\"https://example.com/c.png\"}");
    long d = create(s, q, "{\"image_url\":\"https://example.com/d.png\",\"is_thumbnail\":true}");
    long storeId = storeId(s);
    try (var h = org.jdbi.v3.core.Jdbi.open(dev.stockroom.testing.Sql.connect(sr))) {
      var all = ImageStore.forProducts(h, storeId, List.of(p, q, none));
      assertThat(all.keySet()).containsExactly(p, q, none);
      assertThat(ids(all.get(p))).containsExactly(b, a);
      assertThat(ids(all.get(q))).containsExactly(c, d);
      assertThat(all.get(none)).isEmpty();
      var primary = ImageStore.primaryFor(h, storeId, List.of(p, q, none));
      assertThat(primary.keySet()).containsExactlyInAnyOrder(p, q);
      assertThat(ids(List.of(primary.get(p)))).containsExactly(a).as("a is p's first image");
      assertThat(ids(List.of(primary.get(q)))).containsExactly(d);
      assertThat(ImageStore.forProducts(h, storeId + 1000, List.of(p)).get(p)).isEmpty();
    }
  }

  static List<Long> ids(List<byte[]> docs) {
    return docs.stream()
        .map(
            d -> {
              try {
                return new com.fasterxml.jackson.databind.ObjectMapper()
                    .readTree(d)
                    .path("id")
                    .asLong();
              } catch (java.io.IOException e) {
                throw new java.io.UncheckedIOException(e);
              }
            })
        .toList();
  }

  long storeId(TestStore s) throws java.sql.SQLException {
    return dev.stockroom.testing.Sql.count(
        sr, "SELECT id FROM stores WHERE store_hash = '" + s.hash() + "'");
  }

  static long create(TestStore s, long product, String json) {
    Response r = s.post(images(product), json);
    assertThat(r.status()).as(r.toString()).isEqualTo(201);
    return r.json().path("data").path("id").asLong();
  }

  static String uploadedUrl(TestStore s, long product) {
    Response r = s.upload(images(product), Uploads.file("a.jpg", Uploads.image("jpg", 6, 6)));
    assertThat(r.status()).as(r.toString()).isEqualTo(201);
    return r.json().path("data").path("url_zoom").asText();
  }

  static List<Long> thumbnails(TestStore s, long product) {
    List<Long> out = new java.util.ArrayList<>();
    s.get(images(product))
        .json()
        .path("data")
        .forEach(
            n -> {
              if (n.path("is_thumbnail").asBoolean()) {
                out.add(n.path("id").asLong());
              }
            });
    return out;
  }

  /** The files in the store's image folder (none when it was never made). */
  List<String> storedFiles(TestStore s) {
    try {
      java.nio.file.Path dir = sr.dataDir().resolve("images").resolve(Long.toString(storeId(s)));
      if (!java.nio.file.Files.isDirectory(dir)) {
        return List.of();
      }
      try (var list = java.nio.file.Files.list(dir)) {
        return list.map(f -> f.getFileName().toString()).toList();
      }
    } catch (java.io.IOException | java.sql.SQLException e) {
      throw new IllegalStateException(e);
    }
  }
}
