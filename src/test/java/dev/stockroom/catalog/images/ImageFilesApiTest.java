package dev.stockroom.catalog.images;

import static org.assertj.core.api.Assertions.assertThat;

import dev.stockroom.edge.RawHttp;
import dev.stockroom.testing.ApiClient.Response;
import dev.stockroom.testing.Stockroom;
import dev.stockroom.testing.StockroomTest;
import dev.stockroom.testing.TestStore;
import dev.stockroom.testing.Uploads;
import java.nio.charset.StandardCharsets;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * The served files and the upload format: only names Stockroom made, inside the store's own folder,
 * are ever read; malformed forms are client errors in the v3 envelope, never a 500.
 */
@StockroomTest
class ImageFilesApiTest {
  final Stockroom sr;

  ImageFilesApiTest(Stockroom sr) {
    this.sr = sr;
  }

  @Test
  void pathTraversalAndForeignNamesOnServedUrlsAre404() throws Exception {
    TestStore a = sr.newStore();
    TestStore b = sr.newStore();
    String url =
        a.upload(
                "v3/catalog/products/" + a.product("Jar", 1) + "/images",
                Uploads.file("a.png", Uploads.image("png", 3, 3)))
            .json()
            .path("data")
            .path("url_zoom")
            .asText();
    String name = url.substring(url.lastIndexOf('/') + 1);
    java.nio.file.Files.writeString(sr.dataDir().resolve("secret.txt"), "top secret");
    assertThat(get("/images/" + a.hash() + "/" + name)).startsWith("HTTP/1.1 200");
    for (String path :
        List.of(
            "/images/" + b.hash() + "/" + name,
            "/images/nosuchstore/" + name,
            "/images/" + a.hash() + "/../../secret.txt",
            "/images/" + a.hash() + "/..%2f..%2fsecret.txt",
            "/images/" + a.hash() + "/%2e%2e/%2e%2e/secret.txt",
            "/images/" + a.hash() + "/..",
            "/images/" + a.hash() + "/",
            "/images/" + a.hash() + "/stockroom.db",
            "/images/../stockroom.db",
            "/images/" + a.hash() + "/" + name + "/..",
            "/images/" + a.hash() + "/" + name.replace(".png", ".gif"),
            "/images/" + a.hash() + "/p1-0000000000000000.png",
            "/images/" + a.hash() + "/" + name.toUpperCase(java.util.Locale.ROOT),
            "/images/" + a.hash() + "/.upload-1.tmp",
            "/images/" + a.hash() + "/%00" + name)) {
      String raw = get(path);
      assertThat(raw).as(path).startsWith("HTTP/1.1 404");
      assertThat(raw).as(path).doesNotContain("top secret").doesNotContain("SQLite");
    }
    String post =
        RawHttp.request(
            sr.app().port(),
            "POST /images/"
                + a.hash()
                + "/"
                + name
                + " HTTP/1.1\r\nHost: x\r\nContent-Length: 0\r\n\r\n");
    assertThat(post).startsWith("HTTP/1.1 405").containsIgnoringCase("Allow: GET, HEAD");
    String head =
        RawHttp.request(
            sr.app().port(),
            "HEAD /images/" + a.hash() + "/" + name + " HTTP/1.1\r\nHost: x\r\n\r\n");
    assertThat(head).startsWith("HTTP/1.1 200").contains("image/png");
    // The length a GET's body has (RFC 9110 §8.6), not 0.
    String whole = get("/images/" + a.hash() + "/" + name);
    java.util.regex.Matcher length =
        java.util.regex.Pattern.compile("(?i)content-length: (\\d+)").matcher(whole);
    assertThat(length.find()).isTrue();
    assertThat(Integer.parseInt(length.group(1))).isGreaterThan(0);
    assertThat(head).containsIgnoringCase("Content-Length: " + length.group(1));
  }

  @Test
  void resizedCopiesAreServedOnlyUnderTheNamesStockroomGaveThem() {
    TestStore a = sr.newStore();
    TestStore b = sr.newStore();
    long p = a.product("Jar", 1);
    var d =
        a.upload(
                "v3/catalog/products/" + p + "/images",
                Uploads.file("a.png", Uploads.image("png", 900, 600)))
            .json()
            .path("data");
    String original = d.path("image_file").asText();
    String base = original.substring(0, original.lastIndexOf('.'));
    String copy = base + "-standard.png";
    assertThat(d.path("url_standard").asText()).endsWith("/" + copy);
    String ok = get("/images/" + a.hash() + "/" + copy);
    assertThat(ok)
        .startsWith("HTTP/1.1 200")
        .containsIgnoringCase("Content-Type: image/png")
        .containsIgnoringCase("Cache-Control: public, max-age=31536000, immutable")
        .containsIgnoringCase("X-Content-Type-Options: nosniff");
    String small =
        a.upload(
                "v3/catalog/products/" + p + "/images",
                Uploads.file("b.png", Uploads.image("png", 30, 30)))
            .json()
            .path("data")
            .path("image_file")
            .asText();
    for (String path :
        List.of(
            "/images/" + b.hash() + "/" + copy,
            "/images/" + a.hash() + "/" + base + "-zoom.png", // 900×600 fits the zoom box: no copy
            "/images/" + a.hash() + "/" + small.replace(".png", "-tiny.png"),
            "/images/" + a.hash() + "/" + base + "-standard.gif",
            "/images/" + a.hash() + "/" + base + "-standard.webp",
            "/images/" + a.hash() + "/" + base + "-huge.png",
            "/images/" + a.hash() + "/" + base + "-standard-standard.png",
            "/images/" + a.hash() + "/" + original + "-standard.png",
            "/images/" + a.hash() + "/" + base + "-STANDARD.png",
            "/images/" + a.hash() + "/" + base + "-.png",
            "/images/" + a.hash() + "/" + copy + "/..",
            "/images/" + a.hash() + "/..%2f" + copy,
            "/images/" + a.hash() + "/" + base + "-standard%2e%2e%2fpng")) {
      assertThat(get(path)).as(path).startsWith("HTTP/1.1 404");
    }
  }

  private String get(String path) {
    return RawHttp.request(
        sr.app().port(), "GET " + path + " HTTP/1.1\r\nHost: x\r\nConnection: close\r\n\r\n");
  }

  @Test
  void malformedFormsAreClientErrorsInTheV3Envelope() {
    TestStore s = sr.newStore();
    String path = s.path("v3/catalog/products/" + s.product("Jar", 1) + "/images");
    byte[] png = Uploads.image("png", 2, 2);
    Uploads.Form good = Uploads.file("a.png", png);
    String boundary = good.contentType().substring(good.contentType().indexOf('=') + 1);
    byte[] truncated = java.util.Arrays.copyOf(good.body(), good.body().length - 10);
    String dup =
        "--B\r\nContent-Disposition: form-data; name=\"image_file\"; filename=\"a\"\r\n\r\nx\r\n"
            + "--B\r\nContent-Disposition: form-data; name=\"image_file\"; filename=\"b\"\r\n\r\ny\r\n"
            + "--B--\r\n";
    String noName = "--B\r\nContent-Disposition: form-data\r\n\r\nx\r\n--B--\r\n";
    String noHeaders = "--B\r\nx\r\n--B--\r\n";
    String empty =
        "--B\r\nContent-Disposition: form-data; name=\"image_file\"; filename=\"a\"\r\n\r\n\r\n--B--\r\n";
    record Case(String contentType, byte[] body, int status) {}
    List<Case> cases =
        List.of(
            new Case("multipart/form-data", good.body(), 400),
            new Case("multipart/form-data; boundary=", good.body(), 400),
            new Case("multipart/form-data; boundary=" + "x".repeat(71), good.body(), 400),
            new Case("multipart/form-data; boundary=other", good.body(), 400),
            new Case(good.contentType(), truncated, 400),
            new Case(good.contentType(), new byte[0], 400),
            new Case(good.contentType(), "garbage".getBytes(StandardCharsets.UTF_8), 400),
            new Case("multipart/form-data; boundary=B", dup.getBytes(StandardCharsets.UTF_8), 400),
            new Case(
                "multipart/form-data; boundary=B", noName.getBytes(StandardCharsets.UTF_8), 400),
            new Case(
                "multipart/form-data; boundary=B", noHeaders.getBytes(StandardCharsets.UTF_8), 400),
            new Case(
                "multipart/form-data; boundary=B", empty.getBytes(StandardCharsets.UTF_8), 422),
            new Case("multipart/form-data; boundary=\"" + boundary + "\"", good.body(), 201),
            new Case(
                "Multipart/Form-Data; Boundary=" + boundary + "; charset=utf-8", good.body(), 201),
            new Case("multipart/mixed; boundary=" + boundary, good.body(), 415),
            new Case("image/png", png, 415),
            new Case("text/plain", "x".getBytes(StandardCharsets.UTF_8), 415));
    for (Case c : cases) {
      Response r =
          sr.http()
              .sendBytes(
                  "POST",
                  path,
                  c.body(),
                  "X-Auth-Token",
                  s.token(),
                  "Content-Type",
                  c.contentType());
      String what = c.contentType() + " " + c.body().length + " bytes";
      assertThat(r.status()).as(what + " → " + r).isEqualTo(c.status());
      if (c.status() != 201) {
        assertThat(r.json().path("status").asInt()).as(what).isEqualTo(c.status());
        assertThat(r.body()).doesNotContain("Exception");
      }
    }
  }

  @Test
  void formsAreTakenOnlyByUploadRoutes() {
    TestStore s = sr.newStore();
    long p = s.product("Jar", 1);
    long id =
        s.post(
                "v3/catalog/products/" + p + "/images",
                "{\"image_url\":\"https://example.com/a.png\"}")
            .json()
            .path("data")
            .path("id")
            .asLong();
    Uploads.Form form = Uploads.file("a.png", Uploads.image("png", 2, 2));
    for (String[] mr :
        List.of(
            new String[] {"POST", "v3/catalog/products"},
            new String[] {"PUT", "v3/catalog/products/" + p + "/images/" + id},
            new String[] {"POST", "v3/catalog/brands"})) {
      Response r =
          sr.http()
              .sendBytes(
                  mr[0],
                  s.path(mr[1]),
                  form.body(),
                  "X-Auth-Token",
                  s.token(),
                  "Content-Type",
                  form.contentType());
      assertThat(r.status()).as(mr[1]).isEqualTo(415);
      assertThat(r.json().path("title").asText()).contains("application/json");
    }
  }

  @Test
  void uploadsNeedAWriteScopeBeforeTheirSizeCounts() {
    TestStore s = sr.newStore();
    long p = s.product("Jar", 1);
    String readOnly = sr.newToken(s.hash(), List.of("store_v2_products_read_only"));
    // A large declared upload is refused on its headers: the body is never read.
    for (String[] auth :
        List.of(
            new String[] {"X-Auth-Token: " + readOnly + "\r\n", "HTTP/1.1 403"},
            new String[] {"", "HTTP/1.1 401"},
            new String[] {"X-Auth-Token: " + s.token() + "\r\n", "HTTP/1.1 413"})) {
      String raw =
          RawHttp.request(
              sr.app().port(),
              "POST "
                  + s.path("v3/catalog/products/" + p + "/images")
                  + " HTTP/1.1\r\nHost: x\r\n"
                  + auth[0]
                  + "Content-Type: multipart/form-data; boundary=B\r\n"
                  + "Content-Length: "
                  + (auth[1].endsWith("413") ? 70_000_000 : 300_000)
                  + "\r\n\r\n--B\r\n");
      assertThat(raw).as(auth[0]).startsWith(auth[1]);
    }
  }
}
