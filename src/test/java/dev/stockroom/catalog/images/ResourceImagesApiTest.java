package dev.stockroom.catalog.images;

import static org.assertj.core.api.Assertions.assertThat;

import dev.stockroom.testing.ApiClient.Response;
import dev.stockroom.testing.Stockroom;
import dev.stockroom.testing.StockroomTest;
import dev.stockroom.testing.TestStore;
import dev.stockroom.testing.Uploads;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The one image of a category or a brand: multipart upload, replace, delete, the 1 MB limit. */
@StockroomTest
class ResourceImagesApiTest {
  final Stockroom sr;

  ResourceImagesApiTest(Stockroom sr) {
    this.sr = sr;
  }

  @Test
  void categoryImagesAreUploadedReplacedAndDeleted() {
    TestStore s = sr.newStore();
    long id = s.category("Jars", 0);
    roundTrip(s, "v3/catalog/categories/" + id, "{\"image_url\":\"https://example.com/x.png\"}");
  }

  @Test
  void brandImagesAreUploadedReplacedAndDeleted() {
    TestStore s = sr.newStore();
    long id = s.brand("Le Parfait");
    roundTrip(
        s,
        "v3/catalog/brands/" + id,
        "{\"name\":\"Le Parfait\",\"image_url\":\"https://example.com/x.png\"}");
  }

  private void roundTrip(TestStore s, String resource, String put) {
    byte[] png = Uploads.image("png", 12, 12);
    Response r = s.upload(resource + "/image", Uploads.file("logo.png", png));
    assertThat(r.status()).as(r.toString()).isEqualTo(201);
    String url = r.json().path("data").path("image_url").asText();
    assertThat(r.json().path("data").size()).isEqualTo(1);
    assertThat(r.json().path("meta").isObject()).isTrue();
    assertThat(r.header("Location")).contains(url);
    assertThat(url).startsWith(sr.http().base() + "/images/" + s.hash() + "/");
    assertThat(s.get(resource).json().path("data").path("image_url").asText()).isEqualTo(url);
    Uploads.Fetched served = Uploads.fetch(url);
    assertThat(served.status()).isEqualTo(200);
    assertThat(served.header("Content-Type")).contains("image/png");
    assertThat(served.body()).isEqualTo(png);

    // A new upload replaces the image; the old file goes.
    byte[] jpg = Uploads.image("jpg", 12, 12);
    String second =
        s.upload(resource + "/image", Uploads.file("logo.jpg", jpg))
            .json()
            .path("data")
            .path("image_url")
            .asText();
    assertThat(second).isNotEqualTo(url);
    assertThat(Uploads.fetch(url).status()).isEqualTo(404);
    assertThat(Uploads.fetch(second).body()).isEqualTo(jpg);

    // contract: catalog.v3 — "To update a Category Image, use PUT … and an image_url".
    assertThat(s.put(resource, put).status()).isEqualTo(200);
    assertThat(s.delete(resource + "/image").status()).isEqualTo(204);
    assertThat(s.get(resource).json().path("data").path("image_url").asText()).isEmpty();
    assertThat(s.delete(resource + "/image").status()).as("idempotent").isEqualTo(204);

    String third =
        s.upload(resource + "/image", Uploads.file("l.gif", Uploads.image("gif", 4, 4)))
            .json()
            .path("data")
            .path("image_url")
            .asText();
    assertThat(s.delete(resource + "/image").status()).isEqualTo(204);
    assertThat(Uploads.fetch(third).status()).isEqualTo(404);
  }

  @Test
  void resourceImagesAreUploadsOnlyOfAtMostOneMegabyte() {
    TestStore s = sr.newStore();
    long cat = s.category("Jars", 0);
    long brand = s.brand("Le Parfait");
    for (String path :
        List.of(
            "v3/catalog/categories/" + cat + "/image", "v3/catalog/brands/" + brand + "/image")) {
      Response json = s.post(path, "{\"image_url\":\"https://example.com/a.png\"}");
      assertThat(json.status()).as(path).isEqualTo(415);
      assertThat(json.json().path("title").asText()).contains("multipart/form-data");
      Response big = s.upload(path, Uploads.file("big.png", Uploads.noisePng(1024 * 1024 + 10)));
      assertThat(big.status()).as(path + " " + big).isEqualTo(413);
      assertThat(big.json().path("errors").path("max_bytes").asText()).isEqualTo("1048576");
      Response text =
          s.upload(
              path,
              Uploads.file("a.png", "hello".getBytes(java.nio.charset.StandardCharsets.UTF_8)));
      assertThat(text.status()).isEqualTo(422);
      assertThat(text.json().path("errors").path("image_file").asText()).contains("PNG");
      Response extra =
          s.upload(
              path,
              Uploads.form()
                  .field("description", "x")
                  .file("image_file", "a.png", "image/png", Uploads.image("png", 2, 2))
                  .build());
      assertThat(extra.status()).isEqualTo(422);
      assertThat(extra.json().path("errors").has("description")).isTrue();
      Response none = s.upload(path, Uploads.form().field("other", "x").build());
      assertThat(none.status()).isEqualTo(422);
    }
    assertThat(s.get("v3/catalog/categories/" + cat).json().path("data").path("image_url").asText())
        .isEmpty();
  }

  @Test
  void unknownCategoriesAndBrandsAre404AndKeepNoFile() throws Exception {
    TestStore s = sr.newStore();
    for (String path : List.of("v3/catalog/categories/77/image", "v3/catalog/brands/77/image")) {
      assertThat(s.upload(path, Uploads.file("a.png", Uploads.image("png", 2, 2))).status())
          .isEqualTo(404);
      assertThat(s.delete(path).status()).isEqualTo(404);
    }
    long storeId =
        dev.stockroom.testing.Sql.count(
            sr, "SELECT id FROM stores WHERE store_hash = '" + s.hash() + "'");
    java.nio.file.Path dir = sr.dataDir().resolve("images").resolve(Long.toString(storeId));
    if (java.nio.file.Files.isDirectory(dir)) {
      try (var files = java.nio.file.Files.list(dir)) {
        assertThat(files.toList()).isEmpty();
      }
    }
  }

  @Test
  void aStoresSmallerImageBytesLimitAppliesToo() {
    TestStore s = sr.newStoreWithLimits("{\"image_bytes\":500}");
    long cat = s.category("Jars", 0);
    Response r =
        s.upload(
            "v3/catalog/categories/" + cat + "/image",
            Uploads.file("a.png", Uploads.noisePng(800)));
    assertThat(r.status()).isEqualTo(413);
    assertThat(r.json().path("errors").path("limit").asText()).isEqualTo("image_bytes");
  }
}
