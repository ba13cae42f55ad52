package dev.stockroom.tasks;

import static dev.stockroom.tasks.TaskPolling.awaitFinished;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.stockroom.App;
import dev.stockroom.config.Config;
import dev.stockroom.testing.ApiClient;
import dev.stockroom.testing.Stockroom;
import dev.stockroom.testing.StockroomTest;
import dev.stockroom.testing.TestStore;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;

/**
 * Collection deletes and batch updates above the task threshold, and tasks across restarts and
 * nodes. Each test starts its own nodes (threshold 3) on the database of the class's server.
 */
@StockroomTest
class ScheduledWritesApiTest {
  final Stockroom sr;

  ScheduledWritesApiTest(Stockroom sr) {
    this.sr = sr;
  }

  /** A node with task threshold 3 and poll interval {@code pollMs} on {@code dir}'s database. */
  App node(Path dir, long pollMs) {
    Config.Background b = new Config.Background(false, 1.0, pollMs, 2_000, 3);
    return App.start(
        Config.defaults(dir, sr.adminToken())
            .withPort(0)
            .withDatabaseUrl(sr.config().databaseUrl())
            .withClock(sr.clock())
            .withBackground(b));
  }

  /** A store made through a node's own control plane, and calls to it with a full token. */
  record NodeStore(ApiClient http, String hash, String token) {
    ApiClient.Response call(String method, String rest, String json) {
      return http.send(method, "/stores/" + hash + "/" + rest, json, "X-Auth-Token", token);
    }

    ApiClient.Response get(String rest) {
      return call("GET", rest, null);
    }

    void create(String rest, String json) {
      ApiClient.Response r = call("POST", rest, json);
      assertThat(r.status()).as(r.toString()).isIn(200, 201);
    }

    JsonNode await(ApiClient.Response accepted) {
      assertThat(accepted.status()).as(accepted.toString()).isEqualTo(202);
      String location = accepted.header("Location").orElseThrow();
      return awaitFinished(() -> http.send("GET", location, null, "X-Auth-Token", token));
    }
  }

  NodeStore storeOn(App app) {
    ApiClient http = new ApiClient("http://127.0.0.1:" + app.port());
    String[] auth = newStore(http);
    return new NodeStore(http, auth[0], auth[1]);
  }

  @Test
  void deletesAboveTheThresholdAreScheduledAndDoneByTheTask() throws IOException {
    try (App app = node(Files.createTempDirectory("stockroom-node-"), 50)) {
      NodeStore s = storeOn(app);
      for (int i = 1; i <= 4; i++) {
        s.create("v3/catalog/brands", "{\"name\":\"Brand " + i + "\"}");
        s.create("v3/catalog/categories", "{\"name\":\"Category " + i + "\",\"parent_id\":0}");
        s.create(
            "v3/catalog/products",
            "{\"name\":\"Product " + i + "\",\"type\":\"physical\",\"weight\":1,\"price\":1}");
      }
      JsonNode brands = s.await(s.call("DELETE", "v3/catalog/brands", null));
      assertThat(brands.path("kind").asText()).isEqualTo("brands.delete");
      assertThat(brands.path("status").asText()).isEqualTo("completed");
      assertThat(brands.path("result").path("status").asInt()).isEqualTo(204);
      assertThat(brands.path("progress").path("done").asLong()).isEqualTo(4);
      assertThat(s.get("v3/catalog/brands").ids()).isEmpty();

      JsonNode products = s.await(s.call("DELETE", "v3/catalog/products?name:like=Product", null));
      assertThat(products.path("result").path("status").asInt()).isEqualTo(204);
      assertThat(s.get("v3/catalog/products").ids()).isEmpty();

      JsonNode categories =
          s.await(s.call("DELETE", "v3/catalog/categories?name:like=Category", null));
      assertThat(categories.path("result").path("status").asInt()).isEqualTo(204);
      assertThat(s.get("v3/catalog/categories").ids()).isEmpty();

      s.create("v3/catalog/brands", "{\"name\":\"Kept\"}");
      assertThat(s.call("DELETE", "v3/catalog/brands", null).status())
          .as("one object, below the threshold: done in the request")
          .isEqualTo(204);
    }
  }

  @Test
  void batchUpdatesAboveTheThresholdAnswerWithTheBatchAsTheTaskResult() throws IOException {
    try (App app = node(Files.createTempDirectory("stockroom-node-"), 50)) {
      NodeStore s = storeOn(app);
      StringBuilder create = new StringBuilder("[");
      for (int i = 1; i <= 4; i++) {
        create.append(i > 1 ? "," : "");
        create.append(
            "{\"email\":\"c" + i + "@example.com\",\"first_name\":\"C\",\"last_name\":\"L\"}");
      }
      s.create("v3/customers", create + "]");
      List<Long> ids = s.get("v3/customers").ids();
      StringBuilder update = new StringBuilder("[");
      for (int i = 0; i < ids.size(); i++) {
        update.append(i > 0 ? "," : "").append("{\"id\":" + ids.get(i) + ",\"notes\":\"vip\"}");
      }
      JsonNode task = s.await(s.call("PUT", "v3/customers", update + "]"));
      assertThat(task.path("kind").asText()).isEqualTo("customers.update");
      assertThat(task.path("result").path("status").asInt()).isEqualTo(200);
      assertThat(task.path("result").path("body").path("data")).hasSize(4);
      JsonNode first = s.get("v3/customers?id:in=" + ids.get(0)).json().path("data").get(0);
      assertThat(first.path("notes").asText()).isEqualTo("vip");

      JsonNode deleted = s.await(s.call("DELETE", "v2/customers", null));
      assertThat(deleted.path("result").path("status").asInt()).isEqualTo(204);
      assertThat(s.get("v3/customers").ids()).isEmpty();
    }
  }

  @Test
  void aFailingScheduledRequestEndsAsAFailedTaskWithItsError() throws IOException {
    try (App app = node(Files.createTempDirectory("stockroom-node-"), 50)) {
      NodeStore s = storeOn(app);
      // Variants that do not exist: the replayed batch answers the error it would answer now.
      JsonNode task =
          s.await(
              s.call(
                  "PUT",
                  "v3/catalog/variants",
                  "[{\"id\":901,\"price\":1},{\"id\":902,\"price\":1},{\"id\":903,\"price\":1},"
                      + "{\"id\":904,\"price\":1}]"));
      assertThat(task.path("kind").asText()).isEqualTo("variants.update");
      assertThat(task.path("status").asText()).isEqualTo("failed");
      assertThat(task.path("result").path("status").asInt()).isBetween(400, 499);
      assertThat(task.path("result").path("body").path("status").asInt()).isBetween(400, 499);
    }
  }

  @Test
  void aQueuedTaskSurvivesARestart() throws IOException {
    Assumptions.assumeTrue(
        sr.config().databaseUrl() == null,
        "SQLite only: on PostgreSQL the class's server would run it");
    Path dir = Files.createTempDirectory("stockroom-restart-");
    String location;
    String[] auth;
    try (App first = node(dir, 3_600_000)) {
      ApiClient http = new ApiClient("http://127.0.0.1:" + first.port());
      auth = newStore(http);
      String orders = "/stores/" + auth[0] + "/v2/orders";
      for (int i = 1; i <= 2; i++) {
        assertThat(
                http.send("POST", orders, TaskPolling.order(i), "X-Auth-Token", auth[1]).status())
            .isEqualTo(201);
      }
      ApiClient.Response r = http.send("DELETE", orders, null, "X-Auth-Token", auth[1]);
      assertThat(r.status()).isEqualTo(202);
      location = r.header("Location").orElseThrow();
    }
    try (App second = node(dir, 50)) {
      ApiClient http = new ApiClient("http://127.0.0.1:" + second.port());
      JsonNode task =
          awaitFinished(() -> http.send("GET", location, null, "X-Auth-Token", auth[1]));
      assertThat(task.path("status").asText()).isEqualTo("completed");
      assertThat(task.path("progress").path("done").asLong()).isEqualTo(2);
      String orders = "/stores/" + auth[0] + "/v2/orders";
      assertThat(http.send("GET", orders, null, "X-Auth-Token", auth[1]).status()).isEqualTo(204);
    }
  }

  /** A new store with an orders account through a node's control plane: {hash, token}. */
  String[] newStore(ApiClient http) {
    var made =
        dev.stockroom.testing.NodeStore.create(
            http,
            sr.adminToken(),
            List.of("store_v2_orders", "store_v2_products", "store_v2_customers"));
    return new String[] {made.hash(), made.token()};
  }

  @Test
  void twoNodesOnOneDatabaseRunEachTaskExactlyOnce() {
    Assumptions.assumeTrue(
        sr.config().databaseUrl() != null, "needs PostgreSQL: two nodes share one database");
    TestStore s = sr.newStore();
    List<App> nodes = new ArrayList<>();
    try {
      for (int i = 0; i < 2; i++) {
        nodes.add(node(Files.createTempDirectory("stockroom-node-"), 20));
      }
      List<String> locations = new ArrayList<>();
      for (int i = 0; i < 12; i++) {
        ApiClient.Response r =
            sr.admin("POST", "/admin/api/stores/" + s.hash() + "/sample-data", "{\"products\":3}");
        locations.add(r.header("Location").orElseThrow());
      }
      for (String location : locations) {
        JsonNode task = awaitFinished(() -> sr.admin("GET", location, null));
        assertThat(task.path("status").asText()).as(task.toString()).isEqualTo("completed");
      }
      assertThat(s.get("v3/catalog/products?limit=250").ids()).hasSize(36);
    } catch (IOException e) {
      throw new java.io.UncheckedIOException(e);
    } finally {
      nodes.forEach(App::close);
    }
  }
}
