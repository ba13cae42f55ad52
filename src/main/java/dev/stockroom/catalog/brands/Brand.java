package dev.stockroom.catalog.brands;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.stockroom.api.Json;
import dev.stockroom.api.Schema;
import dev.stockroom.api.Slugs;

/** The brand resource (catalog.v3 {@code brand_Full}): its writable fields and defaults. */
final class Brand {
  static final Schema SCHEMA =
      Schema.of("id")
          .string("name", 1, 255)
          .string("page_title", 0, 255)
          .stringArray("meta_keywords")
          .string("meta_description", 0, 65535)
          .string("search_keywords", 0, 65535)
          .string("image_url", 0, 255)
          .object("custom_url", Schema.of().string("url", 0, 255).bool("is_customized"));

  private Brand() {}

  /** A new brand document: the spec's fields with their defaults, then the input over them. */
  static ObjectNode create(long id, ObjectNode input) {
    ObjectNode doc = Json.MAPPER.createObjectNode();
    doc.put("id", id);
    doc.put("name", input.path("name").asText());
    doc.put("page_title", "");
    doc.putArray("meta_keywords");
    doc.put("meta_description", "");
    doc.put("search_keywords", "");
    doc.put("image_url", "");
    ObjectNode url = doc.putObject("custom_url");
    url.put("url", Slugs.of(input.path("name").asText()));
    url.put("is_customized", false);
    Schema.merge(doc, input);
    return doc;
  }
}
