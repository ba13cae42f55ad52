package dev.stockroom.testing;

/** A fresh store of the server under test, with a token holding every scope the tests need. */
public final class TestStore {
  private final Stockroom server;
  private final String hash;
  private final String token;

  TestStore(Stockroom server, String hash, String token) {
    this.server = server;
    this.hash = hash;
    this.token = token;
  }

  public String hash() {
    return hash;
  }

  public String token() {
    return token;
  }

  public Stockroom server() {
    return server;
  }

  /** {@code /stores/{hash}} + path, e.g. {@code v3/catalog/products}. */
  public String path(String rest) {
    return "/stores/" + hash + "/" + rest;
  }

  public ApiClient.Response get(String rest) {
    return call("GET", rest, null);
  }

  public ApiClient.Response post(String rest, String json) {
    return call("POST", rest, json);
  }

  public ApiClient.Response put(String rest, String json) {
    return call("PUT", rest, json);
  }

  public ApiClient.Response delete(String rest) {
    return call("DELETE", rest, null);
  }

  public ApiClient.Response call(String method, String rest, String json, String... headers) {
    String[] all = new String[headers.length + 2];
    all[0] = "X-Auth-Token";
    all[1] = token;
    System.arraycopy(headers, 0, all, 2, headers.length);
    return server.http().send(method, path(rest), json, all);
  }

  /**
   * Follows the {@code Location} of a 202 (a scheduled task) until the task is completed or failed,
   * 20 s at most; returns the finished task.
   */
  public com.fasterxml.jackson.databind.JsonNode awaitTask(ApiClient.Response accepted) {
    String location = accepted.header("Location").orElseThrow();
    long deadline = System.nanoTime() + 20_000_000_000L;
    while (true) {
      ApiClient.Response r = server.http().send("GET", location, null, "X-Auth-Token", token);
      String status = r.json().path("data").path("status").asText();
      if (status.equals("completed") || status.equals("failed")) {
        return r.json().path("data");
      }
      if (System.nanoTime() > deadline) {
        throw new AssertionError("task still " + status + " after 20 s: " + r);
      }
      try {
        Thread.sleep(50);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        throw new AssertionError(e);
      }
    }
  }

  /** Sends a multipart/form-data body (image uploads). */
  public ApiClient.Response upload(String rest, Uploads.Form form) {
    return server
        .http()
        .sendBytes(
            "POST",
            path(rest),
            form.body(),
            "X-Auth-Token",
            token,
            "Content-Type",
            form.contentType());
  }

  /** Creates a product and returns its id (asserting 201). */
  public long product(String name, double price) {
    ApiClient.Response r =
        post(
            "v3/catalog/products",
            "{\"name\":\""
                + name
                + "\",\"type\":\"physical\",\"weight\":1,\"price\":"
                + price
                + "}");
    if (r.status() != 201) {
      throw new AssertionError("product create failed: " + r);
    }
    return r.json().path("data").path("id").asLong();
  }

  public long category(String name, long parent) {
    ApiClient.Response r =
        post("v3/catalog/categories", "{\"name\":\"" + name + "\",\"parent_id\":" + parent + "}");
    if (r.status() != 201) {
      throw new AssertionError("category create failed: " + r);
    }
    return r.json().path("data").path("id").asLong();
  }

  public long brand(String name) {
    ApiClient.Response r = post("v3/catalog/brands", "{\"name\":\"" + name + "\"}");
    if (r.status() != 201) {
      throw new AssertionError("brand create failed: " + r);
    }
    return r.json().path("data").path("id").asLong();
  }
}
