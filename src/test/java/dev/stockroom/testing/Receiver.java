package dev.stockroom.testing;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.function.BooleanSupplier;
import java.util.function.Predicate;

/**
 * A webhook destination for tests: a real HTTP server on a loopback port that records every POST
 * (headers and JSON body) and answers what the test tells it to (status, delay, redirect, a huge
 * body). Deliveries arrive asynchronously, so tests wait for them with {@link #await}.
 */
public final class Receiver implements AutoCloseable {
  private static final ObjectMapper JSON = new ObjectMapper();

  /** One POST as received. */
  public record Hit(String path, Map<String, List<String>> headers, JsonNode body) {
    public String header(String name) {
      for (var e : headers.entrySet()) {
        if (e.getKey().equalsIgnoreCase(name)) {
          return e.getValue().get(0);
        }
      }
      return null;
    }

    public String scope() {
      return body.path("scope").asText();
    }

    public String hash() {
      return body.path("hash").asText();
    }
  }

  /** What to answer: a status, after a delay, with a Location and extra body bytes. */
  public record Answer(int status, long delayMs, String location, long bodyBytes) {
    public static Answer status(int s) {
      return new Answer(s, 0, "", 0);
    }
  }

  public interface Script {
    Answer answer(int n, Hit hit);
  }

  private final HttpServer server;
  private final List<Hit> hits = new CopyOnWriteArrayList<>();
  private volatile Script script = (n, h) -> Answer.status(200);

  public Receiver() {
    try {
      server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 64);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    server.setExecutor(Executors.newVirtualThreadPerTaskExecutor());
    server.createContext("/", this::handle);
    server.start();
  }

  private void handle(HttpExchange ex) throws IOException {
    try (ex) {
      byte[] body = ex.getRequestBody().readAllBytes();
      JsonNode json = body.length == 0 ? JSON.createObjectNode() : JSON.readTree(body);
      Hit hit = new Hit(ex.getRequestURI().toString(), Map.copyOf(ex.getRequestHeaders()), json);
      hits.add(hit);
      Answer a = script.answer(hits.size(), hit);
      if (a.delayMs() > 0) {
        Thread.sleep(a.delayMs());
      }
      if (!a.location().isEmpty()) {
        ex.getResponseHeaders().add("Location", a.location());
      }
      ex.sendResponseHeaders(a.status(), a.bodyBytes() == 0 ? -1 : a.bodyBytes());
      if (a.bodyBytes() > 0) {
        byte[] chunk = new byte[64 * 1024];
        for (long sent = 0; sent < a.bodyBytes(); sent += chunk.length) {
          ex.getResponseBody().write(chunk, 0, (int) Math.min(chunk.length, a.bodyBytes() - sent));
        }
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    } catch (IOException e) {
      // the sender hung up (it reads only the status line): expected for large bodies
    }
  }

  public Receiver answering(Script s) {
    this.script = s;
    return this;
  }

  public String url(String path) {
    return "http://127.0.0.1:" + server.getAddress().getPort() + path;
  }

  public List<Hit> hits() {
    return new ArrayList<>(hits);
  }

  public List<Hit> hits(Predicate<Hit> which) {
    return hits.stream().filter(which).toList();
  }

  /** Waits up to {@code seconds} for {@code done}; false when it never held. */
  public static boolean await(long seconds, BooleanSupplier done) {
    long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(seconds);
    while (System.nanoTime() < deadline) {
      if (done.getAsBoolean()) {
        return true;
      }
      try {
        Thread.sleep(20);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        return false;
      }
    }
    return done.getAsBoolean();
  }

  /** Waits until at least {@code n} hits arrived; returns them. */
  public List<Hit> awaitHits(int n, long seconds) {
    await(seconds, () -> hits.size() >= n);
    return hits();
  }

  @Override
  public void close() {
    server.stop(0);
  }
}
