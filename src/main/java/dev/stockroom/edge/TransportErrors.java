package dev.stockroom.edge;

import dev.stockroom.api.ApiException;
import dev.stockroom.api.ApiVersion;
import dev.stockroom.api.ErrorRenderer;
import dev.stockroom.api.Reply;
import dev.stockroom.api.Status;
import io.helidon.http.DirectHandler;
import io.helidon.http.HeaderNames;
import io.helidon.http.ServerResponseHeaders;
import io.helidon.webserver.http.DirectHandlers;
import org.jspecify.annotations.Nullable;

/**
 * What Helidon answers by itself, before a request reaches {@link HttpEdge} (a request line over
 * the limit, headers it cannot parse, a request that is not HTTP/1.1), in the API's error envelope
 * and with the seed's codes: a request line over {@link #PROLOGUE_BYTES} is a 413 (the seed has no
 * 414), the rest a 400 that says what was wrong. The envelope is v2's when the request line was
 * read and names a {@code /v2/} path, v3's otherwise. (Bytes that are not HTTP at all get no
 * answer: Helidon closes the connection.)
 */
public final class TransportErrors implements DirectHandler {
  /** Request line limit: long filter lists (id:in=…) and include_fields reach the pipeline. */
  public static final int PROLOGUE_BYTES = 64 * 1024;

  /** The headers together (Helidon's default, named here so that the error can say it). */
  public static final int HEADER_BYTES = 16 * 1024;

  private TransportErrors() {}

  /** A handler for every kind of event Helidon answers directly. */
  public static DirectHandlers all() {
    DirectHandlers.Builder b = DirectHandlers.builder();
    TransportErrors handler = new TransportErrors();
    for (EventType type : EventType.values()) {
      b.addHandler(type, handler);
    }
    return b.build();
  }

  @Override
  public TransportResponse handle(
      TransportRequest request,
      EventType eventType,
      io.helidon.http.Status defaultStatus,
      ServerResponseHeaders responseHeaders,
      String message) {
    Status status =
        switch (defaultStatus.code()) {
          case 413, 414, 431 -> Status.TOO_LARGE;
          case 403 -> Status.FORBIDDEN;
          case 500 -> Status.INTERNAL_ERROR;
          case 503 -> Status.UNAVAILABLE;
          default -> Status.BAD_REQUEST;
        };
    String text =
        switch (status) {
          case TOO_LARGE ->
              defaultStatus.code() == 414
                  ? "The request line is over "
                      + PROLOGUE_BYTES / 1024
                      + " KB; send a shorter one (fewer ids in a filter, for instance)."
                  : "The request is too large" + reason(message) + ".";
          case INTERNAL_ERROR, UNAVAILABLE -> "The server could not answer this request.";
          default ->
              "The request is not valid HTTP/1.1"
                  + reason(message)
                  + ". Check the request line and the header lines (headers may take "
                  + HEADER_BYTES / 1024
                  + " KB together).";
        };
    Reply reply =
        ErrorRenderer.render(
            ApiVersion.ofPath(path(request)), new ApiException.Refused(status, text));
    return TransportResponse.builder()
        .status(io.helidon.http.Status.create(status.code()))
        .headers(responseHeaders)
        .header(HeaderNames.CONTENT_TYPE, "application/json")
        .keepAlive(eventType.keepAlive())
        .entity(reply.body())
        .build();
  }

  private static String path(TransportRequest request) {
    try {
      String p = request.path();
      return p == null ? "" : p;
    } catch (RuntimeException e) {
      return ""; // nothing was parsed yet
    }
  }

  /** What Helidon said was wrong, unless it said only the status's name. */
  private static String reason(@Nullable String message) {
    if (message == null || message.isBlank()) {
      return "";
    }
    String m = message.strip();
    return m.equalsIgnoreCase("Bad Request") ? "" : " (" + m + ")";
  }
}
