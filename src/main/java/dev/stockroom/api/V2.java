package dev.stockroom.api;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.math.BigDecimal;
import java.math.RoundingMode;
import java.util.List;
import java.util.Optional;
import org.jspecify.annotations.Nullable;

/**
 * The v2 conventions (spec-digest §3.5, traps 1, 5, 26, 36): bare objects and arrays, money as
 * strings with 4 decimals, RFC 2822 dates in GMT ({@code ""} when unset), sub-resource links {@code
 * {url, resource}}, an empty list or a page past the end as 204 with no body, and a collection
 * polled with {@code If-Modified-Since} that has nothing newer as 304.
 */
public final class V2 {
  private V2() {}

  /** {@code "62.6793"}: v2 money, always a string with 4 decimals. */
  public static String money(BigDecimal amount) {
    return amount.setScale(4, RoundingMode.HALF_UP).toPlainString();
  }

  /** {@code "1.0000000000"}: v2 exchange rates carry 10 decimals. */
  public static String rate(BigDecimal rate) {
    return rate.setScale(10, RoundingMode.HALF_UP).toPlainString();
  }

  /**
   * Reads a v2 money input: a JSON number or a numeric string ("Float, Float-As-String, Integer").
   * Anything else adds {@code field → message} to {@code errors} and returns null.
   */
  public static @Nullable BigDecimal moneyInput(
      JsonNode value, String field, java.util.Map<String, String> errors) {
    BigDecimal d = null;
    if (value.isNumber()) {
      d = value.decimalValue();
    } else if (value.isTextual()) {
      try {
        d = new BigDecimal(value.asText().trim());
      } catch (NumberFormatException e) {
        d = null;
      }
    }
    if (d == null) {
      errors.put(field, "must be an amount: a number or a numeric string such as \"12.5000\"");
      return null;
    }
    if (d.abs().compareTo(BigDecimal.valueOf(1_000_000_000_000L)) >= 0) {
      errors.put(field, "is out of range");
      return null;
    }
    return d;
  }

  /** An RFC 2822 date in GMT, e.g. {@code Tue, 05 Mar 2019 21:40:11 +0000}. */
  public static String date(long epochMillis) {
    return Dates.v2(epochMillis);
  }

  /** A date that may be unset ({@code 0}): unset dates are {@code ""} in v2, never null. */
  public static String dateOrEmpty(long epochMillis) {
    return epochMillis == 0 ? "" : Dates.v2(epochMillis);
  }

  /**
   * A sub-resource link {@code {url, resource}}; {@code resource} is the path below {@code /v2},
   * e.g. {@code /orders/218/products}. The URL uses the host the client called, as the hosted API
   * answers with its own host (clients that send {@code Host: api.bigcommerce.com} see the same URL
   * they would there).
   */
  public static ObjectNode link(Call c, String resource) {
    String host = c.header("host");
    String base;
    if (host == null || host.isBlank()) {
      base = "";
    } else {
      String h = host.trim();
      base = (h.endsWith("bigcommerce.com") ? "https://" : "http://") + h;
    }
    ObjectNode link = Json.MAPPER.createObjectNode();
    link.put("url", base + c.basePath() + resource);
    link.put("resource", resource);
    return link;
  }

  /** A v2 object answer: the bare object. */
  public static Reply one(JsonNode doc) {
    return Reply.json(Status.OK, Json.write(doc));
  }

  /**
   * A v2 list answer: a bare array; empty → 204 with no body, or 304 when the client polled with
   * {@code If-Modified-Since} (nothing changed since, so nothing is sent).
   */
  public static Reply list(Call c, List<? extends JsonNode> items) {
    if (items.isEmpty()) {
      return c.ifModifiedSince().isPresent() ? notModified() : Reply.noContent();
    }
    ArrayNode array = Json.MAPPER.createArrayNode();
    items.forEach(array::add);
    return Reply.json(Status.OK, Json.write(array));
  }

  /** A 201 for a created v2 resource, with its {@code Location}. */
  public static Reply created(Call c, JsonNode doc, String resource) {
    return Reply.created(Json.write(doc), c.basePath() + resource);
  }

  /** 304 with no body. */
  public static Reply notModified() {
    return new Reply(Status.NOT_MODIFIED.code(), new java.util.LinkedHashMap<>(), new byte[0]);
  }

  /**
   * v2 list paging: {@code page} and {@code limit} (default 50, over 250 → 413 with {@code
   * details.max_limit}).
   */
  public static Paging paging(Call c) {
    return Paging.of(c.query());
  }

  /**
   * The date in a v2 date filter or field: RFC 2822 or ISO 8601 (trap 2); a bad value is a 400
   * naming the parameter.
   */
  public static Optional<Long> dateParam(Call c, String name) {
    Optional<String> raw = c.query().first(name);
    if (raw.isEmpty() || raw.get().isBlank()) {
      return Optional.empty();
    }
    try {
      return Optional.of(Dates.parse(raw.get()));
    } catch (IllegalArgumentException e) {
      throw ApiException.Invalid.field(
          name, "must be an RFC 2822 or ISO 8601 date, such as Tue, 20 Apr 2017 11:32:00 -0400");
    }
  }
}
