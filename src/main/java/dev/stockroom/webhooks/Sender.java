package dev.stockroom.webhooks;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.SocketTimeoutException;
import java.nio.charset.StandardCharsets;
import java.security.NoSuchAlgorithmException;
import java.util.List;
import java.util.Map;
import javax.net.ssl.SNIHostName;
import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLParameters;
import javax.net.ssl.SSLSocket;
import org.jspecify.annotations.Nullable;

/**
 * One webhook POST over HTTP/1.1, to the pinned address of a {@link Destinations.Target}. Only the
 * status line of the answer is read (the hosted API ignores the body and headers), so a receiver
 * that answers 50 MB costs nothing; redirects are never followed (a 3xx is a failure); the whole
 * exchange, connection included, must fit in the timeout. A small client of our own because the
 * JDK's would resolve the host again (DNS rebinding) and reads whole bodies.
 */
final class Sender {
  private static final int MAX_STATUS_LINE = 8 * 1024;

  /** What one attempt got: a status (0 when none arrived) or an error, and how long it took. */
  record Outcome(int status, long latencyMs, @Nullable String error) {
    boolean delivered() {
      return status >= 200 && status < 300;
    }
  }

  private final long timeoutMs;

  Sender(long timeoutMs) {
    this.timeoutMs = timeoutMs;
  }

  Outcome post(Destinations.Target t, Map<String, String> headers, byte[] body) {
    long start = System.nanoTime();
    long deadline = start + timeoutMs * 1_000_000L;
    try (Socket raw = new Socket()) {
      raw.connect(new InetSocketAddress(t.address(), t.port()), (int) timeoutMs);
      Socket s = t.https() ? tls(raw, t) : raw;
      try {
        s.setSoTimeout((int) remaining(deadline));
        OutputStream out = s.getOutputStream();
        out.write(head(t, headers, body.length));
        out.write(body);
        out.flush();
        int status = readStatus(s, deadline);
        return new Outcome(status, elapsed(start), null);
      } finally {
        if (s != raw) {
          s.close();
        }
      }
    } catch (SocketTimeoutException e) {
      return new Outcome(0, elapsed(start), "timed out after " + timeoutMs + " ms");
    } catch (IOException e) {
      String m = e.getMessage();
      return new Outcome(
          0, elapsed(start), e.getClass().getSimpleName() + (m == null ? "" : ": " + m));
    }
  }

  private static Socket tls(Socket raw, Destinations.Target t) throws IOException {
    SSLSocket s;
    try {
      s =
          (SSLSocket)
              SSLContext.getDefault()
                  .getSocketFactory()
                  .createSocket(raw, t.host(), t.port(), true);
    } catch (NoSuchAlgorithmException e) {
      throw new IOException("no TLS available", e);
    }
    SSLParameters p = s.getSSLParameters();
    p.setEndpointIdentificationAlgorithm("HTTPS"); // the certificate must name the host
    if (!t.host().contains(":") && !Character.isDigit(t.host().charAt(t.host().length() - 1))) {
      p.setServerNames(List.of(new SNIHostName(t.host())));
    }
    s.setSSLParameters(p);
    s.startHandshake();
    return s;
  }

  private static byte[] head(Destinations.Target t, Map<String, String> headers, int length) {
    StringBuilder sb = new StringBuilder(256);
    sb.append("POST ").append(t.pathAndQuery()).append(" HTTP/1.1\r\n");
    sb.append("Host: ").append(t.hostHeader()).append("\r\n");
    sb.append("Content-Type: application/json\r\n");
    sb.append("Content-Length: ").append(length).append("\r\n");
    sb.append("User-Agent: Stockroom-Webhooks/1\r\n");
    sb.append("Connection: close\r\n");
    headers.forEach((k, v) -> sb.append(k).append(": ").append(v).append("\r\n"));
    sb.append("\r\n");
    return sb.toString().getBytes(StandardCharsets.UTF_8);
  }

  /** Reads {@code HTTP/1.1 200 OK} and returns 200; nothing after the status line is read. */
  private static int readStatus(Socket s, long deadline) throws IOException {
    InputStream in = s.getInputStream();
    StringBuilder line = new StringBuilder();
    while (line.length() < MAX_STATUS_LINE) {
      s.setSoTimeout((int) remaining(deadline));
      int c = in.read();
      if (c == -1) {
        throw new IOException("the connection closed before an HTTP status line arrived");
      }
      if (c == '\n') {
        break;
      }
      line.append((char) c);
    }
    String[] parts = line.toString().trim().split(" ", 3);
    if (parts.length < 2 || !parts[0].startsWith("HTTP/") || !parts[1].matches("\\d{3}")) {
      throw new IOException("the answer does not start with an HTTP status line");
    }
    return Integer.parseInt(parts[1]);
  }

  private static long remaining(long deadline) throws SocketTimeoutException {
    long ms = (deadline - System.nanoTime()) / 1_000_000L;
    if (ms <= 0) {
      throw new SocketTimeoutException();
    }
    return ms;
  }

  private static long elapsed(long start) {
    return (System.nanoTime() - start) / 1_000_000L;
  }
}
