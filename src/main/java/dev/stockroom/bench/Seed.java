package dev.stockroom.bench;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.BufferedInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.Socket;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Sets a benchmark store up through the public API: creates a store (enterprise plan, no practical
 * rate or product limit), an API account with the products scope, then N products over many
 * keep-alive connections (one virtual thread each), printing progress every 10%.
 *
 * <p>{@code Seed --url U --admin-token T --products N [--concurrency C]} ends by printing {@code
 * store_hash=…} and {@code access_token=…} on stdout; progress goes to stderr.
 *
 * <p>It speaks plain HTTP/1.1 over a socket rather than through {@code java.net.http}: on a small
 * machine that client costs nearly as much CPU as the server it feeds, which halves the seeding
 * rate. Stockroom always answers with a Content-Length, which is all this client reads.
 */
public final class Seed {
  private static final ObjectMapper JSON = new ObjectMapper();

  private Seed() {}

  public static void main(String[] args) throws IOException, InterruptedException {
    String url = "http://127.0.0.1:8080";
    String adminToken = System.getenv("STOCKROOM_ADMIN_TOKEN");
    long products = 100_000;
    int concurrency = 32;
    for (int i = 0; i < args.length; i += 2) {
      String v = i + 1 < args.length ? args[i + 1] : null;
      switch (args[i]) {
        case "--url" -> url = v;
        case "--admin-token" -> adminToken = v;
        case "--products" -> products = Long.parseLong(v);
        case "--concurrency" -> concurrency = Integer.parseInt(v);
        default -> {
          System.err.println("usage: Seed --url U --admin-token T --products N [--concurrency C]");
          System.exit(2);
        }
      }
    }
    if (adminToken == null || url == null) {
      System.err.println("Seed needs --url and --admin-token (or STOCKROOM_ADMIN_TOKEN)");
      System.exit(2);
    }
    URI server = URI.create(url);
    String hash;
    String token;
    try (Conn admin = new Conn(server)) {
      String auth = "Authorization: Bearer " + adminToken;
      JsonNode store =
          JSON.readTree(
              admin.post(
                  "/admin/api/stores",
                  auth,
                  "{\"name\":\"bench\",\"plan\":\"enterprise\",\"product_limit\":1000000,"
                      + "\"rate_limit\":{\"quota\":1000000000,\"window_ms\":1000}}"));
      hash = store.path("data").path("store_hash").asText();
      JsonNode account =
          JSON.readTree(
              admin.post(
                  "/admin/api/stores/" + hash + "/api-accounts",
                  auth,
                  "{\"name\":\"bench\",\"scopes\":[\"store_v2_products\"]}"));
      token = account.path("data").path("access_token").asText();
    }

    String path = "/stores/" + hash + "/v3/catalog/products";
    String auth = "X-Auth-Token: " + token;
    long total = products;
    long step = Math.max(1, total / 10);
    AtomicLong next = new AtomicLong();
    AtomicLong done = new AtomicLong();
    AtomicBoolean failed = new AtomicBoolean();
    long started = System.nanoTime();
    try (ExecutorService workers = Executors.newVirtualThreadPerTaskExecutor()) {
      List<Future<Void>> futures = new ArrayList<>();
      for (int w = 0; w < concurrency; w++) {
        futures.add(
            workers.submit(
                () -> {
                  try (Conn conn = new Conn(server)) {
                    for (long i = next.incrementAndGet();
                        i <= total && !failed.get();
                        i = next.incrementAndGet()) {
                      conn.post(path, auth, product(i));
                      long d = done.incrementAndGet();
                      if (d % step == 0 || d == total) {
                        double secs = (System.nanoTime() - started) / 1e9;
                        System.err.printf(
                            Locale.ROOT,
                            "  seeded %d/%d (%d%%) %.0f products/s%n",
                            d,
                            total,
                            d * 100 / total,
                            d / secs);
                      }
                    }
                  } catch (IOException | RuntimeException e) {
                    failed.set(true);
                    throw e;
                  }
                  return null;
                }));
      }
      for (Future<Void> f : futures) {
        try {
          f.get();
        } catch (ExecutionException e) {
          System.err.println(
              "seeding failed after " + done.get() + " products: " + e.getCause().getMessage());
          System.exit(1);
        }
      }
    }
    double secs = (System.nanoTime() - started) / 1e9;
    System.err.printf(
        Locale.ROOT, "  seeded %d products in %.1f s (%.0f/s)%n", total, secs, total / secs);
    System.out.println("store_hash=" + hash);
    System.out.println("access_token=" + token);
  }

  /** Product i: unique name and SKU, prices spread over 1.00 … 100.99. */
  static String product(long i) {
    double price = 1 + (i * 37 % 10_000) / 100.0;
    return String.format(
        Locale.ROOT,
        "{\"name\":\"Bench product %d\",\"type\":\"physical\",\"weight\":1,\"price\":%.2f,\"sku\":\"BENCH-%07d\"}",
        i,
        price,
        i);
  }

  /** One keep-alive HTTP/1.1 connection that POSTs JSON and expects 200 or 201 back. */
  private static final class Conn implements AutoCloseable {
    private final URI server;
    private Socket socket;
    private OutputStream out;
    private InputStream in;

    Conn(URI server) {
      this.server = server;
    }

    String post(String path, String authHeader, String json) throws IOException {
      if (socket == null) {
        socket = new Socket(server.getHost(), server.getPort());
        socket.setTcpNoDelay(true);
        out = socket.getOutputStream();
        in = new BufferedInputStream(socket.getInputStream(), 16 * 1024);
      }
      byte[] body = json.getBytes(StandardCharsets.UTF_8);
      String head =
          "POST "
              + path
              + " HTTP/1.1\r\nHost: "
              + server.getHost()
              + ":"
              + server.getPort()
              + "\r\n"
              + authHeader
              + "\r\nContent-Type: application/json\r\nAccept: application/json\r\n"
              + "Content-Length: "
              + body.length
              + "\r\n\r\n";
      ByteArrayOutputStream req = new ByteArrayOutputStream(head.length() + body.length);
      req.writeBytes(head.getBytes(StandardCharsets.ISO_8859_1));
      req.writeBytes(body);
      out.write(req.toByteArray());
      out.flush();

      String status = line();
      int code = status.length() >= 12 ? Integer.parseInt(status.substring(9, 12)) : -1;
      long length = -1;
      boolean close = false;
      for (String h = line(); !h.isEmpty(); h = line()) {
        String lower = h.toLowerCase(Locale.ROOT);
        if (lower.startsWith("content-length:")) {
          length = Long.parseLong(lower.substring(15).trim());
        } else if (lower.startsWith("transfer-encoding:")) {
          throw new IOException(
              "unexpected " + h + " (this client reads Content-Length bodies only)");
        } else if (lower.startsWith("connection:") && lower.contains("close")) {
          close = true;
        }
      }
      String answer =
          length < 0 ? "" : new String(in.readNBytes((int) length), StandardCharsets.UTF_8);
      if (close || length < 0) {
        close();
      }
      if (code != 200 && code != 201) {
        throw new IOException("POST " + path + " answered " + status + ": " + answer);
      }
      return answer;
    }

    private String line() throws IOException {
      StringBuilder b = new StringBuilder(64);
      for (int c = in.read(); c != '\n'; c = in.read()) {
        if (c < 0) {
          throw new IOException("the server closed the connection mid-response");
        }
        if (c != '\r') {
          b.append((char) c);
        }
      }
      return b.toString();
    }

    @Override
    public void close() throws IOException {
      if (socket != null) {
        socket.close();
        socket = null;
      }
    }
  }
}
