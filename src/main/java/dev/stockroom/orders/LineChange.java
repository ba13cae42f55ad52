package dev.stockroom.orders;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.math.BigDecimal;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.jdbi.v3.core.Handle;

/**
 * A PUT's change to an existing order line (orderCatalogProduct_Put / orderCustomProduct_Put with
 * {@code id}): quantity, prices, names, SKU/UPC and wrapping. The product and variant of a line do
 * not change; a different product is a new line.
 */
final class LineChange {
  private LineChange() {}

  static void apply(Line l, ObjectNode in, String prefix, Map<String, String> errors) {
    ObjectNode d = l.doc;
    if (in.has("product_id") && in.get("product_id").asLong() != l.productId()) {
      errors.put(
          prefix + "product_id",
          "cannot change on an existing line; add the product as a new line (without id)");
    }
    if (in.has("variant_id") && in.get("variant_id").asLong() != l.variantId()) {
      errors.put(
          prefix + "variant_id",
          "cannot change on an existing line; add the variant as a new line (without id)");
    }
    if (!in.path("product_options").isEmpty()) {
      errors.put(
          prefix + "product_options",
          "cannot change on an existing line; add the variant as a new line (without id)");
    }
    if (in.has("quantity")) {
      long q = in.get("quantity").asLong();
      if (q < l.shipped()) {
        errors.put(
            prefix + "quantity",
            "must be at least the " + l.shipped() + " already shipped on this line");
        return;
      }
      d.put("quantity", q);
    }
    if (in.has("name") || in.has("name_customer")) {
      String name = in.has("name") ? in.get("name").asText() : in.get("name_customer").asText();
      d.put("name", name);
      d.put("name_customer", name);
    }
    for (String f : List.of("name_merchant", "sku", "upc", "wrapping_name", "wrapping_message")) {
      JsonNode v = in.get(f);
      if (v != null) {
        d.put(f, v.asText());
      }
    }
    BigDecimal ex = new BigDecimal(d.path("price_ex_tax").asText("0"));
    BigDecimal inc = new BigDecimal(d.path("price_inc_tax").asText("0"));
    if (in.has("price_ex_tax")) {
      ex = in.get("price_ex_tax").decimalValue();
      inc = in.has("price_inc_tax") ? in.get("price_inc_tax").decimalValue() : ex;
    } else if (in.has("price_inc_tax")) {
      inc = in.get("price_inc_tax").decimalValue();
      ex = inc;
    }
    Lines.prices(d, ex, inc);
  }

  /**
   * Applies {@code products[]} of a PUT: items with {@code id} change that line, items without add
   * one. Collects the stock each change asks for into {@code claims}. Returns whether any line
   * changed.
   */
  static boolean all(
      Handle h,
      long storeId,
      long orderId,
      List<Line> lines,
      JsonNode items,
      List<Line> added,
      List<Stock.Claim> claims) {
    Map<String, String> errors = new LinkedHashMap<>();
    Map<Long, Line> byId = new HashMap<>();
    lines.forEach(l -> byId.put(l.id(), l));
    for (int i = 0; i < items.size(); i++) {
      ObjectNode item = (ObjectNode) items.get(i);
      String prefix = "products." + i + ".";
      if (!item.has("id")) {
        Line l = Lines.resolve(h, storeId, orderId, 0, item, prefix, errors);
        if (l != null) {
          added.add(l);
          claims.add(new Stock.Claim(l, l.quantity()));
        }
        continue;
      }
      Line l = byId.get(item.get("id").asLong());
      if (l == null) {
        errors.put(prefix + "id", "is not a product line of order " + orderId);
        continue;
      }
      long before = l.quantity();
      apply(l, item, prefix, errors);
      long delta = l.quantity() - before;
      if (delta > 0) {
        claims.add(new Stock.Claim(l, delta));
      } else if (delta < 0 && !l.stockMode.isEmpty()) {
        claims.add(new Stock.Claim(l, Math.max(delta, -l.stockTaken)));
      }
    }
    OrderInput.fail(errors);
    return true;
  }
}
