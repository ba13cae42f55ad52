package dev.stockroom.cli;

import java.io.IOException;
import java.net.ConnectException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import org.jspecify.annotations.Nullable;

/** The command line's way to the control plane of a running server. */
final class AdminClient {
  record Answer(int status, String body) {}

  private final HttpClient http =
      HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
  private final String url;
  private final String token;

  AdminClient(String url, String token) {
    this.url = url.endsWith("/") ? url.substring(0, url.length() - 1) : url;
    this.token = token;
  }

  /**
   * The admin token: the option, else STOCKROOM_ADMIN_TOKEN, else the data dir's admin-token file.
   */
  static String token(@Nullable String option, Path dataDir) throws IOException {
    if (option != null && !option.isBlank()) {
      return option;
    }
    String env = System.getenv("STOCKROOM_ADMIN_TOKEN");
    if (env != null && !env.isBlank()) {
      return env;
    }
    Path file = dataDir.resolve("admin-token");
    if (Files.exists(file)) {
      return Files.readString(file).trim();
    }
    throw new IOException(
        "No admin token: pass --admin-token, set STOCKROOM_ADMIN_TOKEN, or run from the folder whose"
            + " data directory holds admin-token (see --data-dir).");
  }

  Answer send(String method, String path, @Nullable String json) throws IOException {
    HttpRequest.Builder b =
        HttpRequest.newBuilder(URI.create(url + path))
            .timeout(Duration.ofSeconds(30))
            .header("Authorization", "Bearer " + token)
            .header("Accept", "application/json");
    if (json != null) {
      b.header("Content-Type", "application/json")
          .method(method, HttpRequest.BodyPublishers.ofString(json));
    } else {
      b.method(method, HttpRequest.BodyPublishers.noBody());
    }
    try {
      HttpResponse<String> r = http.send(b.build(), HttpResponse.BodyHandlers.ofString());
      return new Answer(r.statusCode(), r.body());
    } catch (ConnectException e) {
      throw new IOException(
          "Cannot reach Stockroom at " + url + ": start it with ./stockroom serve, or pass --url.",
          e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IOException("interrupted", e);
    }
  }
}
