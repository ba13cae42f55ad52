package dev.stockroom.catalog.products.variants;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.stockroom.api.Json;
import dev.stockroom.api.Schema;

/**
 * The variant resource (catalog.v3 {@code productVariant_Full}). Prices and dimensions are
 * nullable: null means the product's value applies (spec-digest §8 #6), and {@code
 * calculated_price} / {@code calculated_weight} are what the storefront sees after that
 * inheritance.
 */
public final class Variant {
  static final double MAX_MONEY = 1e13;
  static final double MAX_DIMENSION = 9_999_999_999d;

  /** What a variant accepts on POST and PUT (option_values and product_id handled apart). */
  static final Schema SCHEMA =
      fields(Schema.of("id", "sku_id", "calculated_price", "calculated_weight"), byIds());

  /** A batch item: the same fields and the id of the variant to update (none to create one). */
  static final Schema BATCH =
      fields(Schema.of("sku_id", "calculated_price", "calculated_weight"), byIds())
          .integer("id", 1, 1_000_000_000L);

  /** An option value of a variant: {@code {id, option_id}}. */
  private static Schema byIds() {
    return Schema.of("label", "option_display_name")
        .integer("id", 1, 1_000_000_000L)
        .integer("option_id", 1, 1_000_000_000L);
  }

  private static Schema fields(Schema s, Schema optionValue) {
    return s.number("cost_price", 0, MAX_MONEY)
        .nullable()
        .number("price", 0, MAX_MONEY)
        .nullable()
        .number("sale_price", 0, MAX_MONEY)
        .nullable()
        .number("retail_price", 0, MAX_MONEY)
        .nullable()
        .number("map_price", 0, MAX_MONEY)
        .nullable()
        .number("weight", 0, MAX_DIMENSION)
        .nullable()
        .number("width", 0, MAX_DIMENSION)
        .nullable()
        .number("height", 0, MAX_DIMENSION)
        .nullable()
        .number("depth", 0, MAX_DIMENSION)
        .nullable()
        .bool("is_free_shipping")
        .number("fixed_cost_shipping_price", 0, MAX_MONEY)
        .nullable()
        .bool("purchasing_disabled")
        .string("purchasing_disabled_message", 0, 255)
        .string("upc", 0, 255)
        .nullable()
        .integer("inventory_level", 0, 1_000_000_000L)
        .nullable()
        .integer("inventory_warning_level", 0, 1_000_000_000L)
        .nullable()
        .string("bin_picking_number", 0, 255)
        .nullable()
        .string("mpn", 0, 255)
        .string("gtin", 0, 255)
        .string("image_url", 0, 255)
        .integer("product_id", 1, 1_000_000_000L)
        .string("sku", 1, 255)
        .objectArray("option_values", optionValue, 250);
  }

  /**
   * A variant given inside a product POST or PUT ({@code productVariant_Post_Product}): its option
   * values name the option and the label, and the options are made from them.
   */
  static final Schema IN_PRODUCT =
      fields(
          Schema.of("id", "sku_id", "calculated_price", "calculated_weight"),
          Schema.of("id", "option_id")
              .string("option_display_name", 1, 255)
              .string("label", 1, 255));

  private Variant() {}

  /** A new variant document: every field of productVariant_Full, then the input over it. */
  static ObjectNode create(
      long id, long productId, @org.jspecify.annotations.Nullable Long skuId, ObjectNode input) {
    ObjectNode d = Json.MAPPER.createObjectNode();
    d.put("id", id);
    d.put("product_id", productId);
    d.put("sku", "");
    if (skuId == null) {
      d.putNull("sku_id");
    } else {
      d.put("sku_id", skuId);
    }
    d.putNull("price");
    d.put("calculated_price", 0.0);
    d.putNull("sale_price");
    d.putNull("retail_price");
    d.putNull("map_price");
    d.putNull("weight");
    d.put("calculated_weight", 0.0);
    d.putNull("width");
    d.putNull("height");
    d.putNull("depth");
    d.put("is_free_shipping", false);
    d.putNull("fixed_cost_shipping_price");
    d.put("purchasing_disabled", false);
    d.put("purchasing_disabled_message", "");
    d.put("image_url", "");
    d.putNull("cost_price");
    d.put("upc", "");
    d.put("mpn", "");
    d.put("gtin", "");
    d.put("inventory_level", 0);
    d.put("inventory_warning_level", 0);
    d.put("bin_picking_number", "");
    d.putArray("option_values");
    merge(d, input);
    return d;
  }

  /** Applies a checked input; option_values are set by the store (they need the labels). */
  static void merge(ObjectNode d, ObjectNode input) {
    ObjectNode w = input.deepCopy();
    w.remove("option_values");
    w.remove("product_id");
    Schema.merge(d, w);
  }

  /** Recomputes what the storefront sees from the variant's own values and its product's. */
  static void calculate(ObjectNode v, JsonNode product) {
    double price =
        v.path("price").isNumber() ? v.get("price").asDouble() : product.path("price").asDouble();
    JsonNode ownSale = v.path("sale_price");
    double sale =
        ownSale.isNumber()
            ? ownSale.asDouble()
            : v.path("price").isNumber() ? 0 : product.path("sale_price").asDouble();
    v.put("calculated_price", sale > 0 ? sale : price);
    v.put(
        "calculated_weight",
        v.path("weight").isNumber()
            ? v.get("weight").asDouble()
            : product.path("weight").asDouble());
  }
}
