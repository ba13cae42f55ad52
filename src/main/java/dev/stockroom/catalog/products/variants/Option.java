package dev.stockroom.catalog.products.variants;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.stockroom.api.Json;
import dev.stockroom.api.Schema;
import java.util.Set;

/**
 * Variant options ({@code productOption_Full}) and modifiers ({@code productModifier_Full}): both a
 * named choice on a product with a list of values. Option values make variants; modifier values
 * adjust the price or weight of what is ordered and make no variants.
 */
final class Option {
  enum Kind {
    OPTION("option", "options", "Option", "options_per_product"),
    MODIFIER("modifier", "modifiers", "Modifier", "modifiers_per_product");

    final String column;
    final String path;
    final String noun;
    final String limit;

    Kind(String column, String path, String noun, String limit) {
      this.column = column;
      this.path = path;
      this.noun = noun;
      this.limit = limit;
    }

    Schema schema() {
      return this == OPTION ? OPTION_SCHEMA : MODIFIER_SCHEMA;
    }

    Schema valueSchema() {
      return this == OPTION ? VALUE : MODIFIER_VALUE;
    }

    /** The modifier types whose values are a list to choose from (the rest take free input). */
    boolean takesValues(String type) {
      return this == OPTION || LIST_TYPES.contains(type);
    }
  }

  static final Set<String> LIST_TYPES =
      Set.of(
          "radio_buttons",
          "rectangles",
          "dropdown",
          "product_list",
          "product_list_with_images",
          "swatch",
          "checkbox");

  private static final Schema CONFIG =
      Schema.of()
          .string("default_value", 0, 65535)
          .bool("checked_by_default")
          .string("checkbox_label", 0, 255)
          .bool("date_limited")
          .enumeration("date_limit_mode", "earliest", "range", "latest")
          .string("date_earliest_value", 0, 64)
          .string("date_latest_value", 0, 64)
          .enumeration("file_types_mode", "specific", "all")
          .stringArray("file_types_supported")
          .stringArray("file_types_other")
          .integer("file_max_size", 0, 1_000_000_000L)
          .bool("text_characters_limited")
          .integer("text_min_length", 0, 1_000_000_000L)
          .integer("text_max_length", 0, 1_000_000_000L)
          .bool("text_lines_limited")
          .integer("text_max_lines", 0, 1_000_000_000L)
          .bool("number_limited")
          .enumeration("number_limit_mode", "lowest", "highest", "range")
          .number("number_lowest_value", -1e15, 1e15)
          .number("number_highest_value", -1e15, 1e15)
          .bool("number_integers_only")
          .bool("product_list_adjusts_inventory")
          .bool("product_list_adjusts_pricing")
          .enumeration("product_list_shipping_calc", "none", "weight", "package");

  static final Schema VALUE =
      Schema.of("id", "option_id")
          .bool("is_default")
          .string("label", 1, 255)
          .integer("sort_order", Integer.MIN_VALUE, Integer.MAX_VALUE)
          .freeObject("value_data")
          .nullable();

  private static final Schema ADJUSTER =
      Schema.of()
          .enumeration("adjuster", "relative", "percentage")
          .nullable()
          .number("adjuster_value", -1e13, 1e13);

  static final Schema MODIFIER_VALUE =
      Schema.of("id", "option_id")
          .bool("is_default")
          .string("label", 1, 255)
          .integer("sort_order", Integer.MIN_VALUE, Integer.MAX_VALUE)
          .freeObject("value_data")
          .nullable()
          .object(
              "adjusters",
              Schema.of()
                  .object("price", ADJUSTER)
                  .object("weight", ADJUSTER)
                  .string("image_url", 0, 255)
                  .object(
                      "purchasing_disabled", Schema.of().bool("status").string("message", 0, 255)));

  static final Schema OPTION_SCHEMA =
      Schema.of("id", "name")
          .integer("product_id", 1, 1_000_000_000L)
          .string("display_name", 1, 255)
          .enumeration(
              "type",
              "radio_buttons",
              "rectangles",
              "dropdown",
              "product_list",
              "product_list_with_images",
              "swatch")
          .object("config", CONFIG)
          .integer("sort_order", Integer.MIN_VALUE, Integer.MAX_VALUE)
          .objectArray("option_values", VALUE, 1_000_000);

  static final Schema MODIFIER_SCHEMA =
      Schema.of("id", "name")
          .integer("product_id", 1, 1_000_000_000L)
          .string("display_name", 1, 255)
          .enumeration(
              "type",
              "date",
              "checkbox",
              "file",
              "text",
              "multi_line_text",
              "numbers_only_text",
              "radio_buttons",
              "rectangles",
              "dropdown",
              "product_list",
              "product_list_with_images",
              "swatch")
          .bool("required")
          .object("config", CONFIG)
          .integer("sort_order", Integer.MIN_VALUE, Integer.MAX_VALUE)
          .objectArray("option_values", MODIFIER_VALUE, 1_000_000);

  private Option() {}

  /** A new option or modifier document (values are added by the store, which gives their ids). */
  static ObjectNode create(Kind kind, long id, long productId, ObjectNode input, long now) {
    ObjectNode d = Json.MAPPER.createObjectNode();
    d.put("id", id);
    d.put("product_id", productId);
    String display = input.path("display_name").asText();
    // "auto-generated from the display name, a timestamp, and the product ID"
    d.put("name", display + now / 1000 + productId);
    d.put("display_name", display);
    d.put("type", input.path("type").asText());
    if (kind == Kind.MODIFIER) {
      d.put("required", input.path("required").asBoolean());
    }
    d.put("sort_order", 0);
    d.putObject("config");
    d.putArray("option_values");
    merge(d, input);
    return d;
  }

  static void merge(ObjectNode d, ObjectNode input) {
    ObjectNode w = input.deepCopy();
    w.remove("option_values");
    w.remove("product_id");
    Schema.merge(d, w);
  }

  /** A value document in the order the spec lists the fields. */
  static ObjectNode value(Kind kind, long id, long optionId, JsonNode input) {
    ObjectNode v = Json.MAPPER.createObjectNode();
    v.put("id", id);
    if (kind == Kind.MODIFIER) {
      v.put("option_id", optionId);
    }
    v.put("label", input.path("label").asText());
    v.put("sort_order", input.path("sort_order").asLong(0));
    v.put("is_default", false);
    v.putNull("value_data");
    if (kind == Kind.MODIFIER) {
      ObjectNode adjusters = v.putObject("adjusters");
      adjusters.putObject("price").putNull("adjuster").put("adjuster_value", 0);
      adjusters.putObject("weight").putNull("adjuster").put("adjuster_value", 0);
      adjusters.put("image_url", "");
      adjusters.putObject("purchasing_disabled").put("status", false).put("message", "");
    }
    mergeValue(v, input);
    return v;
  }

  static void mergeValue(ObjectNode v, JsonNode input) {
    ObjectNode w = ((ObjectNode) input).deepCopy();
    w.remove("id");
    w.remove("option_id");
    for (var e : w.properties()) {
      JsonNode current = v.get(e.getKey());
      if (e.getKey().equals("adjusters") && current != null && current.isObject()) {
        for (var a : e.getValue().properties()) {
          JsonNode inner = current.get(a.getKey());
          if (a.getValue().isObject() && inner != null && inner.isObject()) {
            ((ObjectNode) inner).setAll((ObjectNode) a.getValue());
          } else {
            ((ObjectNode) current).set(a.getKey(), a.getValue());
          }
        }
      } else {
        v.set(e.getKey(), e.getValue());
      }
    }
  }

  static ArrayNode values(ObjectNode d) {
    return d.withArray("option_values");
  }
}
