package dev.stockroom.api;

import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * What a handler answers: a status, headers and a (possibly empty) body, JSON unless the headers
 * name another {@code Content-Type} (served image files).
 */
public record Reply(int status, Map<String, String> headers, byte[] body) {

  public static Reply json(Status status, byte[] body) {
    return new Reply(status.code(), new LinkedHashMap<>(), body);
  }

  public static Reply json(Status status, String body) {
    return json(status, body.getBytes(StandardCharsets.UTF_8));
  }

  public static Reply ok(Object value) {
    return json(Status.OK, Json.write(value));
  }

  public static Reply noContent() {
    return new Reply(Status.NO_CONTENT.code(), new LinkedHashMap<>(), new byte[0]);
  }

  public static Reply created(byte[] body, String location) {
    Reply r = json(Status.CREATED, body);
    r.headers.put("Location", location);
    return r;
  }

  /** 202 for a request that became a scheduled task: the task, and where to poll it. */
  public static Reply accepted(byte[] body, String location) {
    Reply r = json(Status.ACCEPTED, body);
    r.headers.put("Location", location);
    return r;
  }

  /** A body that is not JSON, e.g. a served image file, with its media type. */
  public static Reply bytes(Status status, String contentType, byte[] body) {
    Reply r = new Reply(status.code(), new LinkedHashMap<>(), body);
    r.headers.put("Content-Type", contentType);
    return r;
  }

  public Reply header(String name, String value) {
    headers.put(name, value);
    return this;
  }
}
