package dev.stockroom.api;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.Locale;
import net.jqwik.api.Example;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.LongRange;

/** {@link Dates#http}: the IMF-fixdate of RFC 9110 for any instant from 1970 to 9999. */
class HttpDateProperties {
  private static final DateTimeFormatter IMF_FIXDATE =
      DateTimeFormatter.ofPattern("EEE, dd MMM yyyy HH:mm:ss 'GMT'", Locale.ROOT)
          .withZone(ZoneOffset.UTC);

  @Property(tries = 2000)
  void everyInstantIsWrittenAsTheImfFixdate(
      @ForAll @LongRange(min = 0, max = 253_402_300_799_999L) long epochMillis) {
    String written = Dates.http(epochMillis);
    assertThat(written).isEqualTo(IMF_FIXDATE.format(Instant.ofEpochMilli(epochMillis)));
    // Clients parse it as RFC 1123, to the second.
    assertThat(Instant.from(DateTimeFormatter.RFC_1123_DATE_TIME.parse(written)))
        .isEqualTo(Instant.ofEpochSecond(Math.floorDiv(epochMillis, 1000L)));
  }

  @Example
  void aDayBeforeTheTenthHasTwoDigits() {
    assertThat(Dates.http(Instant.parse("2019-03-05T21:40:11.999Z").toEpochMilli()))
        .isEqualTo("Tue, 05 Mar 2019 21:40:11 GMT");
  }
}
