package dev.stockroom.catalog.images;

import static dev.stockroom.catalog.images.ImagesApiTest.images;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.stockroom.testing.ApiClient.Response;
import dev.stockroom.testing.Stockroom;
import dev.stockroom.testing.StockroomTest;
import dev.stockroom.testing.TestStore;
import dev.stockroom.testing.Uploads;
import java.awt.Color;
import java.awt.image.BufferedImage;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.List;
import java.util.zip.CRC32;
import java.util.zip.Deflater;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.Test;

/**
 * The resized copies of uploaded product images (url_zoom, url_standard, url_thumbnail, url_tiny),
 * fetched over HTTP and decoded; the 40-megapixel limit; corrupt files; deletes.
 */
@StockroomTest
class ResizedImagesApiTest {
  static final List<String> SIZES =
      List.of("url_zoom", "url_standard", "url_thumbnail", "url_tiny");
  static final Color LEFT = new Color(200, 30, 60);
  static final Color RIGHT = new Color(30, 60, 200);

  final Stockroom sr;

  ResizedImagesApiTest(Stockroom sr) {
    this.sr = sr;
  }

  /** An upload and the size each URL must serve: {0, 0} for the original itself. */
  record Case(String format, int w, int h, String copyType, int[][] sizes) {}

  @Test
  void decodableUploadsGetCopiesFittedInsideEachBoxNeverUpscaled() {
    TestStore s = sr.newStore();
    long p = s.product("Jar", 1);
    int[] same = {0, 0};
    List<Case> cases =
        List.of(
            // 3000×1500 is read sampled (every 2nd pixel) and still gives a full 1280×640.
            new Case(
                "png",
                3000,
                1500,
                "image/png",
                new int[][] {{1280, 640}, {386, 193}, {220, 110}, {44, 22}}),
            new Case(
                "jpg",
                300,
                1026,
                "image/jpeg",
                new int[][] {same, {150, 513}, {85, 290}, {17, 58}}),
            new Case(
                "gif", 900, 300, "image/png", new int[][] {same, {386, 129}, {220, 73}, {44, 15}}),
            new Case(
                "bmp", 600, 600, "image/png", new int[][] {same, {386, 386}, {220, 220}, {44, 44}}),
            new Case("wbmp", 100, 50, "image/png", new int[][] {same, same, same, {44, 22}}));
    for (Case c : cases) {
      byte[] original = picture(c.format(), c.w(), c.h());
      Response r = s.upload(images(p), Uploads.file("photo.dat", original));
      assertThat(r.status()).as(c.format() + " " + r).isEqualTo(201);
      JsonNode d = r.json().path("data");
      String url = d.path("image_url").asText();
      String base = url.substring(0, url.lastIndexOf('.'));
      assertThat(url).endsWith("/" + d.path("image_file").asText());
      assertThat(Uploads.fetch(url).body()).as("the original, byte for byte").isEqualTo(original);
      for (int i = 0; i < SIZES.size(); i++) {
        String what = c.format() + " " + SIZES.get(i);
        String sized = d.path(SIZES.get(i)).asText();
        Uploads.Fetched f = Uploads.fetch(sized);
        assertThat(f.status()).as(what).isEqualTo(200);
        if (c.sizes()[i][0] == 0) {
          assertThat(sized).as(what + " fits: the original serves it").isEqualTo(url);
          continue;
        }
        String suffix = SIZES.get(i).substring(4);
        String ext = c.copyType().equals("image/jpeg") ? ".jpg" : ".png";
        assertThat(sized).as(what).isEqualTo(base + "-" + suffix + ext);
        assertThat(f.header("Content-Type")).as(what).contains(c.copyType());
        assertThat(f.header("X-Content-Type-Options")).as(what).contains("nosniff");
        BufferedImage copy = decode(f.body());
        assertThat(new int[] {copy.getWidth(), copy.getHeight()}).as(what).isEqualTo(c.sizes()[i]);
        // The left half stays left and the right half right (nothing turned or mirrored).
        assertNear(what + " left", copy.getRGB(1, copy.getHeight() / 2), c.format(), LEFT);
        assertNear(
            what + " right",
            copy.getRGB(copy.getWidth() - 2, copy.getHeight() / 2),
            c.format(),
            RIGHT);
      }
      assertThat(s.get(images(p) + "/" + d.path("id").asLong()).json().path("data")).isEqualTo(d);
    }
  }

  @Test
  void aPngsTransparencySurvivesInItsCopies() {
    TestStore s = sr.newStore();
    long p = s.product("Jar", 1);
    JsonNode d =
        s.upload(images(p), Uploads.file("a.png", picture("png", 800, 800))).json().path("data");
    BufferedImage standard = decode(Uploads.fetch(d.path("url_standard").asText()).body());
    assertThat(standard.getColorModel().hasAlpha()).isTrue();
    assertThat(standard.getRGB(2, 2) >>> 24).as("the clear corner stays clear").isZero();
    assertThat(standard.getRGB(380, 380) >>> 24).isEqualTo(255);
  }

  @Test
  void aJpegStoredOnItsSideGetsCopiesTurnedAsBrowsersShowIt() {
    TestStore s = sr.newStore();
    long p = s.product("Jar", 1);
    // Stored 1600×400, left red and right blue; EXIF 6 says: turn 90° clockwise to show it.
    byte[] photo = withExifOrientation(picture("jpg", 1600, 400), 6);
    JsonNode d = s.upload(images(p), Uploads.file("phone.jpg", photo)).json().path("data");
    BufferedImage zoom = decode(Uploads.fetch(d.path("url_zoom").asText()).body());
    assertThat(new int[] {zoom.getWidth(), zoom.getHeight()}).isEqualTo(new int[] {320, 1280});
    assertNear("top", zoom.getRGB(160, 10), "jpg", LEFT);
    assertNear("bottom", zoom.getRGB(160, 1270), "jpg", RIGHT);
    BufferedImage standard = decode(Uploads.fetch(d.path("url_standard").asText()).body());
    assertThat(new int[] {standard.getWidth(), standard.getHeight()})
        .isEqualTo(new int[] {128, 513});
  }

  @Test
  void aHeaderDeclaringOver40MegapixelsIs422AndNothingIsStored() {
    TestStore s = sr.newStore();
    long p = s.product("Jar", 1);
    byte[] jpeg = picture("jpg", 64, 64);
    int sof = indexOf(jpeg, new byte[] {(byte) 0xFF, (byte) 0xC0});
    // SOF0: height then width, 60000 each (libjpeg reads up to 65500).
    System.arraycopy(new byte[] {(byte) 0xEA, 0x60, (byte) 0xEA, 0x60}, 0, jpeg, sof + 5, 4);
    for (var bomb :
        List.of(
            java.util.Map.entry(png(50_000, 50_000, deflate(new byte[4096])), "50000x50000"),
            java.util.Map.entry(png(8_000, 5_001, deflate(new byte[4096])), "8000x5001"),
            java.util.Map.entry(jpeg, "60000x60000"))) {
      Response r = s.upload(images(p), Uploads.file("bomb.png", bomb.getKey()));
      assertThat(r.status()).as(bomb.getValue() + " " + r).isEqualTo(422);
      assertThat(r.json().path("errors").path("image_file").asText())
          .contains(bomb.getValue())
          .contains("40 megapixels");
    }
    long category = s.category("Jars", 0);
    Response logo =
        s.upload(
            "v3/catalog/categories/" + category + "/image",
            Uploads.file("bomb.png", png(50_000, 50_000, deflate(new byte[16]))));
    assertThat(logo.status()).as("every upload route checks it").isEqualTo(422);
    assertThat(s.get(images(p)).ids()).isEmpty();
    assertThat(new ImagesApiTest(sr).storedFiles(s)).isEmpty();
    // 8000×5000 is exactly 40 megapixels: accepted (its pixels are garbage, so no copies).
    Response edge = s.upload(images(p), Uploads.file("edge.png", png(8_000, 5_000, new byte[64])));
    assertThat(edge.status()).as(edge.toString()).isEqualTo(201);
  }

  @Test
  void corruptFilesThatPassTheTypeCheckAreKeptAndNeverA500() {
    TestStore s = sr.newStore();
    long p = s.product("Jar", 1);
    byte[] jpeg = picture("jpg", 2000, 2000);
    byte[] bmp = new byte[4000];
    ByteBuffer.wrap(bmp)
        .order(java.nio.ByteOrder.LITTLE_ENDIAN)
        .put(new byte[] {'B', 'M'})
        .putInt(bmp.length) // file size
        .putInt(0) // reserved
        .putInt(54) // where the pixels start
        .putInt(40) // BITMAPINFOHEADER
        .putInt(5000) // width
        .putInt(5000) // height: 25 megapixels, far more than 4,000 bytes hold
        .putShort((short) 1) // planes
        .putShort((short) 24); // bits per pixel
    List<byte[]> corrupt =
        List.of(
            png(3000, 3000, "not zlib at all".getBytes(StandardCharsets.US_ASCII)),
            Arrays.copyOf(jpeg, jpeg.length / 3), // cut short
            Arrays.copyOf(picture("gif", 1500, 1500), 40),
            bmp);
    for (byte[] bad : corrupt) {
      Response r = s.upload(images(p), Uploads.file("bad.bin", bad));
      assertThat(r.status()).as(r.toString()).isEqualTo(201);
      JsonNode d = r.json().path("data");
      for (String size : SIZES) {
        assertThat(Uploads.fetch(d.path(size).asText()).status()).as(size).isEqualTo(200);
      }
    }
    Response png = s.upload(images(p), Uploads.file("x.png", corrupt.get(0)));
    for (String size : SIZES) {
      assertThat(png.json().path("data").path(size).asText())
          .as("a PNG that does not decode has no copies")
          .isEqualTo(png.json().path("data").path("image_url").asText());
    }
  }

  @Test
  void deletingTheImageOrItsProductRemovesTheCopies() {
    TestStore s = sr.newStore();
    ImagesApiTest files = new ImagesApiTest(sr);
    long p = s.product("Jar", 1);
    JsonNode d =
        s.upload(images(p), Uploads.file("a.png", picture("png", 1500, 1500))).json().path("data");
    assertThat(files.storedFiles(s)).hasSize(5);
    assertThat(s.delete(images(p) + "/" + d.path("id").asLong()).status()).isEqualTo(204);
    for (String size : SIZES) {
      assertThat(Uploads.fetch(d.path(size).asText()).status()).as(size).isEqualTo(404);
    }
    assertThat(files.storedFiles(s)).isEmpty();

    long q = s.product("Lid", 1);
    s.upload(images(q), Uploads.file("a.jpg", picture("jpg", 900, 900)));
    s.upload(images(q), Uploads.file("b.gif", picture("gif", 500, 100)));
    assertThat(files.storedFiles(s)).hasSize(1 + 3 + 1 + 3);
    assertThat(s.delete("v3/catalog/products/" + q).status()).isEqualTo(204);
    assertThat(files.storedFiles(s)).isEmpty();
  }

  /** Left half {@link #LEFT}, right half {@link #RIGHT}; a PNG's top-left quarter is clear. */
  static byte[] picture(String format, int w, int h) {
    int type =
        switch (format) {
          case "wbmp" -> BufferedImage.TYPE_BYTE_BINARY;
          case "jpg", "bmp" -> BufferedImage.TYPE_INT_RGB;
          default -> BufferedImage.TYPE_INT_ARGB;
        };
    BufferedImage img = new BufferedImage(w, h, type);
    var g = img.createGraphics();
    g.setColor(format.equals("wbmp") ? Color.BLACK : LEFT);
    g.fillRect(0, 0, w / 2, h);
    g.setColor(format.equals("wbmp") ? Color.WHITE : RIGHT);
    g.fillRect(w / 2, 0, w - w / 2, h);
    if (format.equals("png")) {
      g.setComposite(java.awt.AlphaComposite.Clear);
      g.fillRect(0, 0, w / 4, h / 4);
    }
    g.dispose();
    try {
      ByteArrayOutputStream out = new ByteArrayOutputStream();
      assertThat(ImageIO.write(img, format.equals("jpg") ? "jpeg" : format, out)).isTrue();
      return out.toByteArray();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  static BufferedImage decode(byte[] bytes) {
    try {
      BufferedImage img = ImageIO.read(new ByteArrayInputStream(bytes));
      assertThat(img).as("decodes").isNotNull();
      return img;
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** The colour at a pixel is about {@code want} (a WBMP's copy: dark left, light right). */
  static void assertNear(String what, int argb, String format, Color want) {
    Color got = new Color(argb);
    if (format.equals("wbmp")) {
      int grey = (got.getRed() + got.getGreen() + got.getBlue()) / 3;
      assertThat(want == LEFT ? grey < 60 : grey > 195).as(what + " " + got).isTrue();
      return;
    }
    assertThat(Math.abs(got.getRed() - want.getRed())).as(what + " " + got).isLessThan(40);
    assertThat(Math.abs(got.getGreen() - want.getGreen())).as(what + " " + got).isLessThan(40);
    assertThat(Math.abs(got.getBlue() - want.getBlue())).as(what + " " + got).isLessThan(40);
  }

  /** A PNG with the given IHDR size and {@code idat} as its data (valid chunks and CRCs). */
  static byte[] png(int w, int h, byte[] idat) {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    out.writeBytes(new byte[] {(byte) 0x89, 'P', 'N', 'G', 13, 10, 26, 10});
    chunk(
        out,
        "IHDR",
        ByteBuffer.allocate(13).putInt(w).putInt(h).put((byte) 8).put((byte) 2).array());
    chunk(out, "IDAT", idat);
    chunk(out, "IEND", new byte[0]);
    return out.toByteArray();
  }

  private static void chunk(ByteArrayOutputStream out, String type, byte[] data) {
    byte[] t = type.getBytes(StandardCharsets.US_ASCII);
    CRC32 crc = new CRC32();
    crc.update(t);
    crc.update(data);
    out.writeBytes(ByteBuffer.allocate(4).putInt(data.length).array());
    out.writeBytes(t);
    out.writeBytes(data);
    out.writeBytes(ByteBuffer.allocate(4).putInt((int) crc.getValue()).array());
  }

  static byte[] deflate(byte[] raw) {
    Deflater d = new Deflater();
    d.setInput(raw);
    d.finish();
    byte[] buf = new byte[raw.length + 64];
    int n = d.deflate(buf);
    d.end();
    return Arrays.copyOf(buf, n);
  }

  /** {@code jpeg} with an Exif APP1 segment holding only the orientation, after its JFIF APP0. */
  static byte[] withExifOrientation(byte[] jpeg, int orientation) {
    byte[] tiff = {
      'M',
      'M',
      0,
      42,
      0,
      0,
      0,
      8, // big-endian, IFD0 at 8
      0,
      1, // one entry
      0x01,
      0x12,
      0,
      3,
      0,
      0,
      0,
      1,
      0,
      (byte) orientation,
      0,
      0, // Orientation, SHORT, 1
      0,
      0,
      0,
      0 // no next IFD
    };
    byte[] exif = new byte[6 + tiff.length];
    System.arraycopy("Exif".getBytes(StandardCharsets.US_ASCII), 0, exif, 0, 4);
    System.arraycopy(tiff, 0, exif, 6, tiff.length);
    int at = 4 + ((jpeg[4] & 0xFF) << 8 | (jpeg[5] & 0xFF)); // after SOI and APP0
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    out.write(jpeg, 0, at);
    int length = exif.length + 2;
    out.writeBytes(new byte[] {(byte) 0xFF, (byte) 0xE1, (byte) (length >> 8), (byte) length});
    out.writeBytes(exif);
    out.write(jpeg, at, jpeg.length - at);
    return out.toByteArray();
  }

  private static int indexOf(byte[] b, byte[] what) {
    for (int i = 0; i + what.length <= b.length; i++) {
      if (Arrays.equals(b, i, i + what.length, what, 0, what.length)) {
        return i;
      }
    }
    throw new AssertionError("not found");
  }
}
