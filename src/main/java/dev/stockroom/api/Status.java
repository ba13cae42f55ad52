package dev.stockroom.api;

/**
 * Exactly the status codes of the contract ({@code shared/seed/api-status-codes.md}), each with its
 * title. A code outside this enum cannot be produced by the API.
 */
public enum Status {
  OK(200, "OK"),
  CREATED(201, "Created"),
  ACCEPTED(202, "Accepted"),
  NO_CONTENT(204, "No Content"),
  MOVED_PERMANENTLY(301, "Moved Permanently"),
  NOT_MODIFIED(304, "Not Modified"),
  BAD_REQUEST(400, "Bad Request"),
  UNAUTHORIZED(401, "Unauthorized"),
  FORBIDDEN(403, "Forbidden"),
  NOT_FOUND(404, "Not Found"),
  METHOD_NOT_ALLOWED(405, "Method Not Allowed"),
  NOT_ACCEPTABLE(406, "Not Acceptable"),
  CONFLICT(409, "Conflict"),
  TOO_LARGE(413, "Request Entity Too Large"),
  UNSUPPORTED_MEDIA_TYPE(415, "Unsupported Media Type"),
  UNPROCESSABLE(422, "Missing or Invalid Data"),
  TOO_MANY_REQUESTS(429, "Too Many Requests"),
  INTERNAL_ERROR(500, "Internal Server Error"),
  NOT_IMPLEMENTED(501, "Not Implemented"),
  UNAVAILABLE(503, "Service Unavailable"),
  INSUFFICIENT_STORAGE(507, "Insufficient Storage");

  private final int code;
  private final String title;

  Status(int code, String title) {
    this.code = code;
    this.title = title;
  }

  public int code() {
    return code;
  }

  public String title() {
    return title;
  }
}
