package dev.stockroom.orders;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.stockroom.api.ApiException;
import dev.stockroom.api.Dates;
import dev.stockroom.api.Json;
import dev.stockroom.api.Schema;
import dev.stockroom.api.V2;
import java.math.BigDecimal;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Checks order bodies ({@code order_Post}, {@code order_Put}, {@code shippingAddress_Base}) into
 * clean objects, every bad field of one body in one 422. Money fields take numbers or numeric
 * strings and come out as decimals (contract: orders.v2 "Float, Float-As-String, Integer"); {@code
 * zip} and {@code phone} take numbers or strings and come out as strings (trap 25).
 */
final class OrderInput {
  private OrderInput() {}

  static final long MAX_ID = 1_000_000_000_000L;
  static final int MAX_LINES = 500;

  static final Set<String> ORDER_MONEY =
      Set.of(
          "base_handling_cost",
          "base_shipping_cost",
          "base_wrapping_cost",
          "discount_amount",
          "handling_cost_ex_tax",
          "handling_cost_inc_tax",
          "refunded_amount",
          "shipping_cost_ex_tax",
          "shipping_cost_inc_tax",
          "subtotal_ex_tax",
          "subtotal_inc_tax",
          "total_ex_tax",
          "total_inc_tax",
          "wrapping_cost_ex_tax",
          "wrapping_cost_inc_tax");

  /** Read-only fields of order_Resp that clients echo back: accepted and dropped. */
  private static final String[] ORDER_READ_ONLY = {
    "id",
    "date_modified",
    "date_shipped",
    "cart_id",
    "status",
    "subtotal_tax",
    "shipping_cost_tax",
    "shipping_cost_tax_class_id",
    "handling_cost_tax",
    "handling_cost_tax_class_id",
    "wrapping_cost_tax",
    "wrapping_cost_tax_class_id",
    "payment_status",
    "store_credit_amount",
    "gift_certificate_amount",
    "currency_id",
    "currency_code",
    "currency_exchange_rate",
    "default_currency_id",
    "coupon_discount",
    "shipping_address_count",
    "is_email_opt_in",
    "order_source",
    "coupons",
    "total_tax",
    "items_total",
    "items_shipped",
    "credit_card_type",
    "custom_status",
    "external_merchant_id",
    "store_default_currency_code",
    "store_default_to_transactional_exchange_rate"
  };

  private static final Schema ORDER =
      Schema.of(ORDER_READ_ONLY)
          .integer("customer_id", 0, MAX_ID)
          .integer("status_id", 0, 14)
          .integer("channel_id", 1, MAX_ID)
          .string("customer_message", 0, 65_535)
          .string("staff_notes", 0, 65_535)
          .string("default_currency_code", 0, 16)
          .string("ebay_order_id", 0, 255)
          .string("external_id", 0, 255)
          .nullable()
          .string("external_source", 0, 255)
          .nullable()
          .string("geoip_country", 0, 255)
          .string("geoip_country_iso2", 0, 2)
          .string("ip_address", 0, 64)
          .bool("is_deleted")
          .bool("order_is_digital")
          // contract: the body enum and the filter enum differ; an order may carry either's values
          .enumeration(
              "payment_method",
              "Credit Card",
              "Cash",
              "Test Payment Gateway",
              "Manual",
              "Cash on Delivery",
              "Pay In Store",
              "")
          .string("payment_provider_id", 0, 255)
          .enumeration("tax_provider_id", "BasicTaxProvider", "AvaTaxProvider", "")
          .string("customer_locale", 0, 32)
          .string("date_created", 1, 64);

  private static final Schema BILLING =
      Schema.of("form_fields")
          .string("first_name", 0, 255)
          .string("last_name", 0, 255)
          .string("company", 0, 255)
          .string("street_1", 0, 255)
          .string("street_2", 0, 255)
          .string("city", 0, 255)
          .string("state", 0, 255)
          .string("zip", 2, 32)
          .string("country", 0, 255)
          .string("country_iso2", 0, 2)
          .string("phone", 0, 64)
          .string("email", 0, 255);

  static final Schema SHIPPING =
      Schema.of(
              "id",
              "order_id",
              "items_total",
              "items_shipped",
              "base_cost",
              "cost_ex_tax",
              "cost_inc_tax",
              "cost_tax",
              "cost_tax_class_id",
              "base_handling_cost",
              "handling_cost_ex_tax",
              "handling_cost_inc_tax",
              "handling_cost_tax",
              "handling_cost_tax_class_id",
              "shipping_zone_id",
              "shipping_zone_name",
              "form_fields",
              "shipping_quotes")
          .string("first_name", 0, 255)
          .string("last_name", 0, 255)
          .string("company", 0, 255)
          .string("street_1", 0, 255)
          .string("street_2", 0, 255)
          .string("city", 0, 255)
          .string("state", 0, 255)
          .string("zip", 0, 32)
          .string("country", 0, 255)
          .string("country_iso2", 0, 2)
          .string("phone", 0, 64)
          .string("email", 0, 255)
          .string("shipping_method", 0, 255);

  /** A POST body: products and billing_address are required. */
  static ObjectNode post(JsonNode body) {
    return order(body, true);
  }

  /** A PUT body: every field optional. */
  static ObjectNode put(JsonNode body) {
    return order(body, false);
  }

  /** A shipping address PUT body. */
  static ObjectNode shippingAddress(JsonNode body) {
    Map<String, String> errors = new LinkedHashMap<>();
    ObjectNode clean = object(body, "", SHIPPING, Set.of(), Set.of("zip", "phone"), errors);
    fail(errors);
    return clean;
  }

  private static ObjectNode order(JsonNode body, boolean post) {
    Map<String, String> errors = new LinkedHashMap<>();
    if (!body.isObject()) {
      throw ApiException.Invalid.field("body", "must be a JSON object");
    }
    ObjectNode rest = ((ObjectNode) body).deepCopy();
    JsonNode billing = rest.remove("billing_address");
    JsonNode products = rest.remove("products");
    JsonNode shipping = rest.remove("shipping_addresses");
    ObjectNode clean = object(rest, "", ORDER, ORDER_MONEY, Set.of("payment_provider_id"), errors);
    if (billing != null) {
      clean.set(
          "billing_address",
          object(billing, "billing_address.", BILLING, Set.of(), Set.of("zip", "phone"), errors));
      if (post && billing.isObject() && !billing.hasNonNull("zip")) {
        errors.put("billing_address.zip", "is required");
      }
    } else if (post) {
      errors.put("billing_address", "is required");
    }
    if (products != null) {
      clean.set("products", LineInput.lines(products, post, errors));
    } else if (post) {
      errors.put("products", "is required");
    }
    if (shipping != null) {
      clean.set("shipping_addresses", addresses(shipping, post, errors));
    }
    if (clean.has("date_created")) {
      try {
        clean.put("date_created", Dates.parse(clean.get("date_created").asText()) / 1000 * 1000);
      } catch (IllegalArgumentException e) {
        errors.put("date_created", "must be an RFC 2822 or ISO 8601 date");
      }
    }
    pair(clean, "subtotal_ex_tax", "subtotal_inc_tax", errors);
    pair(clean, "total_ex_tax", "total_inc_tax", errors);
    fail(errors);
    return clean;
  }

  /** contract: orders.v2 — "if one is given, the other is required" for subtotal and total. */
  private static void pair(ObjectNode in, String a, String b, Map<String, String> errors) {
    if (in.has(a) != in.has(b)) {
      String missing = in.has(a) ? b : a;
      errors.putIfAbsent(
          missing, "is required when " + (in.has(a) ? a : b) + " is given (they come as a pair)");
    }
  }

  private static ArrayNode addresses(JsonNode given, boolean post, Map<String, String> errors) {
    ArrayNode out = Json.MAPPER.createArrayNode();
    if (!given.isArray()) {
      // order_Put takes one address object (it updates the first); order_Post an array.
      if (!post && given.isObject()) {
        out.add(
            object(
                given, "shipping_addresses.", SHIPPING, Set.of(), Set.of("zip", "phone"), errors));
        return out;
      }
      errors.put("shipping_addresses", "must be an array of shipping addresses");
      return out;
    }
    if (given.size() > 50) {
      errors.put("shipping_addresses", "must have at most 50 items");
      return out;
    }
    for (int i = 0; i < given.size(); i++) {
      out.add(
          object(
              given.get(i),
              "shipping_addresses." + i + ".",
              SHIPPING,
              Set.of(),
              Set.of("zip", "phone"),
              errors));
    }
    return out;
  }

  /**
   * One object: {@code money} fields as decimals, {@code loose} fields (string or number) as
   * strings, the rest checked by {@code schema}.
   */
  static ObjectNode object(
      JsonNode body,
      String prefix,
      Schema schema,
      Set<String> money,
      Set<String> loose,
      Map<String, String> errors) {
    if (!body.isObject()) {
      return schema.collect(body, prefix, List.of(), errors);
    }
    ObjectNode copy = ((ObjectNode) body).deepCopy();
    Map<String, BigDecimal> amounts = new LinkedHashMap<>();
    for (String f : money) {
      JsonNode v = copy.remove(f);
      if (v == null) {
        continue;
      }
      if (v.isNull()) {
        errors.put(prefix + f, "must not be null");
        continue;
      }
      BigDecimal d = V2.moneyInput(v, prefix + f, errors);
      if (d != null && d.signum() < 0) {
        errors.put(prefix + f, "must not be negative");
      } else if (d != null) {
        amounts.put(f, d);
      }
    }
    for (String f : loose) {
      JsonNode v = copy.get(f);
      if (v != null && v.isIntegralNumber() && v.bigIntegerValue().signum() >= 0) {
        copy.put(f, v.bigIntegerValue().toString());
      }
    }
    ObjectNode clean = schema.collect(copy, prefix, List.of(), errors);
    amounts.forEach(clean::put);
    return clean;
  }

  static void fail(Map<String, String> errors) {
    if (!errors.isEmpty()) {
      String first = errors.keySet().iterator().next();
      throw new ApiException.Invalid(
          "The request is missing or has invalid fields: "
              + first
              + " "
              + errors.get(first)
              + (errors.size() > 1 ? " (and " + (errors.size() - 1) + " more, see details)" : "."),
          errors);
    }
  }
}
