package dev.stockroom.edge;

import static org.assertj.core.api.Assertions.assertThat;

import dev.stockroom.testing.ChildServer;
import dev.stockroom.testing.NodeStore;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/**
 * While 48 keep-alive connections ask for 250 products with their variants (about 3 MB a page) as
 * fast as they are answered, so that every core of the server (a child JVM, started as {@code
 * ./stockroom serve} starts it) is busy, a client that opens a new connection still gets its answer
 * within seconds. Before {@link StarvedStarts}, the JDK's scheduler left such a connection unserved
 * for 10–18 s.
 */
class NewConnectionsUnderLoadTest {
  static final String TOKEN = "new-connections-admin-token";
  static final int PRODUCTS = 250;
  static final int LOADERS = 48;
  static final long LOAD_MS = 10_000;
  static final long FIRST_ANSWER_BOUND_MS = 3_000;
  static final Pattern LENGTH = Pattern.compile("(?i)\r\ncontent-length:\\s*(\\d+)");

  @Test
  void aNewConnectionIsAnsweredWhileLargePagesKeepTheServerBusy() throws Exception {
    Path dir = Files.createTempDirectory("stockroom-new-connections-");
    ChildServer server = ChildServer.start(dir, null, TOKEN);
    try {
      NodeStore store = NodeStore.create(server.http(), TOKEN, List.of("store_v2_products"));
      for (int p = 0; p < PRODUCTS; p++) {
        assertThat(store.call("POST", "v3/catalog/products", productWith12Variants(p)).status())
            .isEqualTo(201);
      }
      String page =
          "GET /stores/"
              + store.hash()
              + "/v3/catalog/products?limit=250&include=variants,images HTTP/1.1\r\n"
              + "Host: api.bigcommerce.com\r\nAccept: application/json\r\nX-Auth-Token: "
              + store.token()
              + "\r\n\r\n";

      AtomicBoolean stop = new AtomicBoolean();
      AtomicLong pages = new AtomicLong();
      AtomicLong pageBytes = new AtomicLong();
      List<String> loadErrors = new ArrayList<>();
      List<Thread> loaders = new ArrayList<>();
      for (int i = 0; i < LOADERS; i++) {
        loaders.add(
            Thread.ofPlatform()
                .start(() -> load(server.port(), page, stop, pages, pageBytes, loadErrors)));
      }
      // Let the load reach every connection before the first probe.
      Thread.sleep(2_000);
      long pagesBefore = pages.get();
      List<Long> firstAnswers = new ArrayList<>();
      long end = System.currentTimeMillis() + LOAD_MS;
      while (System.currentTimeMillis() < end) {
        firstAnswers.add(firstAnswerMillis(server.port()));
        Thread.sleep(100);
      }
      long pagesDuring = pages.get() - pagesBefore;
      stop.set(true);
      for (Thread t : loaders) {
        t.join(60_000);
      }

      synchronized (loadErrors) {
        assertThat(loadErrors).as("errors of the load's connections").isEmpty();
      }
      // The load was real: large pages kept coming during the probes.
      assertThat(pageBytes.get() / Math.max(1, pages.get()))
          .as("bytes per page")
          .isGreaterThan(1_000_000);
      assertThat(pagesDuring).as("pages answered while probing").isGreaterThan(LOADERS);
      long worst = firstAnswers.stream().mapToLong(Long::longValue).max().orElseThrow();
      System.out.printf(
          "New connections under load: %d probes, first answers %s ms; %d pages of %d bytes%n",
          firstAnswers.size(), firstAnswers, pages.get(), pageBytes.get() / pages.get());
      assertThat(worst)
          .as(
              "slowest first answer (ms) of %d new connections: %s",
              firstAnswers.size(), firstAnswers)
          .isLessThan(FIRST_ANSWER_BOUND_MS);
    } finally {
      server.kill();
    }
  }

  /** Milliseconds from opening a new connection to the first byte of its answer to /healthz. */
  static long firstAnswerMillis(int port) throws IOException {
    long start = System.nanoTime();
    try (Socket s = new Socket()) {
      s.connect(new InetSocketAddress("127.0.0.1", port), 30_000);
      s.setSoTimeout(60_000);
      s.getOutputStream()
          .write(
              "GET /healthz HTTP/1.1\r\nHost: x\r\nConnection: close\r\n\r\n"
                  .getBytes(StandardCharsets.ISO_8859_1));
      int first = s.getInputStream().read();
      long ms = (System.nanoTime() - start) / 1_000_000;
      assertThat(first).as("an answer to the probe").isEqualTo('H');
      return ms;
    }
  }

  /** Asks for {@code page} on one keep-alive connection until {@code stop}, reading every byte. */
  static void load(
      int port,
      String page,
      AtomicBoolean stop,
      AtomicLong pages,
      AtomicLong pageBytes,
      List<String> errors) {
    try (Socket s = new Socket("127.0.0.1", port)) {
      s.setSoTimeout(60_000);
      OutputStream out = s.getOutputStream();
      InputStream in = s.getInputStream();
      byte[] request = page.getBytes(StandardCharsets.ISO_8859_1);
      while (!stop.get()) {
        out.write(request);
        out.flush();
        String head = readHead(in);
        if (!head.startsWith("HTTP/1.1 200")) {
          throw new IOException("not 200: " + head);
        }
        Matcher m = LENGTH.matcher(head);
        if (!m.find()) {
          throw new IOException("no Content-Length: " + head);
        }
        long length = Long.parseLong(m.group(1));
        in.skipNBytes(length);
        pages.incrementAndGet();
        pageBytes.addAndGet(length);
      }
    } catch (IOException | RuntimeException e) {
      synchronized (errors) {
        errors.add(e.toString());
      }
    }
  }

  static String readHead(InputStream in) throws IOException {
    StringBuilder head = new StringBuilder();
    int c;
    while ((c = in.read()) != -1) {
      head.append((char) c);
      if (head.length() >= 4 && head.lastIndexOf("\r\n\r\n") == head.length() - 4) {
        return head.toString();
      }
    }
    throw new IOException("connection closed after " + head);
  }

  /** The benchmark's create-12 product: 3 options of 4 values, 12 variants. */
  static String productWith12Variants(int n) {
    String[] sizes = {"S", "M", "L", "XL"};
    String[] colors = {"Red", "Green", "Blue", "Black"};
    String[] materials = {"Cotton", "Wool", "Linen", "Silk"};
    StringBuilder variants = new StringBuilder();
    for (int k = 0; k < 12; k++) {
      int size = k % 4;
      int b = k / 4;
      variants
          .append(k > 0 ? "," : "")
          .append("{\"sku\":\"NC-")
          .append(n)
          .append('-')
          .append(k)
          .append("\",\"price\":12.5,\"option_values\":[")
          .append("{\"option_display_name\":\"Size\",\"label\":\"")
          .append(sizes[size])
          .append("\"},{\"option_display_name\":\"Color\",\"label\":\"")
          .append(colors[(size + b) % 4])
          .append("\"},{\"option_display_name\":\"Material\",\"label\":\"")
          .append(materials[(size + 2 * b) % 4])
          .append("\"}]}");
    }
    return "{\"name\":\"Busy product "
        + n
        + "\",\"type\":\"physical\",\"weight\":1,\"price\":10,\"sku\":\"NC-"
        + n
        + "\",\"description\":\""
        + "A product with a long description, so that every page is large. ".repeat(20)
        + "\",\"variants\":["
        + variants
        + "]}";
  }
}
