package dev.stockroom.api;

import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.util.Locale;

/** The date formats of the contract: v3 ISO 8601 with offset, v2 RFC 2822 in GMT. */
public final class Dates {
  private static final DateTimeFormatter V3 =
      DateTimeFormatter.ofPattern("yyyy-MM-dd'T'HH:mm:ssxxx", Locale.ROOT).withZone(ZoneOffset.UTC);
  // contract: store_information.v2 / orders.v2 — "Tue, 05 Mar 2019 21:40:11 +0000"
  private static final DateTimeFormatter V2 =
      DateTimeFormatter.ofPattern("EEE, dd MMM yyyy HH:mm:ss Z", Locale.ROOT)
          .withZone(ZoneOffset.UTC);

  private Dates() {}

  public static String v3(long epochMillis) {
    return V3.format(Instant.ofEpochMilli(epochMillis));
  }

  private static final String[] DAYS = {"Mon", "Tue", "Wed", "Thu", "Fri", "Sat", "Sun"};
  private static final String[] MONTHS = {
    "Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec"
  };

  /**
   * An HTTP date ({@code Last-Modified}) in the form HTTP requires of senders (RFC 9110
   * IMF-fixdate: two-digit day, GMT), {@code Tue, 05 Mar 2019 21:40:11 GMT}. Built by hand: it is
   * on every GET of a product or order, and a {@code DateTimeFormatter} cost several times more
   * (its RFC 1123 form also writes day 5 as {@code 5}, not {@code 05}).
   */
  public static String http(long epochMillis) {
    LocalDateTime t =
        LocalDateTime.ofEpochSecond(Math.floorDiv(epochMillis, 1000L), 0, ZoneOffset.UTC);
    StringBuilder b = new StringBuilder(29);
    b.append(DAYS[t.getDayOfWeek().getValue() - 1]).append(", ");
    two(b, t.getDayOfMonth()).append(' ').append(MONTHS[t.getMonthValue() - 1]).append(' ');
    b.append(t.getYear()).append(' '); // four digits from 1000 on; no stored date is older
    two(b, t.getHour()).append(':');
    two(b, t.getMinute()).append(':');
    return two(b, t.getSecond()).append(" GMT").toString();
  }

  private static StringBuilder two(StringBuilder b, int n) {
    return b.append((char) ('0' + n / 10)).append((char) ('0' + n % 10));
  }

  public static String v2(long epochMillis) {
    return V2.format(Instant.ofEpochMilli(epochMillis));
  }

  /**
   * Parses a date filter or field value: ISO 8601 date-time (with offset or Z), a date alone, a
   * Unix timestamp in seconds, or RFC 2822. Throws {@link IllegalArgumentException} otherwise.
   */
  public static long parse(String value) {
    try {
      long ms = parseAny(value);
      if (ms < MIN_MS || ms > MAX_MS) {
        throw new IllegalArgumentException("date out of range (years 0001 to 9999): " + value);
      }
      return ms;
    } catch (java.time.DateTimeException | ArithmeticException | NumberFormatException e) {
      throw new IllegalArgumentException("not a date: " + value, e);
    }
  }

  private static final long MIN_MS = -62_135_596_800_000L; // 0001-01-01T00:00:00Z
  private static final long MAX_MS = 253_402_300_799_000L; // 9999-12-31T23:59:59Z

  private static long parseAny(String value) {
    String v = value.trim();
    if (v.isEmpty()) {
      throw new IllegalArgumentException("not a date: " + value);
    }
    // Each format is tried only where its shape fits: polls and order writes parse dates on every
    // request, and a failed parse (an exception) costs more than the parse itself.
    if (allDigits(v) && v.length() <= 12) {
      return Long.parseLong(v) * 1000;
    }
    if (Character.isLetter(v.charAt(0))) { // "Tue, 05 Mar 2019 21:40:11 +0000" (RFC 2822 / 1123)
      try {
        return OffsetDateTime.parse(v, DateTimeFormatter.RFC_1123_DATE_TIME)
            .toInstant()
            .toEpochMilli();
      } catch (DateTimeParseException e) {
        throw new IllegalArgumentException("not a date: " + value, e);
      }
    }
    if (v.length() == 10) {
      try {
        return LocalDate.parse(v).atStartOfDay(ZoneOffset.UTC).toInstant().toEpochMilli();
      } catch (DateTimeParseException e) {
        throw new IllegalArgumentException("not a date: " + value, e);
      }
    }
    try {
      return OffsetDateTime.parse(v).toInstant().toEpochMilli();
    } catch (DateTimeParseException ignored) {
      // a date-time without an offset, read as UTC
    }
    try {
      return java.time.LocalDateTime.parse(v).toInstant(ZoneOffset.UTC).toEpochMilli();
    } catch (DateTimeParseException e) {
      throw new IllegalArgumentException("not a date: " + value, e);
    }
  }

  private static boolean allDigits(String v) {
    for (int i = 0; i < v.length(); i++) {
      if (v.charAt(i) < '0' || v.charAt(i) > '9') {
        return false;
      }
    }
    return true;
  }
}
