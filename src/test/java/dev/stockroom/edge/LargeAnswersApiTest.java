package dev.stockroom.edge;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.stockroom.testing.ApiClient.Response;
import dev.stockroom.testing.Stockroom;
import dev.stockroom.testing.StockroomTest;
import dev.stockroom.testing.TestStore;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/**
 * Answers from 64 KB on leave from the reply's own array in two writes (headers with the first 7
 * KB, then the rest): each must arrive whole, with its length, its ETag and its conditional answer,
 * and a kept-alive connection must carry the next answer right after it.
 */
@StockroomTest
class LargeAnswersApiTest {
  static final String P = "v3/catalog/products";
  static final ObjectMapper JSON = new ObjectMapper();
  final Stockroom sr;

  LargeAnswersApiTest(Stockroom sr) {
    this.sr = sr;
  }

  /** A store whose full product page is well over the 64 KB from which answers stream. */
  private TestStore storeWithLargePage() {
    TestStore s = sr.newStore();
    String description = "Hand-thrown stoneware, glazed twice. ".repeat(100); // 3,700 bytes
    for (int i = 0; i < 30; i++) {
      Response r =
          s.post(
              P,
              "{\"name\":\"Large answer jar "
                  + i
                  + "\",\"type\":\"physical\",\"weight\":1,\"price\":"
                  + (10 + i)
                  + ",\"description\":\""
                  + description
                  + "\"}");
      assertThat(r.status()).as(r.body()).isEqualTo(201);
    }
    return s;
  }

  @Test
  void aLargePageArrivesWholeWithItsLengthEtagAndConditionalAnswer() throws Exception {
    TestStore s = storeWithLargePage();
    Response page = s.get(P + "?limit=250");
    assertThat(page.status()).isEqualTo(200);
    byte[] body = page.body().getBytes(StandardCharsets.UTF_8);
    assertThat(body.length).isGreaterThan(HttpEdge.STREAMED + 16 * 1024);
    assertThat(page.header("Content-Length")).contains(Integer.toString(body.length));
    assertThat(page.header("Content-Type")).contains("application/json");
    JsonNode json = JSON.readTree(body);
    assertThat(json.path("data")).hasSize(30);
    for (int i = 0; i < 30; i++) {
      assertThat(json.path("data").get(i).path("name").asText()).isEqualTo("Large answer jar " + i);
      assertThat(json.path("data").get(i).path("description").asText()).hasSize(3_700);
    }
    assertThat(json.path("meta").path("pagination").path("total").asLong()).isEqualTo(30);

    String etag = page.header("ETag").orElseThrow();
    assertThat(s.get(P + "?limit=250").header("ETag")).contains(etag);
    Response again = s.call("GET", P + "?limit=250", null, "If-None-Match", etag);
    assertThat(again.status()).isEqualTo(304);
    assertThat(again.body()).isEmpty();
  }

  @Test
  void aKeptAliveConnectionCarriesLargeSmallAndLargeAnswersInOrder() throws Exception {
    TestStore s = storeWithLargePage();
    String big = s.get(P + "?limit=250").body();
    String small = s.get(P + "?limit=1").body();
    String head = " HTTP/1.1\r\nHost: x\r\nX-Auth-Token: " + s.token() + "\r\n\r\n";
    String three =
        RawHttp.pipelined(
            sr.app().port(),
            List.of(
                "GET " + s.path(P) + "?limit=250" + head,
                "GET " + s.path(P) + "?limit=1" + head,
                "HEAD " + s.path(P) + "?limit=250" + head,
                "GET " + s.path(P) + "?limit=250" + head));
    // The raw answers are Latin-1 text of UTF-8 bytes: compare the bodies the same way.
    String bigRaw = new String(big.getBytes(StandardCharsets.UTF_8), StandardCharsets.ISO_8859_1);
    String smallRaw =
        new String(small.getBytes(StandardCharsets.UTF_8), StandardCharsets.ISO_8859_1);
    Matcher lengths = Pattern.compile("(?i)content-length: (\\d+)").matcher(three);
    for (int expected :
        new int[] {bigRaw.length(), smallRaw.length(), bigRaw.length(), bigRaw.length()}) {
      assertThat(lengths.find()).isTrue();
      assertThat(Integer.parseInt(lengths.group(1))).isEqualTo(expected);
    }
    String[] parts = three.split("HTTP/1\\.1 ", -1);
    assertThat(parts).hasSize(5); // "" before the first answer, then four answers
    assertThat(parts[1]).startsWith("200").endsWith("\r\n\r\n" + bigRaw);
    assertThat(parts[2]).startsWith("200").endsWith("\r\n\r\n" + smallRaw);
    assertThat(parts[3]).startsWith("200").endsWith("\r\n\r\n"); // HEAD: no body
    assertThat(parts[4]).startsWith("200").endsWith("\r\n\r\n" + bigRaw);
  }
}
