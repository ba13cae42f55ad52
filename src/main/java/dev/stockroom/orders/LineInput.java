package dev.stockroom.orders;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.stockroom.api.Json;
import dev.stockroom.api.Schema;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Checks {@code products[]} of an order body: the anyOf of catalog lines
 * (orderCatalogProduct_Post/_Put) and custom lines (orderCustomProduct_Post/_Put).
 */
final class LineInput {
  private LineInput() {}

  static final Set<String> LINE_MONEY =
      Set.of("price_ex_tax", "price_inc_tax", "wrapping_cost_ex_tax", "wrapping_cost_inc_tax");

  private static final Schema LINE =
      Schema.of()
          .integer("id", 1, OrderInput.MAX_ID)
          .integer("product_id", 1, OrderInput.MAX_ID)
          .integer("variant_id", 1, OrderInput.MAX_ID)
          .string("name", 1, 255)
          .string("name_customer", 1, 255)
          .string("name_merchant", 1, 255)
          .integer("quantity", 1, 1_000_000)
          .string("sku", 0, 255)
          .string("upc", 0, 255)
          .string("wrapping_name", 0, 255)
          .string("wrapping_message", 0, 65_535);

  private static final Schema OPTION =
      Schema.of(
              "display_name",
              "display_name_customer",
              "display_name_merchant",
              "display_value",
              "display_value_merchant",
              "display_value_customer")
          .integer("id", 1, OrderInput.MAX_ID)
          .string("value", 1, 32);

  static ArrayNode lines(JsonNode products, boolean post, Map<String, String> errors) {
    ArrayNode out = Json.MAPPER.createArrayNode();
    if (!products.isArray()) {
      errors.put("products", "must be an array of order products");
      return out;
    }
    if (post && products.isEmpty()) {
      errors.put("products", "must have at least one product");
    }
    if (products.size() > OrderInput.MAX_LINES) {
      errors.put("products", "must have at most " + OrderInput.MAX_LINES + " items");
      return out;
    }
    for (int i = 0; i < products.size(); i++) {
      String prefix = "products." + i + ".";
      JsonNode item = products.get(i);
      JsonNode options = item.isObject() ? ((ObjectNode) item).deepCopy() : item;
      JsonNode given = null;
      if (options.isObject()) {
        given = ((ObjectNode) options).remove("product_options");
      }
      ObjectNode line = OrderInput.object(options, prefix, LINE, LINE_MONEY, Set.of(), errors);
      if (given != null) {
        line.set("product_options", productOptions(given, prefix + "product_options", errors));
      }
      if (item.isObject()) {
        lineRules(line, prefix, errors);
      }
      out.add(line);
    }
    return out;
  }

  /** The anyOf of catalog and custom products, with the name rules of orderCustomProduct_Post. */
  private static void lineRules(ObjectNode line, String prefix, Map<String, String> errors) {
    boolean update = line.has("id");
    if (!update && !line.has("quantity")) {
      errors.putIfAbsent(prefix + "quantity", "is required");
    }
    if (line.has("name")
        && line.has("name_customer")
        && !line.get("name").asText().equals(line.get("name_customer").asText())) {
      errors.putIfAbsent(prefix + "name_customer", "must be the same as name when both are given");
    }
    if (line.has("product_id") || update) {
      return;
    }
    if (!line.has("name") && !line.has("name_customer") && !line.has("name_merchant")) {
      errors.putIfAbsent(
          prefix + "name",
          "is required for a custom product (or give product_id for a catalog product)");
    }
    for (String f : List.of("price_inc_tax", "price_ex_tax")) {
      if (!line.has(f)) {
        errors.putIfAbsent(prefix + f, "is required for a custom product");
      }
    }
  }

  private static ArrayNode productOptions(JsonNode given, String path, Map<String, String> errors) {
    ArrayNode out = Json.MAPPER.createArrayNode();
    if (!given.isArray()) {
      errors.put(path, "must be an array of {id, value}");
      return out;
    }
    for (int i = 0; i < given.size(); i++) {
      String prefix = path + "." + i + ".";
      ObjectNode o =
          OrderInput.object(given.get(i), prefix, OPTION, Set.of(), Set.of("value"), errors);
      for (String f : List.of("id", "value")) {
        if (given.get(i).isObject() && !o.has(f) && !errors.containsKey(prefix + f)) {
          errors.put(prefix + f, "is required");
        }
      }
      if (o.has("value") && !o.get("value").asText().matches("\\d{1,12}")) {
        errors.putIfAbsent(prefix + "value", "must be the id of one of the option's values");
      }
      out.add(o);
    }
    return out;
  }
}
