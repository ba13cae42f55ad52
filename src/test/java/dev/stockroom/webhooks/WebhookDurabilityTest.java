package dev.stockroom.webhooks;

import static org.assertj.core.api.Assertions.assertThat;

import dev.stockroom.testing.ApiClient;
import dev.stockroom.testing.ChildServer;
import dev.stockroom.testing.NodeStore;
import dev.stockroom.testing.Receiver;
import dev.stockroom.testing.Receiver.Answer;
import dev.stockroom.testing.Receiver.Hit;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.atomic.AtomicBoolean;
import org.junit.jupiter.api.Test;

/**
 * The outbox across a crash: events of acknowledged writes whose deliveries were failing, or not
 * yet tried, when the server (a child JVM) was killed with SIGKILL are all delivered after it
 * starts again, each with the hash it had before.
 */
class WebhookDurabilityTest {
  static final String TOKEN = "webhook-durability-admin-token";

  /** null: SQLite in the data dir. */
  String databaseUrl() {
    return null;
  }

  @Test
  void deliveriesPendingAtAKillAreSentAfterTheRestart() throws Exception {
    Path dir = Files.createTempDirectory("stockroom-webhook-crash-");
    AtomicBoolean fixed = new AtomicBoolean();
    try (Receiver receiver = new Receiver()) {
      receiver.answering((n, h) -> Answer.status(fixed.get() ? 200 : 500));
      ChildServer server = ChildServer.start(dir, databaseUrl(), TOKEN);
      ApiClient http = server.http();
      NodeStore store = NodeStore.create(http, TOKEN, List.of("store_v2_products"));
      String hash = store.hash();
      String token = store.token();
      ApiClient.Response hook =
          http.send(
              "POST",
              "/stores/" + hash + "/v3/hooks",
              "{\"scope\":\"store/product/created\",\"destination\":\""
                  + receiver.url("/crash")
                  + "\"}",
              "X-Auth-Token",
              token);
      assertThat(hook.status()).as(hook.body()).isEqualTo(201);
      Set<Long> acknowledged = new HashSet<>();
      for (int i = 0; i < 60; i++) {
        ApiClient.Response r =
            http.send(
                "POST",
                "/stores/" + hash + "/v3/catalog/products",
                "{\"name\":\"P" + i + "\",\"type\":\"physical\",\"weight\":1,\"price\":1}",
                "X-Auth-Token",
                token);
        assertThat(r.status()).isEqualTo(201);
        acknowledged.add(r.json().path("data").path("id").asLong());
      }
      receiver.awaitHits(1, 20); // some deliveries failed, others not tried yet: then the crash
      server.kill();
      int beforeRestart = receiver.hits().size();
      assertThat(beforeRestart).as("attempts before the kill").isBetween(1, 60);
      fixed.set(true);
      server = ChildServer.start(dir, databaseUrl(), TOKEN);
      ApiClient after = server.http();
      ApiClient.Response now =
          after.send(
              "POST",
              "/admin/api/stores/" + hash + "/webhooks/retry-now",
              "{}",
              "Authorization",
              "Bearer " + TOKEN);
      assertThat(now.status()).as(now.body()).isEqualTo(200);
      Receiver.await(60, () -> delivered(receiver.hits(), beforeRestart).containsAll(acknowledged));
      server.kill();
      assertThat(delivered(receiver.hits(), beforeRestart))
          .as("every acknowledged product's event delivered after the restart")
          .containsAll(acknowledged);
      Map<Long, String> hashes = new HashMap<>();
      for (Hit h : receiver.hits()) {
        String previous = hashes.putIfAbsent(id(h), h.hash());
        assertThat(previous == null || previous.equals(h.hash()))
            .as("attempts of product " + id(h) + " share one hash")
            .isTrue();
      }
    }
  }

  static long id(Hit h) {
    return h.body().path("data").path("id").asLong();
  }

  /** The product ids of the hits after the first {@code skip} (answered 200). */
  static Set<Long> delivered(List<Hit> hits, int skip) {
    Set<Long> out = new HashSet<>();
    for (int i = skip; i < hits.size(); i++) {
      out.add(id(hits.get(i)));
    }
    return out;
  }
}
