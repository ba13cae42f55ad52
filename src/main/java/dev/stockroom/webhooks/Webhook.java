package dev.stockroom.webhooks;

import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.stockroom.api.ApiException;
import dev.stockroom.api.Json;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Pattern;
import org.jspecify.annotations.Nullable;

/**
 * A webhook as webhooks.v3 has it ({@code webhook_Full}): times are Unix seconds (spec-digest §8
 * #4), {@code headers} is a string map or null.
 */
record Webhook(
    long id,
    String clientId,
    String storeHash,
    String scope,
    String destination,
    boolean active,
    @Nullable Map<String, String> headers,
    long createdAt,
    long updatedAt) {

  /** contract: spec-digest §7 — the events of models/webhooks/_all.yml and the doc's wildcards. */
  static final Set<String> EVENTS =
      Set.copyOf(
          List.of(
              "store/app/uninstalled",
              "store/information/updated",
              "store/cart/*",
              "store/cart/created",
              "store/cart/updated",
              "store/cart/deleted",
              "store/cart/abandoned",
              "store/cart/couponApplied",
              "store/cart/converted",
              "store/cart/lineItem/*",
              "store/cart/lineItem/created",
              "store/cart/lineItem/updated",
              "store/cart/lineItem/deleted",
              "store/category/*",
              "store/category/created",
              "store/category/updated",
              "store/category/deleted",
              "store/channel/*",
              "store/channel/created",
              "store/channel/updated",
              "store/customer/*",
              "store/customer/created",
              "store/customer/updated",
              "store/customer/deleted",
              "store/customer/address/created",
              "store/customer/address/updated",
              "store/customer/address/deleted",
              "store/customer/payment/instrument/default/updated",
              "store/order/*",
              "store/order/created",
              "store/order/updated",
              "store/order/archived",
              "store/order/statusUpdated",
              "store/order/message/created",
              "store/order/refund/created",
              "store/product/*",
              "store/product/created",
              "store/product/updated",
              "store/product/deleted",
              "store/product/inventory/updated",
              "store/product/inventory/order/updated",
              "store/shipment/*",
              "store/shipment/created",
              "store/shipment/updated",
              "store/shipment/deleted",
              "store/sku/*",
              "store/sku/created",
              "store/sku/updated",
              "store/sku/deleted",
              "store/sku/inventory/updated",
              "store/sku/inventory/order/updated",
              "store/subscriber/*",
              "store/subscriber/created",
              "store/subscriber/updated",
              "store/subscriber/deleted"));

  /** A header name is an RFC 9110 token; these ones the sender sets itself. */
  private static final Pattern TOKEN = Pattern.compile("^[!#$%&'*+.^_`|~0-9A-Za-z-]{1,128}$");

  private static final Set<String> RESERVED =
      Set.of("host", "content-length", "content-type", "transfer-encoding", "connection", "te");

  static final int MAX_HEADERS = 32;

  private static final TypeReference<Map<String, String>> HEADER_MAP = new TypeReference<>() {};

  /** The custom headers as stored (a JSON object), or null. */
  static @Nullable Map<String, String> headers(@Nullable String stored) {
    return stored == null ? null : Json.MAPPER.convertValue(Json.tree(stored), HEADER_MAP);
  }

  ObjectNode toJson() {
    ObjectNode o = JsonNodeFactory.instance.objectNode();
    o.put("id", id);
    o.put("client_id", clientId);
    o.put("store_hash", storeHash);
    o.put("scope", scope);
    o.put("destination", destination);
    if (headers == null) {
      o.putNull("headers");
    } else {
      ObjectNode h = o.putObject("headers");
      headers.forEach(h::put);
    }
    o.put("is_active", active);
    o.put("created_at", createdAt);
    o.put("updated_at", updatedAt);
    return o;
  }

  /** The fields of a create or update body, checked; absent fields are null. */
  record Input(
      @Nullable String scope,
      @Nullable String destination,
      @Nullable Boolean active,
      @Nullable Map<String, String> headers,
      boolean headersGiven) {

    /** Reads {@code body}; every problem is reported at once as one 422. */
    static Input of(JsonNode body, boolean create, Destinations destinations) {
      if (!body.isObject()) {
        throw ApiException.Invalid.field("body", "must be a JSON object");
      }
      Map<String, String> errors = new LinkedHashMap<>();
      String scope = text(body, "scope", errors);
      if (scope != null && !EVENTS.contains(scope)) {
        errors.put(
            "scope",
            "'"
                + scope
                + "' is not a webhook event; use one such as store/product/updated or"
                + " a wildcard such as store/order/*");
      }
      String destination = text(body, "destination", errors);
      if (destination != null) {
        String problem = destinations.problem(destination);
        if (problem != null) {
          errors.put("destination", problem);
        }
      }
      Boolean active = null;
      JsonNode a = body.get("is_active");
      if (a != null && !a.isNull()) {
        if (a.isBoolean()) {
          active = a.booleanValue();
        } else {
          errors.put("is_active", "must be true or false");
        }
      }
      Map<String, String> headers = headers(body.get("headers"), errors);
      if (create) {
        if (!body.hasNonNull("scope")) {
          errors.putIfAbsent("scope", "is required");
        }
        if (!body.hasNonNull("destination")) {
          errors.putIfAbsent("destination", "is required");
        }
      }
      if (!errors.isEmpty()) {
        throw new ApiException.Invalid(
            "The webhook is not valid: correct the fields listed in errors.", errors);
      }
      return new Input(scope, destination, active, headers, body.has("headers"));
    }

    private static @Nullable String text(JsonNode body, String field, Map<String, String> errors) {
      JsonNode v = body.get(field);
      if (v == null || v.isNull()) {
        return null;
      }
      if (!v.isTextual() || v.asText().isBlank()) {
        errors.put(field, "must be a non-empty string");
        return null;
      }
      return v.asText().trim();
    }

    private static @Nullable Map<String, String> headers(
        @Nullable JsonNode node, Map<String, String> errors) {
      if (node == null || node.isNull()) {
        return null;
      }
      if (!node.isObject()) {
        errors.put("headers", "must be an object of header names to string values, or null");
        return null;
      }
      if (node.size() > MAX_HEADERS) {
        errors.put("headers", "at most " + MAX_HEADERS + " headers");
        return null;
      }
      Map<String, String> out = new LinkedHashMap<>();
      Set<String> seen = new TreeSet<>(String.CASE_INSENSITIVE_ORDER);
      for (var it = node.properties().iterator(); it.hasNext(); ) {
        var e = it.next();
        String name = e.getKey();
        JsonNode v = e.getValue();
        if (!TOKEN.matcher(name).matches()) {
          errors.put("headers." + name, "is not a valid header name");
        } else if (RESERVED.contains(name.toLowerCase(java.util.Locale.ROOT))) {
          errors.put("headers." + name, "is set by the sender and cannot be overridden");
        } else if (!seen.add(name)) {
          errors.put("headers." + name, "is given twice");
        } else if (!v.isTextual() || v.asText().length() > 4096) {
          errors.put("headers." + name, "must be a string of at most 4096 characters");
        } else if (v.asText().chars().anyMatch(c -> (c < 0x20 && c != '\t') || c == 0x7F)) {
          errors.put("headers." + name, "must not contain control characters (CR, LF …)");
        } else {
          out.put(name, v.asText());
        }
      }
      return out;
    }
  }
}
