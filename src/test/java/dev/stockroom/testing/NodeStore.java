package dev.stockroom.testing;

import java.util.List;

/**
 * A store and a token made through one node's own control plane, for tests that start their own
 * servers (child JVMs, a second node, a server with other settings).
 */
public record NodeStore(ApiClient http, String hash, String token) {

  /** Creates a store (enterprise) and an API account with {@code scopes} through {@code http}. */
  public static NodeStore create(ApiClient http, String adminToken, List<String> scopes) {
    String admin = "Bearer " + adminToken;
    ApiClient.Response store =
        http.send(
            "POST",
            "/admin/api/stores",
            "{\"name\":\"Node store\",\"plan\":\"enterprise\"}",
            "Authorization",
            admin);
    if (store.status() != 201) {
      throw new IllegalStateException("could not create store: " + store);
    }
    String hash = store.json().path("data").path("store_hash").asText();
    StringBuilder s = new StringBuilder("[");
    for (int i = 0; i < scopes.size(); i++) {
      s.append(i > 0 ? "," : "").append('"').append(scopes.get(i)).append('"');
    }
    ApiClient.Response account =
        http.send(
            "POST",
            "/admin/api/stores/" + hash + "/api-accounts",
            "{\"name\":\"node\",\"scopes\":" + s + "]}",
            "Authorization",
            admin);
    if (account.status() != 201) {
      throw new IllegalStateException("could not create account: " + account);
    }
    return new NodeStore(http, hash, account.json().path("data").path("access_token").asText());
  }

  /** A store API call with this store's token; {@code rest} follows {@code /stores/{hash}/}. */
  public ApiClient.Response call(String method, String rest, String json) {
    return http.send(method, "/stores/" + hash + "/" + rest, json, "X-Auth-Token", token);
  }
}
