package dev.stockroom.edge;

import static org.assertj.core.api.Assertions.assertThat;

import dev.stockroom.testing.ApiClient.Response;
import dev.stockroom.testing.Stockroom;
import dev.stockroom.testing.StockroomTest;
import dev.stockroom.testing.TestStore;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import org.junit.jupiter.api.Test;

/** ETag, If-None-Match, Last-Modified and If-Modified-Since on store-API answers. */
@StockroomTest
class ConditionalApiTest {
  static final String P = "v3/catalog/products";
  final Stockroom sr;

  ConditionalApiTest(Stockroom sr) {
    this.sr = sr;
  }

  @Test
  void aGetCarriesAnEtagAndIfNoneMatchWithItIs304WithNoBody() {
    TestStore s = sr.newStore();
    long id = s.product("Etag jar", 5);
    Response first = s.get(P + "/" + id);
    String etag = first.header("ETag").orElseThrow();
    assertThat(etag).matches("\"[0-9a-f]{16}\"");
    assertThat(s.get(P + "/" + id).header("ETag")).contains(etag);

    Response again = s.call("GET", P + "/" + id, null, "If-None-Match", etag);
    assertThat(again.status()).isEqualTo(304);
    assertThat(again.body()).isEmpty();
    assertThat(again.header("ETag")).contains(etag);
    assertThat(again.header("X-Rate-Limit-Requests-Left")).isPresent();
    assertThat(again.header("Content-Type")).isEmpty();

    // weak comparison, lists and * match as HTTP says; another tag does not
    assertThat(s.call("GET", P + "/" + id, null, "If-None-Match", "W/" + etag).status())
        .isEqualTo(304);
    assertThat(s.call("GET", P + "/" + id, null, "If-None-Match", "\"x\", " + etag).status())
        .isEqualTo(304);
    assertThat(s.call("GET", P + "/" + id, null, "If-None-Match", "*").status()).isEqualTo(304);
    Response other = s.call("GET", P + "/" + id, null, "If-None-Match", "\"0000\"");
    assertThat(other.status()).isEqualTo(200);
    assertThat(other.json().path("data").path("id").asLong()).isEqualTo(id);

    // a change gives a new tag, and the old one no longer matches
    assertThat(s.put(P + "/" + id, "{\"price\":6}").status()).isEqualTo(200);
    Response changed = s.call("GET", P + "/" + id, null, "If-None-Match", etag);
    assertThat(changed.status()).isEqualTo(200);
    assertThat(changed.header("ETag").orElseThrow()).isNotEqualTo(etag);
    assertThat(changed.json().path("data").path("price").asDouble()).isEqualTo(6.0);
  }

  @Test
  void collectionsAndHeadCarryEtagsToo() {
    TestStore s = sr.newStore();
    s.product("Listed", 1);
    Response list = s.get(P);
    String etag = list.header("ETag").orElseThrow();
    assertThat(s.call("GET", P, null, "If-None-Match", etag).status()).isEqualTo(304);
    Response head = s.call("HEAD", P, null);
    assertThat(head.status()).isEqualTo(200);
    assertThat(head.header("ETag")).contains(etag);
    assertThat(s.call("HEAD", P, null, "If-None-Match", etag).status()).isEqualTo(304);
    s.product("Second", 2);
    assertThat(s.call("GET", P, null, "If-None-Match", etag).status()).isEqualTo(200);
  }

  @Test
  void aProductHasLastModifiedAndIfModifiedSinceAnswers304UntilItChanges() {
    TestStore s = sr.newStore();
    long id = s.product("Dated jar", 5);
    Response r = s.get(P + "/" + id);
    String lastModified = r.header("Last-Modified").orElseThrow();
    Instant modified = Instant.from(DateTimeFormatter.RFC_1123_DATE_TIME.parse(lastModified));
    assertThat(lastModified).endsWith("GMT");
    assertThat(modified.toString().substring(0, 19))
        .isEqualTo(r.json().path("data").path("date_modified").asText().substring(0, 19));

    // the same instant, later ones, in RFC 2822 or ISO 8601: not modified
    for (String since :
        new String[] {
          lastModified,
          rfc2822(modified.plusSeconds(60)),
          modified.plusSeconds(3600).atOffset(ZoneOffset.ofHours(-4)).toString()
        }) {
      Response nm = s.call("GET", P + "/" + id, null, "If-Modified-Since", since);
      assertThat(nm.status()).as(since).isEqualTo(304);
      assertThat(nm.body()).isEmpty();
      assertThat(nm.header("Last-Modified")).contains(lastModified);
    }
    // an earlier date, or one that cannot be read, gets the resource
    Response older =
        s.call("GET", P + "/" + id, null, "If-Modified-Since", rfc2822(modified.minusSeconds(1)));
    assertThat(older.status()).isEqualTo(200);
    assertThat(older.json().path("data").path("id").asLong()).isEqualTo(id);
    assertThat(s.call("GET", P + "/" + id, null, "If-Modified-Since", "yesterday").status())
        .isEqualTo(200);

    // after a change, the old date is stale
    sr.clock().advance(5_000);
    assertThat(s.put(P + "/" + id, "{\"price\":7}").status()).isEqualTo(200);
    Response after = s.call("GET", P + "/" + id, null, "If-Modified-Since", lastModified);
    assertThat(after.status()).isEqualTo(200);
    assertThat(after.json().path("data").path("price").asDouble()).isEqualTo(7.0);

    // If-None-Match wins over If-Modified-Since
    assertThat(
            s.call(
                    "GET",
                    P + "/" + id,
                    null,
                    "If-Modified-Since",
                    rfc2822(Instant.now().plusSeconds(86_400)),
                    "If-None-Match",
                    "\"0000\"")
                .status())
        .isEqualTo(200);
  }

  @Test
  void writesAndErrorsAreNeverConditional() {
    TestStore s = sr.newStore();
    Response missing = s.call("GET", P + "/999999", null, "If-None-Match", "*");
    assertThat(missing.status()).isEqualTo(404);
    assertThat(missing.header("ETag")).isEmpty();
    Response created =
        s.call(
            "POST",
            P,
            "{\"name\":\"Posted\",\"type\":\"physical\",\"weight\":1,\"price\":1}",
            "If-None-Match",
            "*");
    assertThat(created.status()).isEqualTo(201);
  }

  static String rfc2822(Instant i) {
    return DateTimeFormatter.ofPattern("EEE, dd MMM yyyy HH:mm:ss Z", java.util.Locale.ROOT)
        .format(i.atOffset(ZoneOffset.UTC));
  }
}
