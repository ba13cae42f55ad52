package dev.stockroom.db;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.stockroom.testing.ApiClient;
import dev.stockroom.testing.ChildServer;
import dev.stockroom.testing.NodeStore;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

/**
 * Creates products from 8 writers while the server (a child JVM) is killed with SIGKILL, then
 * restarts it: every acknowledged product must be there. Process crash only: the OS page cache
 * survives, so this does not model power loss (use --sqlite-sync full for that).
 */
class DurabilityTest {
  static final int KILLS = 3;
  static final String TOKEN = "durability-admin-token";

  /** null: SQLite in the data dir. */
  String databaseUrl() {
    return null;
  }

  ChildServer start(Path dataDir) throws IOException {
    return ChildServer.start(dataDir, databaseUrl(), TOKEN);
  }

  @Test
  void everyAcknowledgedProductSurvivesKillMinus9() throws Exception {
    Path dir = Files.createTempDirectory("stockroom-durability-");
    String url = databaseUrl();
    ChildServer server = start(dir);
    ApiClient admin = new ApiClient("http://127.0.0.1:" + server.port());
    NodeStore made = NodeStore.create(admin, TOKEN, List.of("store_v2_products"));
    String hash = made.hash();
    String token = made.token();
    Set<String> acknowledged = ConcurrentHashMap.newKeySet();
    AtomicInteger attempts = new AtomicInteger();
    String run = Long.toHexString(System.nanoTime());
    for (int kill = 0; kill < KILLS; kill++) {
      int port = server.port();
      AtomicBoolean stop = new AtomicBoolean();
      List<Thread> writers = new ArrayList<>();
      for (int w = 0; w < 8; w++) {
        int writer = w;
        int round = kill;
        writers.add(
            Thread.ofPlatform()
                .start(
                    () -> {
                      ApiClient c = new ApiClient("http://127.0.0.1:" + port);
                      for (int i = 0; !stop.get(); i++) {
                        String name = run + "-" + round + "-" + writer + "-" + i;
                        attempts.incrementAndGet();
                        try {
                          ApiClient.Response r =
                              c.send(
                                  "POST",
                                  "/stores/" + hash + "/v3/catalog/products",
                                  "{\"name\":\""
                                      + name
                                      + "\",\"type\":\"physical\",\"weight\":1,\"price\":1}",
                                  "X-Auth-Token",
                                  token);
                          if (r.status() == 201) {
                            acknowledged.add(name);
                          }
                        } catch (RuntimeException e) {
                          return; // the server died mid-request: not acknowledged
                        }
                      }
                    }));
      }
      // Kill under load: once this round has acknowledged a good number of writes (or after 20 s).
      int target = acknowledged.size() + 150 + 50 * kill;
      long until = System.nanoTime() + TimeUnit.SECONDS.toNanos(20);
      while (acknowledged.size() < target && System.nanoTime() < until) {
        Thread.sleep(20);
      }
      server.process().destroyForcibly(); // SIGKILL
      server.process().waitFor(30, TimeUnit.SECONDS);
      stop.set(true);
      for (Thread t : writers) {
        t.join(30_000);
      }
      server = start(dir);
    }
    Set<String> present = new HashSet<>();
    ApiClient c = new ApiClient("http://127.0.0.1:" + server.port());
    for (int page = 1; ; page++) {
      JsonNode body =
          c.send(
                  "GET",
                  "/stores/"
                      + hash
                      + "/v3/catalog/products?limit=250&include_fields=name&page="
                      + page,
                  null,
                  "X-Auth-Token",
                  token)
              .json();
      body.path("data").forEach(n -> present.add(n.path("name").asText()));
      if (page >= body.path("meta").path("pagination").path("total_pages").asInt()) {
        break;
      }
    }
    server.process().destroyForcibly();
    server.process().waitFor(30, TimeUnit.SECONDS);
    Set<String> lost = new HashSet<>(acknowledged);
    lost.removeAll(present);
    System.err.printf(
        "durability (%s): %d SIGKILLs, %d attempts, %d acknowledged, %d lost, %d present%n",
        url == null ? "SQLite" : "PostgreSQL",
        KILLS,
        attempts.get(),
        acknowledged.size(),
        lost.size(),
        present.size());
    assertThat(acknowledged.size()).as("writes acknowledged before the kills").isGreaterThan(300);
    assertThat(lost).as("acknowledged products missing after restart").isEmpty();
  }
}
