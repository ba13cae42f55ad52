package dev.stockroom.api;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.Map;

/** The checks every batch PUT starts with: a JSON array, not empty, at most the limit (413). */
public final class Batch {
  private Batch() {}

  /** Refuses a body that is not a non-empty array of at most {@code limit} {@code what}. */
  public static void check(JsonNode body, int limit, String what) {
    if (!body.isArray()) {
      throw ApiException.Invalid.field("body", "must be a JSON array of " + what);
    }
    if (body.size() > limit) {
      throw new ApiException.Refused(
          Status.TOO_LARGE,
          "The request payload is too large. The maximum items allowed in the array is " + limit,
          Map.of("max_items", limit),
          Map.of());
    }
    if (body.isEmpty()) {
      throw ApiException.Invalid.field("body", "must contain at least one item");
    }
  }
}
