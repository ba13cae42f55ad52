package dev.stockroom.catalog.categories;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.stockroom.api.Json;
import dev.stockroom.api.Schema;
import dev.stockroom.api.Slugs;
import java.util.Locale;

/** The category resource (catalog.v3 {@code category_Full}): writable fields and defaults. */
final class Category {
  static final Schema SCHEMA =
      Schema.of("id", "views")
          .integer("parent_id", 0, 1_000_000_000L)
          .string("name", 1, 50)
          .text("description")
          .integer("sort_order", Integer.MIN_VALUE, Integer.MAX_VALUE)
          .string("page_title", 0, 255)
          .string("search_keywords", 0, 255)
          .stringArray("meta_keywords")
          .string("meta_description", 0, 65535)
          .string("layout_file", 0, 500)
          .bool("is_visible")
          .enumeration(
              "default_product_sort",
              "use_store_settings",
              "featured",
              "newest",
              "best_selling",
              "alpha_asc",
              "alpha_desc",
              "avg_customer_review",
              "price_asc",
              "price_desc")
          .string("image_url", 0, 255)
          .object("custom_url", Schema.of().string("url", 0, 255).bool("is_customized"));

  private Category() {}

  static ObjectNode create(long id, ObjectNode input) {
    ObjectNode doc = Json.MAPPER.createObjectNode();
    doc.put("id", id);
    doc.put("parent_id", input.path("parent_id").asLong());
    doc.put("name", input.path("name").asText());
    doc.put("description", "");
    doc.put("views", 0);
    doc.put("sort_order", 0);
    doc.put("page_title", "");
    doc.put("search_keywords", "");
    doc.putArray("meta_keywords");
    doc.put("meta_description", "");
    doc.put("layout_file", "category.html");
    doc.put("is_visible", true);
    doc.put("default_product_sort", "use_store_settings");
    doc.put("image_url", "");
    ObjectNode url = doc.putObject("custom_url");
    url.put("url", Slugs.of(input.path("name").asText()));
    url.put("is_customized", false);
    Schema.merge(doc, input);
    return doc;
  }

  static String keywords(ObjectNode doc) {
    return (doc.path("name").asText()
            + " "
            + doc.path("search_keywords").asText()
            + " "
            + doc.path("page_title").asText())
        .toLowerCase(Locale.ROOT);
  }
}
