package dev.stockroom.edge;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.Socket;
import java.nio.charset.StandardCharsets;

/**
 * A raw HTTP/1.1 exchange over a socket, for what the JDK client will not send (Host, TRACE, paths
 * with dot segments).
 */
public final class RawHttp {
  private RawHttp() {}

  public static String request(int port, String raw) {
    try (Socket socket = new Socket("127.0.0.1", port)) {
      socket.setSoTimeout(10_000);
      OutputStream out = socket.getOutputStream();
      out.write(raw.getBytes(StandardCharsets.ISO_8859_1));
      out.flush();
      InputStream in = socket.getInputStream();
      // Read the head, then Content-Length bytes: the server may keep the connection open.
      java.io.ByteArrayOutputStream buf = new java.io.ByteArrayOutputStream();
      int c;
      while ((c = in.read()) != -1) {
        buf.write(c);
        String sofar = buf.toString(StandardCharsets.ISO_8859_1);
        if (sofar.endsWith("\r\n\r\n")) {
          java.util.regex.Matcher m =
              java.util.regex.Pattern.compile("(?i)content-length:\\s*(\\d+)").matcher(sofar);
          // A HEAD answer names the length of the body it leaves out.
          int length = m.find() && !raw.startsWith("HEAD ") ? Integer.parseInt(m.group(1)) : 0;
          buf.write(in.readNBytes(length));
          break;
        }
      }
      return buf.toString(StandardCharsets.ISO_8859_1);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
