package dev.stockroom.testing;

import java.awt.Color;
import java.awt.image.BufferedImage;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Random;
import javax.imageio.ImageIO;

/** Real image files made in the test (javax.imageio), multipart forms, and byte-exact fetches. */
public final class Uploads {
  private static final HttpClient HTTP =
      HttpClient.newBuilder()
          .connectTimeout(Duration.ofSeconds(5))
          .version(HttpClient.Version.HTTP_1_1)
          .build();

  /** The smallest lossless WebP (1×1), as ImageIO cannot write WebP. */
  public static final byte[] WEBP =
      java.util.Base64.getDecoder().decode("UklGRhoAAABXRUJQVlA4TA0AAAAvAAAAEAcQERGIiP4HAA==");

  /** An 8×2 X BitMap: C source text. */
  public static final byte[] XBM =
      ("#define dot_width 8\n#define dot_height 2\n"
              + "static unsigned char dot_bits[] = {\n   0x01, 0x80 };\n")
          .getBytes(StandardCharsets.US_ASCII);

  private Uploads() {}

  /** An image of {@code format} (png, jpg, gif, bmp, wbmp) with some colour in it. */
  public static byte[] image(String format, int w, int h) {
    int type =
        format.equals("wbmp")
            ? BufferedImage.TYPE_BYTE_BINARY
            : format.equals("jpg") || format.equals("bmp")
                ? BufferedImage.TYPE_INT_RGB
                : BufferedImage.TYPE_INT_ARGB;
    BufferedImage img = new BufferedImage(w, h, type);
    var g = img.createGraphics();
    g.setColor(Color.WHITE);
    g.fillRect(0, 0, w, h);
    g.setColor(new Color(200, 30, 60));
    g.fillOval(w / 4, h / 4, Math.max(1, w / 2), Math.max(1, h / 2));
    g.dispose();
    return write(img, format);
  }

  /** A PNG of random pixels of at least {@code minBytes} bytes (noise does not compress). */
  public static byte[] noisePng(int minBytes) {
    int side = (int) Math.ceil(Math.sqrt(minBytes / 3.0)) + 8;
    BufferedImage img = new BufferedImage(side, side, BufferedImage.TYPE_INT_RGB);
    Random r = new Random(42);
    for (int y = 0; y < side; y++) {
      for (int x = 0; x < side; x++) {
        img.setRGB(x, y, r.nextInt());
      }
    }
    return write(img, "png");
  }

  private static byte[] write(BufferedImage img, String format) {
    try {
      ByteArrayOutputStream out = new ByteArrayOutputStream();
      if (!ImageIO.write(img, format.equals("jpg") ? "jpeg" : format, out)) {
        throw new IllegalStateException("no ImageIO writer for " + format);
      }
      return out.toByteArray();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** A multipart/form-data body and its Content-Type. */
  public record Form(String contentType, byte[] body) {}

  /** Builds a form: {@code file(...)} and {@code field(...)} parts in order. */
  public static final class FormBuilder {
    private final String boundary = "----stockroom" + Long.toHexString(System.nanoTime());
    private final ByteArrayOutputStream out = new ByteArrayOutputStream();

    public FormBuilder file(String name, String filename, String type, byte[] data) {
      head(
          "Content-Disposition: form-data; name=\""
              + name
              + "\"; filename=\""
              + filename
              + "\"\r\nContent-Type: "
              + type);
      out.writeBytes(data);
      out.writeBytes("\r\n".getBytes(StandardCharsets.US_ASCII));
      return this;
    }

    public FormBuilder field(String name, String value) {
      head("Content-Disposition: form-data; name=\"" + name + "\"");
      out.writeBytes(value.getBytes(StandardCharsets.UTF_8));
      out.writeBytes("\r\n".getBytes(StandardCharsets.US_ASCII));
      return this;
    }

    private void head(String headers) {
      out.writeBytes(
          ("--" + boundary + "\r\n" + headers + "\r\n\r\n").getBytes(StandardCharsets.UTF_8));
    }

    public Form build() {
      out.writeBytes(("--" + boundary + "--\r\n").getBytes(StandardCharsets.US_ASCII));
      return new Form("multipart/form-data; boundary=" + boundary, out.toByteArray());
    }
  }

  public static FormBuilder form() {
    return new FormBuilder();
  }

  /** A form holding only {@code image_file}. */
  public static Form file(String filename, byte[] data) {
    return form().file("image_file", filename, "application/octet-stream", data).build();
  }

  /** An answer whose body is kept as bytes (served files). */
  public record Fetched(int status, Map<String, List<String>> headers, byte[] body) {
    public Optional<String> header(String name) {
      for (var e : headers.entrySet()) {
        if (e.getKey().equalsIgnoreCase(name) && !e.getValue().isEmpty()) {
          return Optional.of(e.getValue().get(0));
        }
      }
      return Optional.empty();
    }
  }

  /** GET {@code url} without a token, as a browser would. */
  public static Fetched fetch(String url) {
    try {
      HttpResponse<byte[]> r =
          HTTP.send(
              HttpRequest.newBuilder(URI.create(url)).timeout(Duration.ofSeconds(30)).build(),
              HttpResponse.BodyHandlers.ofByteArray());
      return new Fetched(r.statusCode(), r.headers().map(), r.body());
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException(e);
    }
  }
}
