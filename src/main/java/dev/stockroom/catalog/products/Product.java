package dev.stockroom.catalog.products;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.stockroom.api.Dates;
import dev.stockroom.api.Json;
import dev.stockroom.api.Schema;
import dev.stockroom.api.Slugs;
import java.util.List;
import java.util.Locale;

/**
 * The product resource (catalog.v3 {@code product_Full}): writable fields, defaults, derived
 * values.
 */
final class Product {
  static final long MAX_DIMENSION = 9_999_999_999L;
  static final long MAX_ID = 1_000_000_000L;

  /**
   * Sub-resources a product body might name; those not taken in a body (options, modifiers: their
   * own endpoints) are refused clearly rather than dropped.
   */
  static final List<String> NOT_YET =
      List.of(
          "variants",
          "images",
          "custom_fields",
          "bulk_pricing_rules",
          "videos",
          "options",
          "modifiers",
          "video");

  static final Schema SCHEMA =
      Schema.of(
              "id",
              "date_created",
              "date_modified",
              "calculated_price",
              "base_variant_id",
              "reviews_rating_sum",
              "reviews_count",
              "option_set_id")
          .string("name", 1, 255)
          .enumeration("type", "physical", "digital")
          .string("sku", 0, 255)
          .text("description")
          .number("weight", 0, MAX_DIMENSION)
          .number("width", 0, MAX_DIMENSION)
          .number("depth", 0, MAX_DIMENSION)
          .number("height", 0, MAX_DIMENSION)
          .number("price", 0, 1e13)
          .number("cost_price", 0, 1e13)
          .number("retail_price", 0, 1e13)
          .number("sale_price", 0, 1e13)
          .number("map_price", 0, 1e13)
          .integer("tax_class_id", 0, MAX_ID)
          .string("product_tax_code", 0, 255)
          .intArray("categories", 1000, 1)
          .integer("brand_id", 0, MAX_ID)
          .string("brand_name", 1, 255)
          .integer("inventory_level", 0, MAX_ID)
          .integer("inventory_warning_level", 0, MAX_ID)
          .enumeration("inventory_tracking", "none", "product", "variant")
          .number("fixed_cost_shipping_price", 0, 1e13)
          .bool("is_free_shipping")
          .bool("is_visible")
          .bool("is_featured")
          .intArray("related_products", 1000, -1)
          .string("warranty", 0, 65535)
          .string("bin_picking_number", 0, 255)
          .string("layout_file", 0, 500)
          .string("upc", 0, 255)
          .string("mpn", 0, 255)
          .string("gtin", 0, 255)
          .string("search_keywords", 0, 65535)
          .enumeration("availability", "available", "disabled", "preorder")
          .string("availability_description", 0, 255)
          .enumeration("gift_wrapping_options_type", "any", "none", "list")
          .intArray("gift_wrapping_options_list", 1000, 0)
          .integer("sort_order", Integer.MIN_VALUE, Integer.MAX_VALUE)
          .enumeration("condition", "New", "Used", "Refurbished")
          .bool("is_condition_shown")
          .integer("order_quantity_minimum", 0, MAX_ID)
          .integer("order_quantity_maximum", 0, MAX_ID)
          .string("page_title", 0, 255)
          .stringArray("meta_keywords")
          .string("meta_description", 0, 65535)
          .integer("view_count", 0, MAX_ID)
          .nullableDate("preorder_release_date")
          .string("preorder_message", 0, 255)
          .bool("is_preorder_only")
          .bool("is_price_hidden")
          .string("price_hidden_label", 0, 200)
          .object("custom_url", Schema.of().string("url", 0, 255).bool("is_customized"))
          .enumeration(
              "open_graph_type",
              "product",
              "album",
              "book",
              "drink",
              "food",
              "game",
              "movie",
              "song",
              "tv_show")
          .string("open_graph_title", 0, 255)
          .string("open_graph_description", 0, 65535)
          .bool("open_graph_use_meta_description")
          .bool("open_graph_use_product_name")
          .bool("open_graph_use_image")
          .integer("total_sold", 0, MAX_ID)
          .string("option_set_display", 0, 255);

  private Product() {}

  /** A new product document with every field of product_Full, then the input over it. */
  static ObjectNode create(long id, long baseVariantId, ObjectNode input, long now) {
    ObjectNode d = Json.MAPPER.createObjectNode();
    d.put("id", id);
    d.put("name", input.path("name").asText());
    d.put("type", input.path("type").asText());
    d.put("sku", "");
    d.put("description", "");
    d.put("weight", 0.0);
    d.put("width", 0.0);
    d.put("depth", 0.0);
    d.put("height", 0.0);
    d.put("price", 0.0);
    d.put("cost_price", 0.0);
    d.put("retail_price", 0.0);
    d.put("sale_price", 0.0);
    d.put("map_price", 0.0);
    d.put("tax_class_id", 0);
    d.put("product_tax_code", "");
    d.put("calculated_price", 0.0);
    d.putArray("categories");
    d.put("brand_id", 0);
    d.putNull("option_set_id");
    d.put("option_set_display", "right");
    d.put("inventory_level", 0);
    d.put("inventory_warning_level", 0);
    d.put("inventory_tracking", "none");
    d.put("reviews_rating_sum", 0);
    d.put("reviews_count", 0);
    d.put("total_sold", 0);
    d.put("fixed_cost_shipping_price", 0.0);
    d.put("is_free_shipping", false);
    d.put("is_visible", true);
    d.put("is_featured", false);
    d.putArray("related_products");
    d.put("warranty", "");
    d.put("bin_picking_number", "");
    d.put("layout_file", "");
    d.put("upc", "");
    d.put("mpn", "");
    d.put("gtin", "");
    d.put("search_keywords", "");
    d.put("availability", "available");
    d.put("availability_description", "");
    d.put("gift_wrapping_options_type", "any");
    d.putArray("gift_wrapping_options_list");
    d.put("sort_order", 0);
    d.put("condition", "New");
    d.put("is_condition_shown", false);
    d.put("order_quantity_minimum", 0);
    d.put("order_quantity_maximum", 0);
    d.put("page_title", "");
    d.putArray("meta_keywords");
    d.put("meta_description", "");
    d.put("date_created", Dates.v3(now));
    d.put("date_modified", Dates.v3(now));
    d.put("view_count", 0);
    d.putNull("preorder_release_date");
    d.put("preorder_message", "");
    d.put("is_preorder_only", false);
    d.put("is_price_hidden", false);
    d.put("price_hidden_label", "");
    ObjectNode url = d.putObject("custom_url");
    url.put("url", Slugs.of(input.path("name").asText()));
    url.put("is_customized", false);
    d.put("base_variant_id", baseVariantId);
    d.put("open_graph_type", "product");
    d.put("open_graph_title", "");
    d.put("open_graph_description", "");
    d.put("open_graph_use_meta_description", true);
    d.put("open_graph_use_product_name", true);
    d.put("open_graph_use_image", true);
    merge(d, input, now);
    return d;
  }

  /** Applies a (partial) input; {@code categories} replaces the whole list (spec-digest §8 #20). */
  static void merge(ObjectNode d, ObjectNode input, long now) {
    ObjectNode writable = input.deepCopy();
    writable.remove("brand_name"); // write-only; the store resolved it to brand_id
    Schema.merge(d, writable);
    double sale = d.path("sale_price").asDouble();
    d.put("calculated_price", sale > 0 ? sale : d.path("price").asDouble());
    d.put("date_modified", Dates.v3(now));
  }

  static String keywords(ObjectNode d) {
    String desc = d.path("description").asText();
    if (desc.length() > 4000) {
      desc = desc.substring(0, 4000);
    }
    return String.join(
            " ",
            d.path("name").asText(),
            d.path("sku").asText(),
            d.path("search_keywords").asText(),
            desc)
        .toLowerCase(Locale.ROOT);
  }
}
