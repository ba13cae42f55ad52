package dev.stockroom.edge;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A raw HTTP/1.1 exchange over a socket, for what the JDK client will not send (Host, TRACE, paths
 * with dot segments, pipelined requests).
 */
public final class RawHttp {
  private static final Pattern LENGTH = Pattern.compile("(?i)content-length:\\s*(\\d+)");

  private RawHttp() {}

  /** Sends {@code raw} and returns the one answer read (empty when the server just closes). */
  public static String request(int port, String raw) {
    return pipelined(port, List.of(raw));
  }

  /**
   * Sends the requests back to back on one connection, then reads one answer for each: its head,
   * then Content-Length bytes (none after a HEAD, whose Content-Length names the body it leaves
   * out). Returns what was read, all answers together.
   */
  public static String pipelined(int port, List<String> requests) {
    try (Socket socket = new Socket("127.0.0.1", port)) {
      socket.setSoTimeout(10_000);
      OutputStream out = socket.getOutputStream();
      out.write(String.join("", requests).getBytes(StandardCharsets.ISO_8859_1));
      out.flush();
      InputStream in = socket.getInputStream();
      ByteArrayOutputStream all = new ByteArrayOutputStream();
      for (String request : requests) {
        ByteArrayOutputStream head = new ByteArrayOutputStream();
        int c;
        while (!head.toString(StandardCharsets.ISO_8859_1).endsWith("\r\n\r\n")
            && (c = in.read()) != -1) {
          head.write(c);
        }
        String text = head.toString(StandardCharsets.ISO_8859_1);
        all.write(head.toByteArray());
        if (!text.endsWith("\r\n\r\n")) {
          break; // the server closed the connection
        }
        Matcher m = LENGTH.matcher(text);
        int length = m.find() && !request.startsWith("HEAD ") ? Integer.parseInt(m.group(1)) : 0;
        all.write(in.readNBytes(length));
      }
      return all.toString(StandardCharsets.ISO_8859_1);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
