package dev.stockroom.webhooks;

import static org.assertj.core.api.Assertions.assertThat;

import dev.stockroom.App;
import dev.stockroom.config.Config;
import dev.stockroom.testing.ApiClient;
import dev.stockroom.testing.ApiClient.Response;
import dev.stockroom.testing.NodeStore;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** A server started with --webhooks-public-only refuses every hostile destination with 422. */
class PublicOnlyApiTest {
  static final String ADMIN = "public-only-admin";
  static App app;
  static ApiClient http;
  static String hash;
  static String token;

  @BeforeAll
  static void start() throws Exception {
    Path dir = Files.createTempDirectory("stockroom-public-only-");
    app =
        App.start(
            Config.defaults(dir, ADMIN)
                .withPort(0)
                .withBackground(new Config.Background(true, 1.0, 100, 2_000, 250)));
    http = new ApiClient("http://127.0.0.1:" + app.port());
    NodeStore store = NodeStore.create(http, ADMIN, List.of());
    hash = store.hash();
    token = store.token();
  }

  @AfterAll
  static void stop() {
    app.close();
  }

  Response create(String destination) {
    return http.send(
        "POST",
        "/stores/" + hash + "/v3/hooks",
        "{\"scope\":\"store/product/created\",\"destination\":\"" + destination + "\"}",
        "X-Auth-Token",
        token);
  }

  @Test
  void everyHostileDestinationIsRefusedAtCreateAndUpdate() {
    int accepted = 0;
    for (String url : DestinationsTest.HOSTILE) {
      Response r = create(url);
      assertThat(r.status()).as(url + " " + r.body()).isEqualTo(422);
      assertThat(r.json().path("errors").has("destination")).isTrue();
      accepted += r.status() == 201 ? 1 : 0;
    }
    assertThat(accepted).isZero();
    Response ok = create("https://93.184.216.34/hook");
    assertThat(ok.status()).as(ok.body()).isEqualTo(201);
    long id = ok.json().path("data").path("id").asLong();
    Response put =
        http.send(
            "PUT",
            "/stores/" + hash + "/v3/hooks/" + id,
            "{\"destination\":\"https://[::ffff:7f00:1]/\"}",
            "X-Auth-Token",
            token);
    assertThat(put.status()).isEqualTo(422);
  }

  @Test
  void theHostedRuleIsExplained() {
    Response r = create("http://hooks.example.com/x");
    assertThat(r.json().path("errors").path("destination").asText())
        .contains("https")
        .contains("443");
  }
}
