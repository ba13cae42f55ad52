package dev.stockroom.catalog.images;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.stockroom.api.ApiException;
import dev.stockroom.api.Dates;
import dev.stockroom.api.Json;
import dev.stockroom.api.Schema;
import java.net.URI;
import java.net.URISyntaxException;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * The product image resource (catalog.v3 {@code productImage_Full}): the writable fields of a POST
 * ({@code productImage_Post}) and a PUT ({@code productImage_Put}, without {@code image_url}), and
 * the document served.
 */
final class ProductImage {
  /** Fields of the served document that clients may echo back; they are accepted and dropped. */
  private static final String[] READ_ONLY = {
    "id", "product_id", "url_zoom", "url_standard", "url_thumbnail", "url_tiny", "date_modified"
  };

  /** contract: catalog.v3 createProductImage — "image_url - 255 character limit". */
  static final int MAX_URL = 255;

  static final Schema POST =
      Schema.of(READ_ONLY)
          .string("image_url", 1, MAX_URL)
          .bool("is_thumbnail")
          .integer("sort_order", Integer.MIN_VALUE, Integer.MAX_VALUE)
          .text("description");

  static final Schema PUT =
      Schema.of(concat(READ_ONLY, "image_file"))
          .bool("is_thumbnail")
          .integer("sort_order", Integer.MIN_VALUE, Integer.MAX_VALUE)
          .text("description");

  private ProductImage() {}

  private static String[] concat(String[] a, String b) {
    String[] out = java.util.Arrays.copyOf(a, a.length + 1);
    out[a.length] = b;
    return out;
  }

  /**
   * A JSON create: {@code image_url} is required, must be an absolute http(s) URL, and is stored as
   * given (Stockroom never fetches it). A file goes in a multipart upload, not in JSON.
   */
  static ObjectNode jsonInput(JsonNode body) {
    if (body.isObject() && body.has("image_file")) {
      throw ApiException.Invalid.field(
          "image_file",
          "must be uploaded as a file in a multipart/form-data body; in JSON send image_url");
    }
    ObjectNode in = POST.check(body, "", List.of("image_url"));
    checkUrl(in.get("image_url").asText(), "image_url");
    return in;
  }

  /** An image_url names a picture on the web: http or https, with a host. */
  static void checkUrl(String url, String field) {
    String problem = "must be a full http:// or https:// URL of at most " + MAX_URL + " characters";
    if (url.codePointCount(0, url.length()) > MAX_URL) {
      throw ApiException.Invalid.field(field, problem);
    }
    try {
      URI uri = new URI(url);
      String scheme = uri.getScheme() == null ? "" : uri.getScheme().toLowerCase(Locale.ROOT);
      if (!(scheme.equals("http") || scheme.equals("https"))
          || uri.getHost() == null
          || uri.getHost().isEmpty()) {
        throw ApiException.Invalid.field(field, problem);
      }
    } catch (URISyntaxException e) {
      throw ApiException.Invalid.field(field, problem);
    }
  }

  /**
   * A new image: {@code image_url} is the served file of an upload or the client's URL, and {@code
   * sized} the URL of each resized version (a copy, or that same URL where none was made).
   */
  static ObjectNode create(
      long id,
      long productId,
      ObjectNode input,
      String imageFile,
      String url,
      Map<ImageSize, String> sized,
      long sortOrder,
      boolean thumbnail,
      long now) {
    ObjectNode doc = Json.MAPPER.createObjectNode();
    doc.put("id", id);
    doc.put("product_id", productId);
    doc.put("is_thumbnail", thumbnail);
    doc.put("sort_order", input.has("sort_order") ? input.get("sort_order").asLong() : sortOrder);
    doc.put("description", input.path("description").asText(""));
    doc.put("image_file", imageFile);
    for (ImageSize size : ImageSize.values()) {
      doc.put(size.field(), sized.getOrDefault(size, url));
    }
    doc.put("date_modified", Dates.v3(now));
    doc.put("image_url", url);
    return doc;
  }
}
