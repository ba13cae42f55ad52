package dev.stockroom.orders;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.stockroom.api.Json;
import dev.stockroom.api.V2;
import dev.stockroom.catalog.products.ProductStore;
import dev.stockroom.catalog.products.variants.VariantStore;
import dev.stockroom.db.Database;
import java.math.BigDecimal;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.jdbi.v3.core.Handle;
import org.jspecify.annotations.Nullable;

/**
 * Order lines: a catalog line takes its name, SKU, weight and price from the product and the
 * variant its {@code product_options} select; a custom line takes what the client gives. SQL for
 * {@code order_products}.
 */
final class Lines {
  static final String TABLE = "order_products";

  private Lines() {}

  /**
   * A new line from a checked {@code products[]} item, or null with the problem added to {@code
   * errors} (an unknown product or variant is a 422 naming the field).
   */
  static @Nullable Line resolve(
      Handle h,
      long storeId,
      long orderId,
      long addressId,
      ObjectNode in,
      String prefix,
      Map<String, String> errors) {
    ObjectNode d = Json.MAPPER.createObjectNode();
    d.put("id", 0);
    d.put("order_id", orderId);
    long productId = in.path("product_id").asLong(0);
    long variantId = 0;
    String name;
    String sku = in.path("sku").asText("");
    String upc = in.path("upc").asText("");
    String type = "physical";
    BigDecimal price = BigDecimal.ZERO;
    BigDecimal weight = BigDecimal.ZERO;
    ArrayNode options = Json.MAPPER.createArrayNode();
    if (productId > 0) {
      if (!ProductStore.exists(h, storeId, productId)) {
        errors.put(
            prefix + "product_id", "is not a product of this store: no product " + productId);
        return null;
      }
      ObjectNode product = ProductStore.docFor(h, storeId, productId);
      Optional<ObjectNode> variant = variant(h, storeId, product, in, prefix, errors);
      if (variant.isEmpty()) {
        return null;
      }
      ObjectNode v = variant.get();
      variantId = v.path("id").asLong();
      name = product.path("name").asText();
      sku =
          v.path("sku").asText("").isEmpty()
              ? product.path("sku").asText("")
              : v.path("sku").asText();
      upc =
          v.path("upc").asText("").isEmpty()
              ? product.path("upc").asText("")
              : v.path("upc").asText();
      type = product.path("type").asText("physical");
      price =
          v.hasNonNull("calculated_price")
              ? BigDecimal.valueOf(v.get("calculated_price").asDouble())
              : BigDecimal.valueOf(product.path("price").asDouble());
      weight =
          v.hasNonNull("calculated_weight")
              ? BigDecimal.valueOf(v.get("calculated_weight").asDouble())
              : BigDecimal.valueOf(product.path("weight").asDouble());
      int n = 0;
      for (JsonNode ov : v.path("option_values")) {
        ObjectNode o = options.addObject();
        o.put("id", ++n);
        o.put("option_id", ov.path("option_id").asLong());
        o.put("order_product_id", 0);
        o.put("product_option_id", ov.path("option_id").asLong());
        o.put("display_name", ov.path("option_display_name").asText());
        o.put("display_name_customer", ov.path("option_display_name").asText());
        o.put("display_name_merchant", ov.path("option_display_name").asText());
        o.put("display_value", ov.path("label").asText());
        o.put("display_value_customer", ov.path("label").asText());
        o.put("display_value_merchant", ov.path("label").asText());
        o.put("value", String.valueOf(ov.path("id").asLong()));
        o.put("type", "Multiple choice");
        o.put("name", ov.path("option_display_name").asText());
        o.put("display_style", "");
      }
    } else {
      name = "";
    }
    if (in.has("name")) {
      name = in.get("name").asText();
    } else if (in.has("name_customer")) {
      name = in.get("name_customer").asText();
    } else if (productId == 0) {
      name = in.path("name_merchant").asText();
    }
    BigDecimal ex = money(in, "price_ex_tax", in.has("price_inc_tax") ? null : price);
    BigDecimal inc = money(in, "price_inc_tax", ex);
    if (!in.has("price_ex_tax")) {
      ex = inc;
    }
    d.put("product_id", productId);
    d.put("variant_id", variantId);
    d.put("order_address_id", addressId);
    d.put("name", name);
    d.put("name_customer", name);
    d.put("name_merchant", in.path("name_merchant").asText(name));
    d.put("sku", sku);
    d.put("upc", upc);
    d.put("type", type);
    d.put("weight", V2.money(weight));
    d.put("width", "0.0000");
    d.put("height", "0.0000");
    d.put("depth", "0.0000");
    d.put("quantity", in.path("quantity").asLong(1));
    prices(d, ex, inc);
    for (String f :
        List.of("base_cost_price", "cost_price_inc_tax", "cost_price_ex_tax", "cost_price_tax")) {
      d.put(f, "0.0000");
    }
    d.put("is_refunded", false);
    d.put("quantity_refunded", 0);
    d.put("refund_amount", "0.0000");
    d.put("return_id", 0);
    d.put("wrapping_name", in.path("wrapping_name").asText(""));
    BigDecimal wrapEx = money(in, "wrapping_cost_ex_tax", BigDecimal.ZERO);
    BigDecimal wrapInc = money(in, "wrapping_cost_inc_tax", wrapEx);
    d.put("base_wrapping_cost", V2.money(wrapInc));
    d.put("wrapping_cost_ex_tax", V2.money(wrapEx));
    d.put("wrapping_cost_inc_tax", V2.money(wrapInc));
    d.put("wrapping_cost_tax", V2.money(wrapInc.subtract(wrapEx)));
    d.put("wrapping_message", in.path("wrapping_message").asText(""));
    d.put("quantity_shipped", 0);
    d.putNull("event_name");
    d.putNull("event_date");
    d.put("fixed_shipping_cost", "0.0000");
    d.put("ebay_item_id", "");
    d.put("ebay_transaction_id", "");
    d.putNull("option_set_id");
    d.putNull("parent_order_product_id");
    d.put("is_bundled_product", false);
    d.put("bin_picking_number", "");
    d.putNull("external_id");
    d.put("fulfillment_source", "");
    d.putArray("applied_discounts");
    d.set("product_options", options);
    d.putArray("configurable_fields");
    return new Line(d, "", 0);
  }

  /** The variant a catalog line names: by product_options, by variant_id, or the base variant. */
  private static Optional<ObjectNode> variant(
      Handle h,
      long storeId,
      ObjectNode product,
      ObjectNode in,
      String prefix,
      Map<String, String> errors) {
    long productId = product.path("id").asLong();
    JsonNode options = in.path("product_options");
    if (!options.isEmpty()) {
      Map<Long, Long> wanted = new HashMap<>();
      for (JsonNode o : options) {
        wanted.put(o.path("id").asLong(), Long.parseLong(o.path("value").asText()));
      }
      Optional<ObjectNode> v = VariantStore.variantFor(h, storeId, productId, wanted);
      if (v.isEmpty()) {
        errors.put(
            prefix + "product_options",
            "select no variant of product "
                + productId
                + ": give each of its options once, as {id: option id, value: option value id}");
      }
      return v;
    }
    if (in.has("variant_id")) {
      long vid = in.get("variant_id").asLong();
      Optional<ObjectNode> v = VariantStore.variantOf(h, storeId, productId, vid);
      if (v.isEmpty()) {
        errors.put(prefix + "variant_id", "is not a variant of product " + productId);
      }
      return v;
    }
    JsonNode base = product.path("base_variant_id");
    Optional<ObjectNode> v =
        base.isIntegralNumber()
            ? VariantStore.variantOf(h, storeId, productId, base.asLong())
            : Optional.empty();
    if (v.isEmpty()) {
      errors.put(
          prefix + "product_options",
          "are required: product " + productId + " has variants; select one by its option values");
    }
    return v;
  }

  private static BigDecimal money(ObjectNode in, String field, @Nullable BigDecimal fallback) {
    JsonNode v = in.get(field);
    if (v != null && v.isNumber()) {
      return v.decimalValue();
    }
    return fallback == null ? BigDecimal.ZERO : fallback;
  }

  /** Unit prices and the line totals that follow from them and the quantity. */
  static void prices(ObjectNode d, BigDecimal ex, BigDecimal inc) {
    BigDecimal q = BigDecimal.valueOf(d.path("quantity").asLong());
    d.put("base_price", V2.money(ex));
    d.put("price_ex_tax", V2.money(ex));
    d.put("price_inc_tax", V2.money(inc));
    d.put("price_tax", V2.money(inc.subtract(ex)));
    d.put("base_total", V2.money(ex.multiply(q)));
    d.put("total_ex_tax", V2.money(ex.multiply(q)));
    d.put("total_inc_tax", V2.money(inc.multiply(q)));
    d.put("total_tax", V2.money(inc.subtract(ex).multiply(q)));
  }

  static void insert(Handle h, long storeId, Line line) {
    long id = Database.nextId(h, storeId, TABLE);
    line.doc.put("id", id);
    for (JsonNode o : line.doc.path("product_options")) {
      ((ObjectNode) o).put("order_product_id", id);
    }
    h.createUpdate(
            "INSERT INTO order_products (store_id, id, order_id, product_id, variant_id, quantity,"
                + " stock_mode, stock_taken, doc) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)")
        .bind(0, storeId)
        .bind(1, id)
        .bind(2, line.doc.path("order_id").asLong())
        .bind(3, line.productId())
        .bind(4, line.variantId())
        .bind(5, line.quantity())
        .bind(6, line.stockMode)
        .bind(7, line.stockTaken)
        .bind(8, Json.text(line.doc))
        .execute();
  }

  static void update(Handle h, long storeId, Line line) {
    h.createUpdate(
            "UPDATE order_products SET quantity = ?, stock_mode = ?, stock_taken = ?, doc = ?"
                + " WHERE store_id = ? AND id = ?")
        .bind(0, line.quantity())
        .bind(1, line.stockMode)
        .bind(2, line.stockTaken)
        .bind(3, Json.text(line.doc))
        .bind(4, storeId)
        .bind(5, line.id())
        .execute();
  }

  /** The lines of an order, by id. */
  static List<Line> of(Handle h, long storeId, long orderId) {
    return h.createQuery(
            "SELECT doc, stock_mode, stock_taken FROM order_products"
                + " WHERE store_id = ? AND order_id = ? ORDER BY id")
        .bind(0, storeId)
        .bind(1, orderId)
        .map(
            (rs, ctx) ->
                new Line((ObjectNode) Json.tree(rs.getString(1)), rs.getString(2), rs.getLong(3)))
        .list();
  }
}
