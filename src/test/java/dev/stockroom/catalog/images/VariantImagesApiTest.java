package dev.stockroom.catalog.images;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.stockroom.testing.ApiClient.Response;
import dev.stockroom.testing.Stockroom;
import dev.stockroom.testing.StockroomTest;
import dev.stockroom.testing.TestStore;
import dev.stockroom.testing.Uploads;
import org.junit.jupiter.api.Test;

/** The image of a variant (JSON image_url or an upload) and of a modifier value (uploads only). */
@StockroomTest
class VariantImagesApiTest {
  final Stockroom sr;

  VariantImagesApiTest(Stockroom sr) {
    this.sr = sr;
  }

  @Test
  void aVariantTakesAnImageUrlOrAnUpload() {
    TestStore s = sr.newStore();
    long p = s.product("Jar", 1);
    long v = s.get("v3/catalog/products/" + p).json().path("data").path("base_variant_id").asLong();
    String path = "v3/catalog/products/" + p + "/variants/" + v + "/image";
    Response byUrl = s.post(path, "{\"image_url\":\"https://example.com/v.png\"}");
    assertThat(byUrl.status()).as(byUrl.toString()).isEqualTo(201);
    assertThat(byUrl.json().path("data").path("image_url").asText())
        .isEqualTo("https://example.com/v.png");
    assertThat(variant(s, p, v).path("image_url").asText()).isEqualTo("https://example.com/v.png");

    byte[] png = Uploads.image("png", 5, 5);
    Response up = s.upload(path, Uploads.file("v.png", png));
    assertThat(up.status()).isEqualTo(201);
    String url = up.json().path("data").path("image_url").asText();
    assertThat(url).contains("/images/" + s.hash() + "/v" + v + "-");
    assertThat(Uploads.fetch(url).body()).isEqualTo(png);
    assertThat(variant(s, p, v).path("image_url").asText()).isEqualTo(url);

    // contract: catalog.v3 declares 500 for a file over 1 MB; Stockroom answers 413.
    Response big = s.upload(path, Uploads.file("big.png", Uploads.noisePng(1024 * 1024 + 10)));
    assertThat(big.status()).isEqualTo(413);
    assertThat(s.post(path, "{\"image_url\":\"ftp://example.com/v.png\"}").status()).isEqualTo(422);
    assertThat(s.post(path, "{}").status()).isEqualTo(422);
    assertThat(
            s.post(
                    "v3/catalog/products/" + p + "/variants/999/image",
                    "{\"image_url\":\"https://example.com/v.png\"}")
                .status())
        .isEqualTo(404);
  }

  @Test
  void aModifierValueTakesAnUploadAndLosesItOnDelete() {
    TestStore s = sr.newStore();
    long p = s.product("Jar", 1);
    JsonNode modifier =
        s.post(
                "v3/catalog/products/" + p + "/modifiers",
                "{\"display_name\":\"Lid\",\"type\":\"radio_buttons\",\"required\":false,"
                    + "\"option_values\":[{\"label\":\"Red\",\"sort_order\":0}]}")
            .json()
            .path("data");
    long m = modifier.path("id").asLong();
    long value = modifier.path("option_values").get(0).path("id").asLong();
    String path = "v3/catalog/products/" + p + "/modifiers/" + m + "/values/" + value + "/image";
    assertThat(s.post(path, "{\"image_url\":\"https://example.com/m.png\"}").status())
        .as("uploads only")
        .isEqualTo(415);
    Response up = s.upload(path, Uploads.file("m.gif", Uploads.image("gif", 4, 4)));
    assertThat(up.status()).isEqualTo(201);
    String url = up.json().path("data").path("image_url").asText();
    assertThat(Uploads.fetch(url).status()).isEqualTo(200);
    assertThat(s.delete(path).status()).isEqualTo(204);
    assertThat(Uploads.fetch(url).status()).isEqualTo(404);
    assertThat(
            s.upload(
                    "v3/catalog/products/" + p + "/modifiers/" + m + "/values/999/image",
                    Uploads.file("m.gif", Uploads.image("gif", 4, 4)))
                .status())
        .isEqualTo(404);
  }

  private static JsonNode variant(TestStore s, long product, long variant) {
    return s.get("v3/catalog/products/" + product + "/variants/" + variant).json().path("data");
  }
}
