package dev.stockroom.testing;

import com.fasterxml.jackson.databind.JsonNode;
import dev.stockroom.App;
import dev.stockroom.config.Config;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;

/** A running server under test: its URL, admin client, clock, and a factory for fresh stores. */
public final class Stockroom {
  private static final AtomicInteger STORES = new AtomicInteger();

  private final App app;
  private final Config config;
  private final TestClock clock;
  private final ApiClient http;

  Stockroom(App app, Config config, TestClock clock) {
    this.app = app;
    this.config = config;
    this.clock = clock;
    this.http = new ApiClient("http://127.0.0.1:" + app.port());
  }

  public App app() {
    return app;
  }

  public Config config() {
    return config;
  }

  public TestClock clock() {
    return clock;
  }

  public Path dataDir() {
    return config.dataDir();
  }

  public ApiClient http() {
    return http;
  }

  public String adminToken() {
    return config.adminToken();
  }

  /** A control-plane call with the admin token. */
  public ApiClient.Response admin(String method, String path, String json) {
    return http.send(method, path, json, "Authorization", "Bearer " + adminToken());
  }

  /** A fresh store (enterprise, big quota) with an account holding every scope. */
  public TestStore newStore() {
    return newStore(
        "{\"name\":\"Test store " + STORES.incrementAndGet() + "\",\"plan\":\"enterprise\"}",
        List.of(
            "store_v2_products", "store_v2_information", "store_v2_orders", "store_v2_customers"));
  }

  /** A fresh store with platform-limit overrides ({@code {"image_bytes":500}}), products scope. */
  public TestStore newStoreWithLimits(String limitsJson) {
    return newStore(
        "{\"name\":\"Limited store "
            + STORES.incrementAndGet()
            + "\",\"platform_limits\":"
            + limitsJson
            + "}",
        List.of("store_v2_products"));
  }

  public TestStore newStore(String storeJson, List<String> scopes) {
    ApiClient.Response r = admin("POST", "/admin/api/stores", storeJson);
    if (r.status() != 201) {
      throw new IllegalStateException("could not create store: " + r);
    }
    String hash = r.json().path("data").path("store_hash").asText();
    String token = newToken(hash, scopes);
    return new TestStore(this, hash, token);
  }

  public String newToken(String hash, List<String> scopes) {
    StringBuilder s = new StringBuilder("[");
    for (int i = 0; i < scopes.size(); i++) {
      s.append(i > 0 ? "," : "").append('"').append(scopes.get(i)).append('"');
    }
    s.append(']');
    ApiClient.Response a =
        admin(
            "POST",
            "/admin/api/stores/" + hash + "/api-accounts",
            "{\"name\":\"test\",\"scopes\":" + s + "}");
    if (a.status() != 201) {
      throw new IllegalStateException("could not create account: " + a);
    }
    JsonNode data = a.json().path("data");
    return data.path("access_token").asText();
  }
}
