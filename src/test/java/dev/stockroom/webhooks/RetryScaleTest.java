package dev.stockroom.webhooks;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.stockroom.App;
import dev.stockroom.config.Config;
import dev.stockroom.testing.ApiClient;
import dev.stockroom.testing.NodeStore;
import dev.stockroom.testing.Receiver;
import dev.stockroom.testing.Receiver.Answer;
import java.nio.file.Files;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * {@code --webhook-retry-scale 0.01}: the hosted schedule, a hundred times faster, in real time.
 */
class RetryScaleTest {
  static final String ADMIN = "retry-scale-admin";

  @Test
  void aScaledScheduleRetriesAfter600And1800Milliseconds() throws Exception {
    try (Receiver receiver = new Receiver();
        App app =
            App.start(
                Config.defaults(Files.createTempDirectory("stockroom-retry-scale-"), ADMIN)
                    .withPort(0)
                    .withBackground(new Config.Background(false, 0.01, 50, 2_000, 250)))) {
      receiver.answering((n, h) -> Answer.status(500));
      ApiClient http = new ApiClient("http://127.0.0.1:" + app.port());
      NodeStore store = NodeStore.create(http, ADMIN, List.of("store_v2_products"));
      String hash = store.hash();
      String token = store.token();
      String base = "/stores/" + hash + "/v3/";
      long hook =
          http.send(
                  "POST",
                  base + "hooks",
                  "{\"scope\":\"store/category/created\",\"destination\":\""
                      + receiver.url("/scaled")
                      + "\"}",
                  "X-Auth-Token",
                  token)
              .json()
              .path("data")
              .path("id")
              .asLong();
      http.send(
          "POST",
          base + "catalog/categories",
          "{\"name\":\"Fast\",\"parent_id\":0}",
          "X-Auth-Token",
          token);
      receiver.awaitHits(3, 15);
      JsonNode log =
          http.send(
                  "GET",
                  "/admin/api/stores/" + hash + "/webhooks/" + hook + "/deliveries",
                  null,
                  "Authorization",
                  "Bearer " + ADMIN)
              .json()
              .path("data");
      assertThat(log.size()).isGreaterThanOrEqualTo(2);
      JsonNode first = log.get(log.size() - 1);
      JsonNode second = log.get(log.size() - 2);
      assertThat(delay(first)).isBetween(590L, 610L);
      assertThat(delay(second)).isBetween(1_790L, 1_810L);
      assertThat(second.path("at_ms").asLong() - first.path("at_ms").asLong())
          .as("the first retry came when due, not 60 s later")
          .isBetween(600L, 1_500L);
    }
  }

  /** Milliseconds from the end of an attempt to the retry it scheduled. */
  static long delay(JsonNode attempt) {
    long sent = attempt.path("at_ms").asLong() + attempt.path("latency_ms").asLong();
    return Instant.parse(attempt.path("next_attempt_at").asText()).toEpochMilli() - sent;
  }
}
