package dev.stockroom.api;

import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The only error type of the API. Stores and routes throw it; {@link ErrorRenderer} is the only
 * place where it becomes a body.
 */
public abstract sealed class ApiException extends RuntimeException
    permits ApiException.NotFound,
        ApiException.Invalid,
        ApiException.Conflict,
        ApiException.RateLimited,
        ApiException.Refused {

  private ApiException(String message) {
    super(message, null, false, false);
  }

  public abstract Status status();

  /** 404: the resource (or store, or route) does not exist. */
  public static final class NotFound extends ApiException {
    public NotFound(String message) {
      super(message);
    }

    @Override
    public Status status() {
      return Status.NOT_FOUND;
    }
  }

  /** 422: well-formed input with missing or invalid fields, each named in {@link #errors()}. */
  public static final class Invalid extends ApiException {
    private final Map<String, String> errors;

    public Invalid(String message, Map<String, String> errors) {
      super(message);
      this.errors = Map.copyOf(new LinkedHashMap<>(errors));
    }

    public static Invalid field(String field, String problem) {
      return new Invalid("JSON data is missing or invalid", Map.of(field, problem));
    }

    public Map<String, String> errors() {
      return errors;
    }

    @Override
    public Status status() {
      return Status.UNPROCESSABLE;
    }
  }

  /** 409: the change conflicts with the store's data; {@link #details()} says with what. */
  public static final class Conflict extends ApiException {
    private final Map<String, String> details;

    public Conflict(String message, Map<String, String> details) {
      super(message);
      this.details = Map.copyOf(details);
    }

    public Map<String, String> details() {
      return details;
    }

    @Override
    public Status status() {
      return Status.CONFLICT;
    }
  }

  /** 429: the store's quota for the current window is used up. */
  public static final class RateLimited extends ApiException {
    private final long resetMs;

    public RateLimited(long resetMs) {
      super("You have exceeded the rate limit for this store. Wait before retrying.");
      this.resetMs = resetMs;
    }

    public long resetMs() {
      return resetMs;
    }

    @Override
    public Status status() {
      return Status.TOO_MANY_REQUESTS;
    }
  }

  /** Every other status of the contract, with an optional details map (v2 {@code details}). */
  public static final class Refused extends ApiException {
    private final Status status;
    private final Map<String, Object> details;
    private final Map<String, String> headers;

    public Refused(Status status, String message) {
      this(status, message, Map.of(), Map.of());
    }

    public Refused(
        Status status, String message, Map<String, Object> details, Map<String, String> headers) {
      super(message);
      this.status = status;
      this.details = Map.copyOf(details);
      this.headers = Map.copyOf(headers);
    }

    public Map<String, Object> details() {
      return details;
    }

    public Map<String, String> headers() {
      return headers;
    }

    @Override
    public Status status() {
      return status;
    }
  }
}
