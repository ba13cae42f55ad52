package dev.stockroom.orders;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.stockroom.api.Schema;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.Locale;

/** What a shipment accepts (orderShipment_Post / _Put) and its generated tracking link. */
final class Shipment {
  private Shipment() {}

  private static final String[] PROVIDERS = {
    "auspost",
    "canadapost",
    "endicia",
    "usps",
    "fedex",
    "ups",
    "upsready",
    "upsonline",
    "shipperhq",
    ""
  };

  private static final String[] READ_ONLY = {
    "id",
    "order_id",
    "customer_id",
    "date_created",
    "tracking_link",
    "billing_address",
    "shipping_address",
    "merchant_shipping_cost",
    "shipping_provider_display_name"
  };

  private static Schema fields(Schema s) {
    return s.integer("order_address_id", 1, OrderInput.MAX_ID)
        .string("tracking_number", 0, 255)
        .string("shipping_method", 0, 255)
        .enumeration("shipping_provider", PROVIDERS)
        .string("tracking_carrier", 0, 100)
        .string("comments", 0, 65_535);
  }

  static final Schema POST =
      fields(Schema.of(READ_ONLY))
          .objectArray(
              "items",
              Schema.of("product_id")
                  .integer("order_product_id", 1, OrderInput.MAX_ID)
                  .integer("quantity", 1, 1_000_000),
              500);

  static final Schema PUT = fields(Schema.of(add(READ_ONLY, "items")));

  private static String[] add(String[] a, String extra) {
    String[] out = java.util.Arrays.copyOf(a, a.length + 1);
    out[a.length] = extra;
    return out;
  }

  /**
   * contract: orders.v2 — tracking_link is generated from the provider or carrier and the tracking
   * number; "" when either is missing or the carrier is not one Stockroom knows a page for.
   */
  static void link(ObjectNode s) {
    String number = s.path("tracking_number").asText("");
    String carrier = s.path("tracking_carrier").asText("");
    if (carrier.isEmpty()) {
      carrier = s.path("shipping_provider").asText("");
    }
    String n = URLEncoder.encode(number, StandardCharsets.UTF_8);
    String url =
        number.isEmpty()
            ? ""
            : switch (carrier.toLowerCase(Locale.ROOT)) {
              case "ups", "upsready", "upsonline" -> "https://www.ups.com/track?tracknum=" + n;
              case "usps", "endicia" ->
                  "https://tools.usps.com/go/TrackConfirmAction?qtc_tLabels1=" + n;
              case "fedex" -> "https://www.fedex.com/fedextrack/?trknbr=" + n;
              case "auspost", "australia-post" ->
                  "https://auspost.com.au/mypost/track/#/details/" + n;
              case "canadapost", "canada-post" ->
                  "https://www.canadapost-postescanada.ca/track-reperage/en#/search?searchFor=" + n;
              case "dhl", "dhl-express" ->
                  "https://www.dhl.com/global-en/home/tracking.html?tracking-id=" + n;
              default -> "";
            };
    s.put("tracking_link", url);
  }
}
