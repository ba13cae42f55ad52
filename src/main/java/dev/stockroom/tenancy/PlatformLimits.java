package dev.stockroom.tenancy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.stockroom.api.ApiException;
import dev.stockroom.api.Json;
import dev.stockroom.api.Status;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * BigCommerce's platform limits (Help Center; spec-digest §8 #24), per store. A write that would
 * pass one is refused with 403 naming the limit (the seed's "operations resulting from API request
 * exceed a platform limit"). Each store keeps only its overrides; the rest are the defaults here.
 */
public record PlatformLimits(Map<String, Long> overrides) {
  /** The limits, their defaults and what they count, in the order the control plane shows them. */
  public static final Map<String, Long> DEFAULTS = defaults();

  private static Map<String, Long> defaults() {
    Map<String, Long> m = new LinkedHashMap<>();
    m.put("skus_per_product", 600L);
    m.put("options_per_product", 250L);
    m.put("values_per_option", 250L);
    m.put("modifiers_per_product", 250L);
    m.put("custom_fields_per_product", 200L);
    m.put("images_per_product", 1000L);
    m.put("videos_per_product", 1000L);
    m.put("bulk_pricing_rules_per_product", 250L);
    m.put("metafields_per_resource", 50L);
    m.put("category_depth", 8L);
    m.put("image_bytes", 8L * 1024 * 1024);
    return java.util.Collections.unmodifiableMap(m);
  }

  public static final PlatformLimits NONE = new PlatformLimits(Map.of());

  public PlatformLimits {
    overrides = Map.copyOf(overrides);
  }

  /** The effective value of {@code name} (one of {@link #DEFAULTS}' keys). */
  public long of(String name) {
    Long v = overrides.get(name);
    if (v != null) {
      return v;
    }
    Long d = DEFAULTS.get(name);
    if (d == null) {
      throw new IllegalArgumentException("unknown platform limit " + name);
    }
    return d;
  }

  /**
   * Refuses (403) when {@code wouldBe} passes the limit {@code name}; {@code what} says what was
   * counted, for the message.
   */
  public void check(String name, long wouldBe, String what) {
    long max = of(name);
    if (wouldBe > max) {
      throw new ApiException.Refused(
          Status.FORBIDDEN,
          "The request exceeds a platform limit: "
              + what
              + " would be "
              + wouldBe
              + ", the limit "
              + name
              + " is "
              + max
              + ". Stay within it, or raise platform_limits."
              + name
              + " for the store in the control plane.",
          Map.of("limit", name, "max", max),
          Map.of());
    }
  }

  /** Every limit with its effective value. */
  public ObjectNode json() {
    ObjectNode n = Json.MAPPER.createObjectNode();
    DEFAULTS.keySet().forEach(k -> n.put(k, of(k)));
    return n;
  }

  /** This store's limits with {@code input}'s values over them (already checked by the schema). */
  public PlatformLimits with(JsonNode input) {
    Map<String, Long> m = new LinkedHashMap<>(overrides);
    input.properties().forEach(e -> m.put(e.getKey(), e.getValue().asLong()));
    return new PlatformLimits(m);
  }

  /** The overrides as stored (a JSON object). */
  String stored() {
    ObjectNode n = Json.MAPPER.createObjectNode();
    overrides.forEach(n::put);
    return Json.text(n);
  }

  static PlatformLimits parse(@org.jspecify.annotations.Nullable String stored) {
    if (stored == null || stored.isBlank()) {
      return NONE;
    }
    Map<String, Long> m = new LinkedHashMap<>();
    Json.tree(stored)
        .properties()
        .forEach(
            e -> {
              if (DEFAULTS.containsKey(e.getKey())) {
                m.put(e.getKey(), e.getValue().asLong());
              }
            });
    return new PlatformLimits(m);
  }
}
