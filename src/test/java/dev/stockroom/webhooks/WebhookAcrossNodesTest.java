package dev.stockroom.webhooks;

import static org.assertj.core.api.Assertions.assertThat;

import dev.stockroom.App;
import dev.stockroom.testing.ApiClient;
import dev.stockroom.testing.Receiver;
import dev.stockroom.testing.Receiver.Hit;
import dev.stockroom.testing.Stockroom;
import dev.stockroom.testing.StockroomTest;
import dev.stockroom.testing.TestStore;
import java.util.HashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * Two nodes on one database both run a delivery loop: each delivery is claimed by one of them, so a
 * receiver gets every event once (reliability.md suite 12, "webhook claimed once").
 */
@StockroomTest
class WebhookAcrossNodesTest {
  final Stockroom sr;

  WebhookAcrossNodesTest(Stockroom sr) {
    this.sr = sr;
  }

  @Test
  void twoNodesDeliverEachEventOnce() throws Exception {
    TestStore s = sr.newStore();
    try (Receiver receiver = new Receiver();
        App other = App.start(sr.config().withPort(0))) {
      assertThat(
              s.post(
                      "v3/hooks",
                      "{\"scope\":\"store/category/created\",\"destination\":\""
                          + receiver.url("/both")
                          + "\"}")
                  .status())
          .isEqualTo(201);
      ApiClient second = new ApiClient("http://127.0.0.1:" + other.port());
      int events = 60;
      for (int i = 0; i < events; i++) {
        // half through each node: both write events, both deliver
        ApiClient via = i % 2 == 0 ? sr.http() : second;
        assertThat(
                via.send(
                        "POST",
                        s.path("v3/catalog/categories"),
                        "{\"name\":\"N" + i + "\",\"parent_id\":0}",
                        "X-Auth-Token",
                        s.token())
                    .status())
            .isEqualTo(201);
      }
      receiver.awaitHits(events, 20);
      Receiver.await(1, () -> false); // room for a duplicate to show up
      Map<Long, Integer> perCategory = new HashMap<>();
      for (Hit h : receiver.hits()) {
        perCategory.merge(h.body().path("data").path("id").asLong(), 1, Integer::sum);
      }
      assertThat(perCategory).hasSize(events);
      assertThat(perCategory.values()).as("deliveries per event").containsOnly(1);
    }
  }

  @Test
  void aHookMadeOnOneNodeGetsTheOtherNodesEventsWithinASecond() throws Exception {
    TestStore s = sr.newStore();
    try (Receiver receiver = new Receiver();
        App other = App.start(sr.config().withPort(0))) {
      ApiClient second = new ApiClient("http://127.0.0.1:" + other.port());
      String categories = s.path("v3/catalog/categories");
      // the second node writes first, so it knows the store as one without hooks
      second.send(
          "POST", categories, "{\"name\":\"Before\",\"parent_id\":0}", "X-Auth-Token", s.token());
      assertThat(
              s.post(
                      "v3/hooks",
                      "{\"scope\":\"store/category/created\",\"destination\":\""
                          + receiver.url("/later")
                          + "\"}")
                  .status())
          .isEqualTo(201);
      Thread.sleep(1_100);
      second.send(
          "POST", categories, "{\"name\":\"After\",\"parent_id\":0}", "X-Auth-Token", s.token());
      assertThat(receiver.awaitHits(1, 10)).hasSize(1);
    }
  }
}
