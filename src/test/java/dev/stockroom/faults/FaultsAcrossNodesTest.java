package dev.stockroom.faults;

import static org.assertj.core.api.Assertions.assertThat;

import dev.stockroom.App;
import dev.stockroom.testing.ApiClient;
import dev.stockroom.testing.ApiClient.Response;
import dev.stockroom.testing.Stockroom;
import dev.stockroom.testing.StockroomTest;
import dev.stockroom.testing.TestStore;
import org.junit.jupiter.api.Test;

/**
 * Rules live in the database: a second node on the same database applies them within about a
 * second, and a node started again finds them.
 */
@StockroomTest
class FaultsAcrossNodesTest {
  final Stockroom sr;

  FaultsAcrossNodesTest(Stockroom sr) {
    this.sr = sr;
  }

  static int status(App node, TestStore s, String rest) {
    return new ApiClient("http://127.0.0.1:" + node.port())
        .send("GET", s.path(rest), null, "X-Auth-Token", s.token())
        .status();
  }

  static Response admin(App node, Stockroom sr, String method, String path, String json) {
    return new ApiClient("http://127.0.0.1:" + node.port())
        .send(method, path, json, "Authorization", "Bearer " + sr.adminToken());
  }

  @Test
  void aRuleMadeOnOneNodeReachesAnotherWithinASecond() throws Exception {
    TestStore s = sr.newStore();
    try (App other = App.start(sr.config().withPort(0))) {
      assertThat(status(other, s, "v2/time")).isEqualTo(200);
      Response made =
          sr.admin("POST", "/admin/api/stores/" + s.hash() + "/faults", "{\"status\":503}");
      assertThat(made.status()).isEqualTo(201);
      assertThat(s.get("v2/time").status()).as("at once on the node that made it").isEqualTo(503);
      long deadline = System.nanoTime() + 3_000_000_000L;
      int seen = status(other, s, "v2/time");
      while (seen != 503 && System.nanoTime() < deadline) {
        Thread.sleep(100);
        seen = status(other, s, "v2/time");
      }
      assertThat(seen).isEqualTo(503);
      sr.admin("DELETE", "/admin/api/stores/" + s.hash() + "/faults", null);
    }
  }

  @Test
  void nextNIsSharedByNodesAndRulesSurviveARestart() throws Exception {
    TestStore s = sr.newStore();
    App node = App.start(sr.config().withPort(0));
    long id;
    try {
      Response made =
          admin(
              node,
              sr,
              "POST",
              "/admin/api/stores/" + s.hash() + "/faults",
              "{\"status\":500,\"times\":4,\"path\":\"/v2/time\"}");
      assertThat(made.status()).isEqualTo(201);
      id = made.json().path("data").path("id").asLong();
      assertThat(status(node, s, "v2/time")).isEqualTo(500);
      assertThat(status(node, s, "v2/time")).isEqualTo(500);
    } finally {
      node.close();
    }
    try (App restarted = App.start(sr.config().withPort(0))) {
      Response rule =
          admin(restarted, sr, "GET", "/admin/api/stores/" + s.hash() + "/faults/" + id, null);
      assertThat(rule.json().path("data").path("remaining").asLong()).isEqualTo(2);
      assertThat(status(restarted, s, "v2/time")).isEqualTo(500);
      Thread.sleep(Faults.REFRESH_MS + 300); // the first node has re-read the rules by now
      assertThat(s.get("v2/time").status()).as("the first node shares the count").isEqualTo(500);
      assertThat(status(restarted, s, "v2/time")).isEqualTo(200);
      assertThat(s.get("v2/time").status()).isEqualTo(200);
    }
  }
}
