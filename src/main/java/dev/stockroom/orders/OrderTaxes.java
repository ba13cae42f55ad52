package dev.stockroom.orders;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.stockroom.api.Json;
import dev.stockroom.api.V2;
import java.math.BigDecimal;
import java.math.RoundingMode;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * An order's tax lines ({@code GET /orders/{id}/taxes}). Stockroom has no tax engine: an order
 * created through the API carries its tax in its own amounts (each line's inc − ex price, and the
 * shipping, handling and wrapping costs likewise), which is what BigCommerce books as an "API Tax
 * Override". Each taxed amount is one tax line; with {@code details=false} they are summed per
 * shipping address, without {@code order_product_id} and {@code line_item_type}.
 */
final class OrderTaxes {
  static final String NAME = "API Tax Override";
  static final String CLASS = "API Tax";

  private OrderTaxes() {}

  /** The tax lines of {@code order} with its {@code lines}, in id order. */
  static List<ObjectNode> of(ObjectNode order, List<ObjectNode> lines, boolean details) {
    List<ObjectNode> out = new ArrayList<>();
    long orderId = order.path("id").asLong();
    long firstAddress = 0;
    for (ObjectNode l : lines) {
      BigDecimal tax = amount(l.path("total_tax"));
      long address = l.path("order_address_id").asLong();
      firstAddress = firstAddress == 0 ? address : firstAddress;
      if (tax.signum() != 0) {
        out.add(
            line(
                out.size() + 1,
                orderId,
                address,
                tax,
                amount(l.path("total_ex_tax")),
                String.valueOf(l.path("id").asLong()),
                "item"));
      }
    }
    String[][] costs = {
      {"shipping_cost", "shipping"},
      {"handling_cost", "handling"},
      {"wrapping_cost", "gift-wrapping"}
    };
    for (String[] cost : costs) {
      BigDecimal tax = amount(order.path(cost[0] + "_tax"));
      if (tax.signum() != 0) {
        out.add(
            line(
                out.size() + 1,
                orderId,
                firstAddress,
                tax,
                amount(order.path(cost[0] + "_ex_tax")),
                "0",
                cost[1]));
      }
    }
    return details ? out : summed(out);
  }

  private static ObjectNode line(
      long id,
      long orderId,
      long addressId,
      BigDecimal tax,
      BigDecimal taxed,
      String orderProductId,
      String type) {
    ObjectNode t = Json.MAPPER.createObjectNode();
    t.put("id", id);
    t.put("order_id", orderId);
    t.put("order_address_id", addressId);
    t.put("tax_rate_id", 0);
    t.put("tax_class_id", 0);
    t.put("name", NAME);
    t.put("class", CLASS);
    t.put("rate", V2.money(rate(tax, taxed)));
    t.put("priority", 0);
    t.put("priority_amount", V2.money(tax));
    t.put("line_amount", V2.money(tax));
    // contract: orders.v2 orderTaxes_Base types order_product_id as a string
    t.put("order_product_id", orderProductId);
    t.put("line_item_type", type);
    return t;
  }

  /** One line per shipping address: the amounts summed, the rate over the summed taxed amount. */
  private static List<ObjectNode> summed(List<ObjectNode> lines) {
    Map<Long, ObjectNode> byAddress = new LinkedHashMap<>();
    Map<Long, BigDecimal[]> totals = new LinkedHashMap<>();
    for (ObjectNode l : lines) {
      long address = l.path("order_address_id").asLong();
      BigDecimal tax = amount(l.path("line_amount"));
      BigDecimal rate = amount(l.path("rate"));
      BigDecimal taxed =
          rate.signum() == 0
              ? BigDecimal.ZERO
              : tax.multiply(BigDecimal.valueOf(100)).divide(rate, 4, RoundingMode.HALF_UP);
      BigDecimal[] t = totals.computeIfAbsent(address, a -> new BigDecimal[] {ZERO, ZERO});
      t[0] = t[0].add(tax);
      t[1] = t[1].add(taxed);
      ObjectNode s = byAddress.computeIfAbsent(address, a -> l.deepCopy());
      s.put("id", byAddress.size());
      s.remove(List.of("order_product_id", "line_item_type"));
      s.put("priority_amount", V2.money(t[0]));
      s.put("line_amount", V2.money(t[0]));
      s.put("rate", V2.money(rate(t[0], t[1])));
    }
    return new ArrayList<>(byAddress.values());
  }

  private static final BigDecimal ZERO = BigDecimal.ZERO;

  /** The tax as a percentage of the taxed amount (0 when nothing was taxed). */
  private static BigDecimal rate(BigDecimal tax, BigDecimal taxed) {
    return taxed.signum() == 0
        ? BigDecimal.ZERO
        : tax.multiply(BigDecimal.valueOf(100)).divide(taxed, 4, RoundingMode.HALF_UP);
  }

  private static BigDecimal amount(JsonNode v) {
    try {
      return new BigDecimal(v.asText("0").isBlank() ? "0" : v.asText("0"));
    } catch (NumberFormatException e) {
      return BigDecimal.ZERO;
    }
  }
}
