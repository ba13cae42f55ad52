package dev.stockroom.orders;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.stockroom.api.ApiException;
import dev.stockroom.api.Call;
import dev.stockroom.api.Json;
import dev.stockroom.api.V2;
import java.math.BigDecimal;
import java.util.List;
import java.util.Set;

/**
 * The order document ({@code order_Resp}, every field of the spec and of its example, trap 36:
 * empty strings for unset text, null where the example has null) and its totals.
 */
final class Order {
  private Order() {}

  private static final BigDecimal MAX_TOTAL = BigDecimal.valueOf(1_000_000_000_000L);

  /** Fields a PUT copies as given. */
  private static final Set<String> PLAIN =
      Set.of(
          "customer_id",
          "channel_id",
          "customer_message",
          "staff_notes",
          "default_currency_code",
          "ebay_order_id",
          "external_id",
          "external_source",
          "geoip_country",
          "geoip_country_iso2",
          "ip_address",
          "is_deleted",
          "order_is_digital",
          "payment_method",
          "payment_provider_id",
          "tax_provider_id",
          "customer_locale");

  static ObjectNode create(long id, ObjectNode in, long now) {
    ObjectNode d = Json.MAPPER.createObjectNode();
    d.put("id", id);
    d.put("customer_id", in.path("customer_id").asLong(0)); // 0: a guest (trap 37)
    long created = in.has("date_created") ? in.get("date_created").asLong() : now;
    d.put("date_created", V2.date(created));
    d.put("date_modified", V2.date(now));
    d.put("date_shipped", "");
    long status = in.path("status_id").asLong(OrderStatus.PENDING);
    d.put("status_id", status);
    d.put("status", OrderStatus.nameOf(status));
    for (String f :
        List.of(
            "subtotal_ex_tax",
            "subtotal_inc_tax",
            "subtotal_tax",
            "base_shipping_cost",
            "shipping_cost_ex_tax",
            "shipping_cost_inc_tax",
            "shipping_cost_tax")) {
      d.put(f, "0.0000");
    }
    d.put("shipping_cost_tax_class_id", 0);
    for (String f :
        List.of(
            "base_handling_cost",
            "handling_cost_ex_tax",
            "handling_cost_inc_tax",
            "handling_cost_tax")) {
      d.put(f, "0.0000");
    }
    d.put("handling_cost_tax_class_id", 0);
    for (String f :
        List.of(
            "base_wrapping_cost",
            "wrapping_cost_ex_tax",
            "wrapping_cost_inc_tax",
            "wrapping_cost_tax")) {
      d.put(f, "0.0000");
    }
    d.put("wrapping_cost_tax_class_id", 0);
    d.put("total_ex_tax", "0.0000");
    d.put("total_inc_tax", "0.0000");
    d.put("total_tax", "0.0000");
    d.put("items_total", 0);
    d.put("items_shipped", 0);
    d.put("payment_method", "");
    d.put("payment_provider_id", "");
    d.put("payment_status", "");
    d.put("refunded_amount", "0.0000");
    d.put("order_is_digital", false);
    d.put("store_credit_amount", "0.0000");
    d.put("gift_certificate_amount", "0.0000");
    d.put("ip_address", "");
    d.put("geoip_country", "");
    d.put("geoip_country_iso2", "");
    d.put("currency_id", 1);
    d.put("currency_code", "USD");
    d.put("currency_exchange_rate", V2.rate(BigDecimal.ONE));
    d.put("default_currency_id", 1);
    d.put("default_currency_code", "USD");
    d.put("staff_notes", "");
    d.put("customer_message", "");
    d.put("discount_amount", "0.0000");
    d.put("coupon_discount", "0.0000");
    d.put("shipping_address_count", 0);
    d.put("is_deleted", false);
    d.put("ebay_order_id", "0");
    d.put("cart_id", "");
    ObjectNode billing = d.putObject("billing_address");
    for (String f : Addresses.TEXT) {
      billing.put(f, "");
    }
    billing.putArray("form_fields");
    d.put("is_email_opt_in", false);
    d.putNull("credit_card_type");
    d.put("order_source", "external"); // contract: API-created orders (trap 37)
    d.put("channel_id", 1);
    d.putNull("external_source");
    d.putNull("products");
    d.putNull("shipping_addresses");
    d.putNull("coupons");
    d.putNull("external_id");
    d.putNull("external_merchant_id");
    d.put("tax_provider_id", "");
    d.put("store_default_currency_code", "USD");
    d.put("store_default_to_transactional_exchange_rate", V2.rate(BigDecimal.ONE));
    d.put("custom_status", OrderStatus.nameOf(status));
    d.put("customer_locale", "en");
    apply(d, in);
    return d;
  }

  /** Copies the plain fields and the billing address of a checked input into the document. */
  static void apply(ObjectNode d, ObjectNode in) {
    for (String f : PLAIN) {
      JsonNode v = in.get(f);
      if (v != null) {
        d.set(f, v);
      }
    }
    if (in.has("billing_address")) {
      ((ObjectNode) d.get("billing_address")).setAll((ObjectNode) in.get("billing_address"));
    }
    if (in.has("date_created")) {
      d.put("date_created", V2.date(in.get("date_created").asLong()));
    }
    if (in.has("status_id")) {
      long s = in.get("status_id").asLong();
      d.put("status_id", s);
      d.put("status", OrderStatus.nameOf(s));
      d.put("custom_status", OrderStatus.nameOf(s));
    }
  }

  /**
   * Recomputes the money of the order from its lines and the amounts given in {@code in}: given
   * amounts win, then what the order had. Subtotals follow the lines unless given as a pair; totals
   * = subtotal + shipping + handling + wrapping − discount unless given as a pair.
   */
  static void money(ObjectNode d, ObjectNode in, List<Line> lines, boolean linesChanged) {
    BigDecimal[] sub;
    if (in.has("subtotal_ex_tax")) {
      sub = new BigDecimal[] {dec(in, "subtotal_ex_tax"), dec(in, "subtotal_inc_tax")};
    } else if (linesChanged) {
      sub = new BigDecimal[] {BigDecimal.ZERO, BigDecimal.ZERO};
      for (Line l : lines) {
        sub[0] = sub[0].add(new BigDecimal(l.doc.path("total_ex_tax").asText()));
        sub[1] = sub[1].add(new BigDecimal(l.doc.path("total_inc_tax").asText()));
      }
    } else {
      sub = new BigDecimal[] {stored(d, "subtotal_ex_tax"), stored(d, "subtotal_inc_tax")};
    }
    BigDecimal[] ship = pair(d, in, "shipping_cost");
    BigDecimal[] hand = pair(d, in, "handling_cost");
    BigDecimal[] wrap = pair(d, in, "wrapping_cost");
    base(d, in, "base_shipping_cost", "shipping_cost", ship[1]);
    base(d, in, "base_handling_cost", "handling_cost", hand[1]);
    base(d, in, "base_wrapping_cost", "wrapping_cost", wrap[1]);
    BigDecimal discount =
        in.has("discount_amount") ? dec(in, "discount_amount") : stored(d, "discount_amount");
    put(d, "subtotal", sub);
    put(d, "shipping_cost", ship);
    put(d, "handling_cost", hand);
    put(d, "wrapping_cost", wrap);
    d.put("discount_amount", V2.money(discount));
    if (in.has("refunded_amount")) {
      d.put("refunded_amount", V2.money(dec(in, "refunded_amount")));
    }
    BigDecimal[] total;
    if (in.has("total_ex_tax")) {
      total = new BigDecimal[] {dec(in, "total_ex_tax"), dec(in, "total_inc_tax")};
    } else {
      total = new BigDecimal[2];
      for (int i = 0; i < 2; i++) {
        total[i] =
            sub[i].add(ship[i]).add(hand[i]).add(wrap[i]).subtract(discount).max(BigDecimal.ZERO);
      }
    }
    for (BigDecimal t : total) {
      if (t.abs().compareTo(MAX_TOTAL) >= 0) {
        throw ApiException.Invalid.field(
            "total_inc_tax", "is out of range: an order's total must stay below 1000000000000");
      }
    }
    d.put("total_ex_tax", V2.money(total[0]));
    d.put("total_inc_tax", V2.money(total[1]));
    d.put("total_tax", V2.money(total[1].subtract(total[0])));
    long items = 0;
    long shipped = 0;
    for (Line l : lines) {
      items += l.quantity();
      shipped += l.shipped();
    }
    d.put("items_total", items);
    d.put("items_shipped", shipped);
  }

  /** Whether a PUT input changes any amount (then the totals are computed again). */
  static boolean touchesMoney(ObjectNode in) {
    for (String f : OrderInput.ORDER_MONEY) {
      if (in.has(f)) {
        return true;
      }
    }
    return false;
  }

  private static BigDecimal[] pair(ObjectNode d, ObjectNode in, String name) {
    String ex = name + "_ex_tax";
    String inc = name + "_inc_tax";
    if (in.has(ex) || in.has(inc)) {
      BigDecimal e = in.has(ex) ? dec(in, ex) : dec(in, inc);
      BigDecimal i = in.has(inc) ? dec(in, inc) : e;
      return new BigDecimal[] {e, i};
    }
    return new BigDecimal[] {stored(d, ex), stored(d, inc)};
  }

  private static void base(ObjectNode d, ObjectNode in, String field, String name, BigDecimal inc) {
    if (in.has(field)) {
      d.put(field, V2.money(dec(in, field)));
    } else if (in.has(name + "_ex_tax") || in.has(name + "_inc_tax")) {
      d.put(field, V2.money(inc));
    }
  }

  private static void put(ObjectNode d, String name, BigDecimal[] exInc) {
    d.put(name + "_ex_tax", V2.money(exInc[0]));
    d.put(name + "_inc_tax", V2.money(exInc[1]));
    d.put(name + "_tax", V2.money(exInc[1].subtract(exInc[0])));
  }

  private static BigDecimal dec(ObjectNode in, String f) {
    return in.get(f).decimalValue();
  }

  private static BigDecimal stored(ObjectNode d, String f) {
    String s = d.path(f).asText("0");
    return s.isEmpty() ? BigDecimal.ZERO : new BigDecimal(s);
  }

  /** The order as served: the stored document with its sub-resource links (trap 26). */
  static ObjectNode render(Call c, JsonNode stored) {
    ObjectNode d = ((ObjectNode) stored).deepCopy();
    long id = d.path("id").asLong();
    d.set("products", V2.link(c, "/orders/" + id + "/products"));
    // contract: orders.v2 example — the shipping addresses link is spelled without underscore
    d.set("shipping_addresses", V2.link(c, "/orders/" + id + "/shippingaddresses"));
    d.set("coupons", V2.link(c, "/orders/" + id + "/coupons"));
    return d;
  }

  /** The total in ten-thousandths, for the total column (min_total / max_total). */
  static long totalUnits(ObjectNode d) {
    return new BigDecimal(d.path("total_inc_tax").asText("0"))
        .movePointRight(4)
        .setScale(0, java.math.RoundingMode.HALF_UP)
        .longValueExact();
  }
}
