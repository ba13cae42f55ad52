package dev.stockroom.store;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.stockroom.testing.ApiClient.Response;
import dev.stockroom.testing.Stockroom;
import dev.stockroom.testing.StockroomTest;
import dev.stockroom.testing.TestStore;
import org.junit.jupiter.api.Test;

@StockroomTest
class StoreInfoApiTest {
  final Stockroom sr;

  StoreInfoApiTest(Stockroom sr) {
    this.sr = sr;
  }

  @Test
  void storeIsABareV2Object() {
    TestStore s = sr.newStore();
    Response r = s.get("v2/store");
    assertThat(r.status()).isEqualTo(200);
    JsonNode b = r.json();
    assertThat(b.has("data")).isFalse();
    assertThat(b.path("id").asText()).isEqualTo(s.hash());
    assertThat(b.path("name").asText()).startsWith("Test store");
    assertThat(b.path("secure_URL").asText()).startsWith("https://");
    assertThat(b.path("timezone").path("date_format").path("display").asText()).isEqualTo("M jS Y");
    assertThat(b.path("plan_name").asText()).isEqualTo("Enterprise");
    assertThat(b.path("features").has("stencil_enabled")).isTrue();
  }

  @Test
  void timeIsUnixSecondsOfTheServerClock() {
    TestStore s = sr.newStore();
    long before = sr.clock().millis() / 1000;
    long t = s.get("v2/time").json().path("time").asLong();
    assertThat(t).isBetween(before, before + 5);
    sr.clock().advance(3_600_000);
    assertThat(s.get("v2/time").json().path("time").asLong()).isGreaterThanOrEqualTo(before + 3600);
  }
}
