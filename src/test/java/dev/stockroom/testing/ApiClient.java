package dev.stockroom.testing;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.stockroom.testing.conformance.Conformance;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Real HTTP to the server under test (JDK HttpClient); answers keep status, headers and body. Every
 * answer is checked against the BigCommerce spec that covers its path ({@link Conformance}).
 */
public final class ApiClient {
  private static final ObjectMapper MAPPER = new ObjectMapper();
  private static final HttpClient HTTP =
      HttpClient.newBuilder()
          .connectTimeout(Duration.ofSeconds(5))
          .version(HttpClient.Version.HTTP_1_1)
          .build();

  /** One answer. {@link #json()} parses the body (tests assert on it). */
  public record Response(int status, Map<String, List<String>> headers, String body) {
    public JsonNode json() {
      try {
        return MAPPER.readTree(body);
      } catch (IOException e) {
        throw new AssertionError("body is not JSON: " + body, e);
      }
    }

    /** The ids of a v3 list answer, in order. */
    public List<Long> ids() {
      List<Long> out = new java.util.ArrayList<>();
      json().path("data").forEach(n -> out.add(n.path("id").asLong()));
      return out;
    }

    public Optional<String> header(String name) {
      for (var e : headers.entrySet()) {
        if (e.getKey().equalsIgnoreCase(name) && !e.getValue().isEmpty()) {
          return Optional.of(e.getValue().get(0));
        }
      }
      return Optional.empty();
    }

    @Override
    public String toString() {
      return status + " " + body;
    }
  }

  private final String base;

  public ApiClient(String base) {
    this.base = base;
  }

  public String base() {
    return base;
  }

  /** Sends a request; {@code json} non-null adds Content-Type: application/json unless given. */
  public Response send(String method, String path, String json, String... headers) {
    HttpRequest.Builder b =
        HttpRequest.newBuilder(URI.create(base + path)).timeout(Duration.ofSeconds(30));
    boolean hasContentType = false;
    for (int i = 0; i < headers.length; i += 2) {
      b.header(headers[i], headers[i + 1]);
      hasContentType |= headers[i].equalsIgnoreCase("Content-Type");
    }
    if (json != null && !hasContentType) {
      b.header("Content-Type", "application/json");
    }
    b.method(
        method,
        json == null
            ? HttpRequest.BodyPublishers.noBody()
            : HttpRequest.BodyPublishers.ofString(json));
    return send(b.build());
  }

  public Response sendBytes(String method, String path, byte[] body, String... headers) {
    HttpRequest.Builder b =
        HttpRequest.newBuilder(URI.create(base + path)).timeout(Duration.ofSeconds(30));
    for (int i = 0; i < headers.length; i += 2) {
      b.header(headers[i], headers[i + 1]);
    }
    b.method(method, HttpRequest.BodyPublishers.ofByteArray(body));
    return send(b.build());
  }

  private static Response send(HttpRequest request) {
    try {
      HttpResponse<String> r = HTTP.send(request, HttpResponse.BodyHandlers.ofString());
      Response response = new Response(r.statusCode(), r.headers().map(), r.body());
      URI uri = request.uri();
      String query = uri.getRawQuery();
      Conformance.check(
          request.method(),
          uri.getRawPath() + (query == null ? "" : "?" + query),
          response.status(),
          response.header("Content-Type"),
          response.body());
      return response;
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException(e);
    }
  }
}
