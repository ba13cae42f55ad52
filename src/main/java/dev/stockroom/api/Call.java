package dev.stockroom.api;

import com.fasterxml.jackson.databind.JsonNode;
import dev.stockroom.tenancy.Tenant;
import java.util.Map;
import org.jspecify.annotations.Nullable;

/**
 * One request after the pipeline: its store and the calling API account's client id (both null on
 * the control plane), params, query, body.
 */
public final class Call {
  private final @Nullable Tenant tenant;
  private final @Nullable String clientId;
  private final String method;
  private final Map<String, String> params;
  private final Query query;
  private final byte[] body;
  private final String basePath;
  private final Map<String, String> headers;
  private @Nullable JsonNode json;
  private boolean scheduledRun;

  public Call(
      @Nullable Tenant tenant,
      @Nullable String clientId,
      String method,
      Map<String, String> params,
      Query query,
      byte[] body,
      String basePath,
      Map<String, String> headers) {
    this.tenant = tenant;
    this.clientId = clientId;
    this.method = method;
    this.params = params;
    this.query = query;
    this.body = body;
    this.basePath = basePath;
    this.headers = headers;
  }

  public Tenant tenant() {
    if (tenant == null) {
      throw new IllegalStateException("no tenant on a control-plane call");
    }
    return tenant;
  }

  /**
   * The client id of the API account that made the call (metafields belong to the client that
   * created them).
   */
  public String clientId() {
    if (clientId == null) {
      throw new IllegalStateException("no API account on a control-plane call");
    }
    return clientId;
  }

  public String method() {
    return method;
  }

  public Query query() {
    return query;
  }

  /** A lower-cased request header, or null. */
  public @Nullable String header(String lowerName) {
    return headers.get(lowerName);
  }

  /** The path prefix up to the API version, e.g. {@code /stores/abc123/v3}. */
  public String basePath() {
    return basePath;
  }

  /** A numeric path id; a non-numeric or out-of-range id names no resource, so it is a 404. */
  public long id(String name) {
    String raw = params.get(name);
    if (raw == null) {
      throw new IllegalStateException("route has no parameter " + name);
    }
    try {
      long v = Long.parseLong(raw);
      if (v < 1) {
        throw new NumberFormatException();
      }
      return v;
    } catch (NumberFormatException e) {
      throw new ApiException.NotFound(
          "The requested resource was not found: " + raw + " is not an id.");
    }
  }

  /** A path parameter of the matched route (routes always declare the ones they read). */
  public String param(String name) {
    String v = params.get(name);
    if (v == null) {
      throw new IllegalStateException("route has no parameter " + name);
    }
    return v;
  }

  /** The raw request body (multipart uploads). */
  public byte[] body() {
    return body;
  }

  /** The body as {@code multipart/form-data} parts by field name; malformed forms are a 400. */
  public Map<String, Multipart.Part> form() {
    return Multipart.parse(headers.get("content-type"), body);
  }

  /** Whether the request declares a {@code multipart/form-data} body. */
  public boolean isForm() {
    return Multipart.isFormData(headers.get("content-type"));
  }

  /**
   * The instant of a parseable {@code If-Modified-Since} header on a GET or HEAD (RFC 2822 or ISO
   * 8601, as the hosted API takes); empty when absent or unparseable (then it is ignored, as HTTP
   * asks).
   */
  public java.util.Optional<Long> ifModifiedSince() {
    String raw = headers.get("if-modified-since");
    if (raw == null || raw.isBlank() || !(method.equals("GET") || method.equals("HEAD"))) {
      return java.util.Optional.empty();
    }
    try {
      return java.util.Optional.of(Dates.parse(raw));
    } catch (IllegalArgumentException e) {
      return java.util.Optional.empty();
    }
  }

  /**
   * Whether this call is the scheduled run of a task ({@link Scheduler}): a route then does the
   * work now instead of scheduling it again.
   */
  public boolean scheduledRun() {
    return scheduledRun;
  }

  /** Marks this call as the scheduled run of a task; returns it. */
  public Call asScheduledRun() {
    scheduledRun = true;
    return this;
  }

  public JsonNode json() {
    if (json == null) {
      json = Json.parse(body);
    }
    return json;
  }
}
