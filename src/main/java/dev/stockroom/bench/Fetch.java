package dev.stockroom.bench;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;

/**
 * One GET for the benchmark script, so that it needs no curl: {@code Fetch --url U [--header "Name:
 * value"]… --out FILE} writes the response body to FILE and prints the status code on stdout. Used
 * to capture a real list page, whose bytes the ceiling then serves.
 */
public final class Fetch {
  private Fetch() {}

  public static void main(String[] args) throws IOException, InterruptedException {
    String url = null;
    String out = null;
    HttpRequest.Builder req = HttpRequest.newBuilder();
    for (int i = 0; i + 1 < args.length; i += 2) {
      switch (args[i]) {
        case "--url" -> url = args[i + 1];
        case "--out" -> out = args[i + 1];
        case "--header" -> {
          String h = args[i + 1];
          int colon = h.indexOf(':');
          req.header(h.substring(0, colon).trim(), h.substring(colon + 1).trim());
        }
        default -> usage();
      }
    }
    if (url == null || out == null || args.length % 2 != 0) {
      usage();
      return;
    }
    try (HttpClient client = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build()) {
      HttpResponse<Path> res =
          client.send(
              req.uri(URI.create(url)).GET().build(),
              HttpResponse.BodyHandlers.ofFile(Path.of(out)));
      System.out.println(res.statusCode());
    }
  }

  private static void usage() {
    System.err.println("usage: Fetch --url U [--header 'Name: value']… --out FILE");
    System.exit(2);
  }
}
