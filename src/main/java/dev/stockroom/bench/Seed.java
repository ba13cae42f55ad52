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
 * keep-alive connections (one virtual thread each), printing progress every 10% and at least every
 * 10 seconds.
 *
 * <p>{@code Seed --url U --admin-token T --products N [--concurrency C] [--variants V] [--images I]
 * [--orders O]} ends by printing {@code store_hash=…}, {@code access_token=…} and {@code
 * images=yes|no} on stdout; progress and warnings go to stderr.
 *
 * <p>With {@code --variants V} each product is created with V variants in the product POST itself
 * (one option, "Size", a label per variant, a SKU each). With {@code --images I} each product then
 * gets I images by {@code POST …/products/{id}/images} with an {@code image_url} (the first one the
 * thumbnail). Product 1 is seeded alone first: if its first image POST answers 404 or 405, the
 * server has no image endpoint, and the rest are seeded without images (with a warning). With
 * {@code --orders O}, 100 plain products with tracked stock follow ({@code stock_items=FIRST;100}
 * on stdout), then O guest orders of 3 of them each, by {@code POST /v2/orders}.
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
    int variants = 0;
    int images = 0;
    long orders = 0;
    for (int i = 0; i < args.length; i += 2) {
      String v = i + 1 < args.length ? args[i + 1] : null;
      switch (args[i]) {
        case "--url" -> url = v;
        case "--admin-token" -> adminToken = v;
        case "--products" -> products = Long.parseLong(v);
        case "--concurrency" -> concurrency = Integer.parseInt(v);
        case "--variants" -> variants = Integer.parseInt(v);
        case "--images" -> images = Integer.parseInt(v);
        case "--orders" -> orders = Long.parseLong(v);
        default -> {
          System.err.println(
              "usage: Seed --url U --admin-token T --products N [--concurrency C]"
                  + " [--variants V] [--images I] [--orders O]");
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
                  "{\"name\":\"bench\",\"scopes\":[\"store_v2_products\",\"store_v2_orders\"]}"));
      token = account.path("data").path("access_token").asText();
    }

    String path = "/stores/" + hash + "/v3/catalog/products";
    String auth = "X-Auth-Token: " + token;
    long total = products;
    int variantCount = variants;
    AtomicLong imagesDone = new AtomicLong();

    // Product 1 alone, to learn whether the server takes images at all.
    boolean withImages = images > 0;
    if (total >= 1) {
      try (Conn conn = new Conn(server)) {
        long id = productId(conn.post(path, auth, product(1, variantCount)));
        for (int n = 0; n < images && withImages; n++) {
          Conn.Answer a = conn.send(path + "/" + id + "/images", auth, image(id, n));
          if (n == 0 && (a.code() == 404 || a.code() == 405)) {
            withImages = false;
            System.err.println(
                "warning: POST "
                    + path
                    + "/{id}/images answered "
                    + a.code()
                    + ": this Stockroom has no product image endpoint yet;"
                    + " seeding the products WITHOUT images");
          } else {
            a.expectOk("POST " + path + "/" + id + "/images");
            imagesDone.incrementAndGet();
          }
        }
      }
    }
    int imageCount = withImages ? images : 0;

    long step = Math.max(1, total / 10);
    AtomicLong next = new AtomicLong(1);
    AtomicLong done = new AtomicLong(Math.min(1, total));
    AtomicBoolean failed = new AtomicBoolean();
    long started = System.nanoTime();
    AtomicLong lastReport = new AtomicLong(started);
    String what =
        (variantCount > 0 ? ", " + variantCount + " variants each" : "")
            + (imageCount > 0 ? ", " + imageCount + " images each" : "");
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
                      long id = productId(conn.post(path, auth, product(i, variantCount)));
                      for (int n = 0; n < imageCount; n++) {
                        conn.post(path + "/" + id + "/images", auth, image(id, n));
                        imagesDone.incrementAndGet();
                      }
                      long d = done.incrementAndGet();
                      long now = System.nanoTime();
                      long last = lastReport.get();
                      if (d % step == 0
                          || d == total
                          || (now - last > 10_000_000_000L
                              && lastReport.compareAndSet(last, now))) {
                        lastReport.set(now);
                        double secs = (now - started) / 1e9;
                        double rate = d / secs;
                        System.err.printf(
                            Locale.ROOT,
                            "  seeded %d/%d products (%d%%)%s: %.0f products/s, %.0f s so far,"
                                + " about %.0f s to go%n",
                            d,
                            total,
                            d * 100 / total,
                            imageCount > 0 ? ", " + imagesDone.get() + " images" : "",
                            rate,
                            secs,
                            (total - d) / rate);
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
        Locale.ROOT,
        "  seeded %d products%s (%d images) in %.1f s (%.0f products/s)%n",
        total,
        what,
        imagesDone.get(),
        secs,
        total / secs);
    long firstStock = 0;
    if (orders > 0) {
      firstStock = seedStockItems(server, path, auth);
      seedOrders(server, hash, auth, orders, firstStock, concurrency);
      System.out.println("stock_items=" + firstStock + ";" + STOCK_ITEMS);
    }
    System.out.println("store_hash=" + hash);
    System.out.println("access_token=" + token);
    System.out.println("images=" + (imageCount > 0 ? "yes" : "no"));
  }

  /** How many plain products with tracked stock the orders draw from. */
  static final int STOCK_ITEMS = 100;

  /**
   * Creates {@link #STOCK_ITEMS} plain products whose stock is tracked (a billion each), one after
   * another so their ids run on from the first; returns the first id. Orders take their stock.
   */
  private static long seedStockItems(URI server, String path, String auth) throws IOException {
    long first = 0;
    try (Conn conn = new Conn(server)) {
      for (int k = 1; k <= STOCK_ITEMS; k++) {
        long id =
            productId(
                conn.post(
                    path,
                    auth,
                    String.format(
                        Locale.ROOT,
                        "{\"name\":\"Bench stock item %d\",\"type\":\"physical\",\"weight\":1,"
                            + "\"price\":%d.50,\"sku\":\"BENCH-STOCK-%03d\","
                            + "\"inventory_tracking\":\"product\",\"inventory_level\":1000000000}",
                        k,
                        k,
                        k)));
        if (k == 1) {
          first = id;
        } else if (id != first + k - 1) {
          throw new IOException("stock items got ids out of sequence: " + id);
        }
      }
    }
    return first;
  }

  /**
   * Seeds {@code n} orders of 3 catalog lines each (stock items spread over the order), with the
   * same workers and progress lines as the products.
   */
  private static void seedOrders(
      URI server, String hash, String auth, long n, long firstStock, int concurrency)
      throws InterruptedException {
    String path = "/stores/" + hash + "/v2/orders";
    AtomicLong next = new AtomicLong();
    AtomicLong done = new AtomicLong();
    AtomicBoolean failed = new AtomicBoolean();
    long started = System.nanoTime();
    long step = Math.max(1, n / 5);
    try (ExecutorService workers = Executors.newVirtualThreadPerTaskExecutor()) {
      List<Future<Void>> futures = new ArrayList<>();
      for (int w = 0; w < concurrency; w++) {
        futures.add(
            workers.submit(
                () -> {
                  try (Conn conn = new Conn(server)) {
                    for (long i = next.incrementAndGet();
                        i <= n && !failed.get();
                        i = next.incrementAndGet()) {
                      conn.post(path, auth, order(i, firstStock));
                      long d = done.incrementAndGet();
                      if (d % step == 0 || d == n) {
                        double secs = (System.nanoTime() - started) / 1e9;
                        System.err.printf(
                            Locale.ROOT,
                            "  seeded %d/%d orders (%d%%): %.0f orders/s%n",
                            d,
                            n,
                            d * 100 / n,
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
              "seeding orders failed after " + done.get() + ": " + e.getCause().getMessage());
          System.exit(1);
        }
      }
    }
  }

  /** Order i: a guest order of 3 of the stock items (quantities 1 to 3). */
  static String order(long i, long firstStock) {
    StringBuilder b =
        new StringBuilder(
            "{\"customer_id\":0,\"billing_address\":{\"first_name\":\"Bench\",\"last_name\":\"Buyer "
                + i
                + "\",\"street_1\":\"1 Main St\",\"city\":\"Austin\",\"state\":\"Texas\","
                + "\"zip\":\"78701\",\"country\":\"United States\",\"country_iso2\":\"US\","
                + "\"email\":\"buyer"
                + i
                + "@example.com\"},\"products\":[");
    for (int k = 0; k < 3; k++) {
      long product = firstStock + (i * 7919 + k * 31L) % STOCK_ITEMS;
      b.append(k > 0 ? "," : "")
          .append("{\"product_id\":")
          .append(product)
          .append(",\"quantity\":")
          .append(1 + k)
          .append('}');
    }
    return b.append("]}").toString();
  }

  /** The id in a product POST's answer ({@code {"data":{"id":…}}}). */
  private static long productId(String answer) throws IOException {
    long id = JSON.readTree(answer).path("data").path("id").asLong(0);
    if (id <= 0) {
      throw new IOException("the product POST answered without an id: " + answer);
    }
    return id;
  }

  /** Image n of product id: a CDN URL (stored as given, never fetched); the first the thumbnail. */
  static String image(long id, int n) {
    return "{\"image_url\":\"https://cdn.example.com/p/"
        + id
        + "-"
        + n
        + ".jpg\",\"is_thumbnail\":"
        + (n == 0)
        + "}";
  }

  /** Size labels of the seeded variants, then "Size k" past these. */
  private static final List<String> SIZES = List.of("S", "M", "L", "XL", "XXL", "XXXL");

  /**
   * Product i: unique name and SKU, prices spread over 1.00 … 100.99; with {@code variants} > 0,
   * that many variants of one option "Size" (S, M, L, …), SKUs {@code BENCH-0000007-S} and so on.
   */
  static String product(long i, int variants) {
    double price = 1 + (i * 37 % 10_000) / 100.0;
    String sku = String.format(Locale.ROOT, "BENCH-%07d", i);
    StringBuilder b =
        new StringBuilder(
            String.format(
                Locale.ROOT,
                "{\"name\":\"Bench product %d\",\"type\":\"physical\",\"weight\":1,\"price\":%.2f,\"sku\":\"%s\"",
                i,
                price,
                sku));
    if (variants > 0) {
      b.append(",\"variants\":[");
      for (int k = 0; k < variants; k++) {
        String label = k < SIZES.size() ? SIZES.get(k) : "Size " + (k + 1);
        b.append(k > 0 ? "," : "")
            .append("{\"sku\":\"")
            .append(sku)
            .append('-')
            .append(label.replace(' ', '-'))
            .append("\",\"option_values\":[{\"option_display_name\":\"Size\",\"label\":\"")
            .append(label)
            .append("\"}]}");
      }
      b.append(']');
    }
    return b.append('}').toString();
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

    /** An answer: status code, status line and body. */
    record Answer(int code, String status, String body) {
      void expectOk(String what) throws IOException {
        if (code != 200 && code != 201) {
          throw new IOException(what + " answered " + status + ": " + body);
        }
      }
    }

    /** POSTs and expects 200 or 201; returns the body. */
    String post(String path, String authHeader, String json) throws IOException {
      Answer a = send(path, authHeader, json);
      a.expectOk("POST " + path);
      return a.body();
    }

    /** POSTs and returns whatever came back. */
    Answer send(String path, String authHeader, String json) throws IOException {
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
      return new Answer(code, status, answer);
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
