package dev.stockroom.api;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.Map;
import org.jspecify.annotations.Nullable;

/**
 * The one place where errors become bodies: v3 {status,title,type,errors}, v2 [{status,message}].
 */
public final class ErrorRenderer {
  public static final String TYPE =
      "https://developer.bigcommerce.com/api-docs/getting-started/api-status-codes";

  private ErrorRenderer() {}

  public static Reply render(ApiVersion version, ApiException e) {
    @Nullable Map<String, String> errors =
        switch (e) {
          case ApiException.Invalid invalid -> invalid.errors();
          case ApiException.Conflict conflict -> conflict.details();
          case ApiException.NotFound notFound -> null;
          case ApiException.RateLimited limited -> Map.of();
          case ApiException.Refused refused ->
              refused.details().isEmpty() ? null : stringify(refused.details());
        };
    Map<String, Object> v2Details =
        switch (e) {
          case ApiException.Refused refused -> refused.details();
          case ApiException.Conflict conflict -> Map.copyOf(conflict.details());
          case ApiException.Invalid invalid -> Map.copyOf(invalid.errors());
          default -> Map.of();
        };
    Reply reply =
        body(
            version,
            e.status(),
            java.util.Objects.requireNonNullElse(e.getMessage(), e.status().title()),
            errors,
            v2Details);
    if (e instanceof ApiException.Refused refused) {
      refused.headers().forEach(reply::header);
    }
    return reply;
  }

  /** A 500 that names the request id and nothing of the internals. */
  public static Reply unexpected(ApiVersion version, String requestId) {
    return body(
        version,
        Status.INTERNAL_ERROR,
        "An internal error occurred. Retry the request later; quote request id "
            + requestId
            + " when reporting it.",
        null,
        Map.of("request_id", requestId));
  }

  private static Reply body(
      ApiVersion version,
      Status status,
      String message,
      @Nullable Map<String, String> errors,
      Map<String, Object> v2Details) {
    if (version == ApiVersion.V2) {
      ArrayNode array = Json.MAPPER.createArrayNode();
      ObjectNode item = array.addObject();
      item.put("status", status.code());
      item.put("message", message);
      if (!v2Details.isEmpty()) {
        item.set("details", Json.MAPPER.valueToTree(v2Details));
      }
      return Reply.json(status, Json.write(array));
    }
    ObjectNode node = Json.MAPPER.createObjectNode();
    node.put("status", status.code());
    node.put("title", message);
    node.put("type", TYPE);
    if (errors != null) {
      node.set("errors", Json.MAPPER.valueToTree(errors));
    }
    return Reply.json(status, Json.write(node));
  }

  private static Map<String, String> stringify(Map<String, Object> details) {
    java.util.LinkedHashMap<String, String> out = new java.util.LinkedHashMap<>();
    details.forEach((k, v) -> out.put(k, String.valueOf(v)));
    return out;
  }
}
