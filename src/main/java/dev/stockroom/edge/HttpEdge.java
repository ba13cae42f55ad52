package dev.stockroom.edge;

import dev.stockroom.api.ApiException;
import dev.stockroom.api.ApiVersion;
import dev.stockroom.api.ErrorRenderer;
import dev.stockroom.api.Reply;
import dev.stockroom.api.Router;
import dev.stockroom.faults.Faults;
import dev.stockroom.ratelimit.RateLimiter;
import dev.stockroom.requestlog.RequestLog;
import dev.stockroom.tenancy.Tenants;
import io.helidon.http.HeaderName;
import io.helidon.http.HeaderNames;
import io.helidon.webserver.CloseConnectionException;
import io.helidon.webserver.http.Handler;
import io.helidon.webserver.http.ServerRequest;
import io.helidon.webserver.http.ServerResponse;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.atomic.AtomicLong;
import org.jspecify.annotations.Nullable;

/**
 * The only Helidon handler: it reads the request into an {@link Exchange}, sends it to the store
 * API or control-plane pipeline, and writes the {@link Reply}. Nothing else touches Helidon.
 */
public final class HttpEdge implements Handler {
  private static final HeaderName REQUEST_ID = HeaderNames.create("X-Request-Id");

  /** Header names of replies, created once (the same few names are sent on every answer). */
  private static final java.util.concurrent.ConcurrentHashMap<String, HeaderName> NAMES =
      new java.util.concurrent.ConcurrentHashMap<>();

  private static final byte[] HEALTH =
      "{\"status\":\"ok\"}".getBytes(java.nio.charset.StandardCharsets.UTF_8);

  private final StorePipeline store;
  private final AdminPipeline admin;
  private final PublicPipeline files;
  private final long maxBodyBytes;

  /** Refused bodies up to this size are read to their end (and dropped) after the answer. */
  private static final long DRAIN_LIMIT = 32L * 1024 * 1024;

  private final String nodePrefix = Long.toHexString(System.nanoTime() & 0xffffff);
  private final AtomicLong requests = new AtomicLong();

  public HttpEdge(
      Tenants tenants,
      RateLimiter limiter,
      Router storeRoutes,
      Router adminRoutes,
      Router publicRoutes,
      String adminToken,
      long maxBodyBytes,
      Faults faults,
      RequestLog requests) {
    this.store = new StorePipeline(tenants, limiter, storeRoutes, maxBodyBytes, faults, requests);
    this.admin = new AdminPipeline(adminToken, adminRoutes);
    this.files = new PublicPipeline(publicRoutes);
    this.maxBodyBytes = maxBodyBytes;
  }

  @Override
  public void handle(ServerRequest req, ServerResponse res) {
    SubmissionRelay.relay();
    String requestId = nodePrefix + "-" + Long.toHexString(requests.incrementAndGet());
    String method = req.prologue().method().text();
    String path = req.path().rawPath();
    Map<String, String> headers = new HashMap<>();
    req.headers()
        .forEach(h -> headers.putIfAbsent(h.name().toLowerCase(java.util.Locale.ROOT), h.get()));
    Reply reply;
    boolean tooLargeBody = false;
    // The unread rest of a body over its cap, read and dropped once the answer is sent.
    InputStream rest = null;
    try {
      byte[] body = new byte[0];
      boolean tooLarge = false;
      if (req.content().hasEntity()) {
        long cap =
            path.startsWith("/stores/") ? store.bodyCap(method, path, headers) : maxBodyBytes;
        long declared = req.headers().contentLength().orElse(-1);
        if (declared > cap) {
          tooLarge = true;
          rest = declared <= DRAIN_LIMIT ? req.content().inputStream() : null;
        } else {
          InputStream in = req.content().inputStream();
          byte[] read = readAtMost(in, cap);
          if (read == null) {
            tooLarge = true;
            rest = in;
          } else {
            body = read;
          }
        }
      }
      tooLargeBody = tooLarge;
      Exchange ex =
          new Exchange(method, path, req.query().rawValue(), headers, body, tooLarge, requestId);
      if (path.startsWith("/stores/")) {
        reply = store.handle(ex);
      } else if (path.startsWith("/admin/api/") || path.equals("/admin/api")) {
        reply = admin.handle(ex);
      } else if (path.startsWith("/images/")) {
        reply = files.handle(ex);
      } else if (path.equals("/healthz") && method.equals("GET")) {
        reply = Reply.json(dev.stockroom.api.Status.OK, HEALTH);
      } else {
        reply =
            ErrorRenderer.render(
                ApiVersion.V3,
                new ApiException.NotFound(
                    "Nothing is served at "
                        + path
                        + ". The store API lives under /stores/{store_hash}/v3/ and /v2/."));
      }
    } catch (UncheckedIOException e) {
      // The client went away or sent a broken body: nothing useful can be answered.
      reply =
          ErrorRenderer.render(
              ApiVersion.ofPath(path),
              new ApiException.Refused(
                  dev.stockroom.api.Status.BAD_REQUEST, "The request body could not be read."));
      if (tooLargeClose(res)) {
        return;
      }
    }
    if (reply.status() == StorePipeline.DROPPED.status()) {
      // Helidon closes the connection without writing anything: the client sees it reset.
      throw new CloseConnectionException("a fault rule dropped the connection");
    }
    if (tooLargeBody && rest == null) {
      // The rest of the body will not be read: the connection cannot carry another request.
      reply.header("Connection", "close");
    }
    write(res, method, reply, requestId);
    if (rest != null && !drain(rest, DRAIN_LIMIT)) {
      // Answered, but the body goes on past the drain limit: nothing more on this connection.
      throw new CloseConnectionException("a refused request body went on past " + DRAIN_LIMIT);
    }
  }

  private static boolean tooLargeClose(ServerResponse res) {
    return res.isSent();
  }

  private static void write(ServerResponse res, String method, Reply reply, String requestId) {
    res.status(io.helidon.http.Status.create(reply.status()));
    res.header(REQUEST_ID, requestId);
    reply.headers().forEach((k, v) -> res.header(name(k), v));
    // JSON unless the reply names its own type (served image files).
    boolean typed = reply.headers().containsKey("Content-Type");
    if (reply.body().length > 0 && !typed) {
      res.header(HeaderNames.CONTENT_TYPE, "application/json");
    }
    if (reply.body().length == 0) {
      res.send();
    } else if (method.equals("HEAD")) {
      // The length a GET's body has: RFC 9110 §8.6 forbids any other in a HEAD answer.
      res.header(HeaderNames.CONTENT_LENGTH, Integer.toString(reply.body().length));
      res.send();
    } else if (reply.body().length >= STREAMED) {
      sendLarge(res, reply.body());
    } else {
      res.send(reply.body());
    }
  }

  /**
   * The header name, created once. A plain read first: {@code computeIfAbsent} can lock a bin of
   * the map, and a virtual thread that meets a held lock waits for a late wake-up on a busy server.
   */
  private static HeaderName name(String k) {
    HeaderName n = NAMES.get(k);
    return n != null ? n : NAMES.computeIfAbsent(k, HeaderNames::create);
  }

  /** Bodies from this size on are written from the reply's own array ({@link #sendLarge}). */
  static final int STREAMED = 64 * 1024;

  /** The part of a large body that goes out with the headers, in the first write. */
  private static final int FIRST_PART = 7 * 1024;

  /**
   * Sends a large body without the copy {@code send(byte[])} makes (Helidon copies headers and body
   * into one new array of the answer's size). With the length declared, the answer streams as one
   * response: a first write of the headers and the first 7 KB (a copy of those only; Helidon's
   * socket writes go out 8 KB a call, so the first one carries the headers as before), then the
   * rest straight from the array. Both writes are larger than the stream's 4 KB buffer, so it
   * passes them through.
   */
  private static void sendLarge(ServerResponse res, byte[] body) {
    res.header(HeaderNames.CONTENT_LENGTH, Integer.toString(body.length));
    try (OutputStream out = res.outputStream()) {
      out.write(body, 0, FIRST_PART);
      out.write(body, FIRST_PART, body.length - FIRST_PART);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /**
   * Reads and drops what is left of a body the answer did not need (over its cap), after the answer
   * went out, up to {@code max} bytes; true when the body ended within them (the connection then
   * carries the next request). Closing with a body still arriving would make the kernel reset the
   * connection, and a client still sending often lost the 403 or 413 with it. A client that stops
   * sending is cut off by the connection's read timeout; false then, as for an error.
   */
  private static boolean drain(InputStream in, long max) {
    try (in) {
      return pump(in, null, max);
    } catch (IOException | RuntimeException e) {
      return false;
    }
  }

  /**
   * The body, or null when it is longer than {@code max}: then the stream is left open, its rest
   * unread, for {@link #drain} once the answer is sent.
   */
  private static byte @Nullable [] readAtMost(InputStream in, long max) {
    try {
      ByteArrayOutputStream out = new ByteArrayOutputStream();
      if (!pump(in, out, max)) {
        return null;
      }
      in.close();
      return out.toByteArray();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    } catch (RuntimeException e) {
      throw new UncheckedIOException(new IOException(e));
    }
  }

  /**
   * Reads {@code in} into {@code sink} (null: drops what it reads) until it ends, true, or until
   * more than {@code max} bytes have come, false.
   */
  private static boolean pump(InputStream in, @Nullable OutputStream sink, long max)
      throws IOException {
    byte[] buf = new byte[16 * 1024];
    long total = 0;
    int n;
    while ((n = in.read(buf)) > 0) {
      total += n;
      if (total > max) {
        return false;
      }
      if (sink != null) {
        sink.write(buf, 0, n);
      }
    }
    return true;
  }
}
