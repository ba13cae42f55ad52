package dev.stockroom.api;

/** {@code page}/{@code limit} parsing: default 50, maximum 250 (contract: limit over max → 413). */
public record Paging(int page, int limit) {
  public static final int DEFAULT_LIMIT = 50;
  public static final int MAX_LIMIT = 250;

  public static Paging of(Query query) {
    return of(query, DEFAULT_LIMIT);
  }

  public static Paging of(Query query, int defaultLimit) {
    int limit = positive(query, "limit", defaultLimit);
    if (limit > MAX_LIMIT) {
      throw new ApiException.Refused(
          Status.TOO_LARGE,
          "The specified limit exceeds the maximum allowed.",
          java.util.Map.of("max_limit", MAX_LIMIT),
          java.util.Map.of());
    }
    int page = positive(query, "page", 1);
    return new Paging(page, limit);
  }

  private static int positive(Query query, String name, int fallback) {
    var raw = query.first(name);
    if (raw.isEmpty() || raw.get().isEmpty()) {
      return fallback;
    }
    long value;
    try {
      value = Long.parseLong(raw.get().trim());
    } catch (NumberFormatException e) {
      throw ApiException.Invalid.field(name, "must be a positive whole number");
    }
    if (value < 1) {
      throw ApiException.Invalid.field(name, "must be a positive whole number");
    }
    if (value > Integer.MAX_VALUE) {
      if (name.equals("limit")) {
        return Integer.MAX_VALUE;
      }
      throw ApiException.Invalid.field(name, "is too large");
    }
    return (int) value;
  }

  public long offset() {
    return (long) (page - 1) * limit;
  }

  public int totalPages(long total) {
    return (int) ((total + limit - 1) / limit);
  }
}
