package dev.stockroom.catalog.images;

import java.nio.charset.StandardCharsets;
import java.util.Optional;
import java.util.regex.Pattern;
import org.jspecify.annotations.Nullable;

/**
 * The image formats BigCommerce takes (catalog.v3: BMP, GIF, JPEG, PNG, WBMP, XBM, WEBP), told
 * apart by their first bytes, never by the file name or the declared type a client sends.
 */
enum ImageType {
  BMP("image/bmp", "bmp", "bmp"),
  GIF("image/gif", "gif", "gif"),
  JPEG("image/jpeg", "jpg", "jpeg"),
  PNG("image/png", "png", "png"),
  WBMP("image/vnd.wap.wbmp", "wbmp", "wbmp"),
  XBM("image/x-xbitmap", "xbm", null),
  WEBP("image/webp", "webp", null);

  /** For error messages: what an upload may be. */
  static final String ALLOWED = "BMP, GIF, JPEG, PNG, WBMP, XBM or WEBP";

  private static final Pattern XBM_HEAD =
      Pattern.compile(
          "\\A\\s*#define\\s+(\\w*)width\\s+\\d+\\s*\\n\\s*#define\\s+\\1height\\s+\\d+\\s*\\n"
              + "[\\s\\S]*?\\bchar\\s+\\1bits\\s*\\[\\s*]\\s*=\\s*\\{");

  private final String mediaType;
  private final String extension;
  private final @Nullable String imageIoFormat;

  ImageType(String mediaType, String extension, @Nullable String imageIoFormat) {
    this.mediaType = mediaType;
    this.extension = extension;
    this.imageIoFormat = imageIoFormat;
  }

  String mediaType() {
    return mediaType;
  }

  String extension() {
    return extension;
  }

  /** The javax.imageio format name that reads this type; null for those the JDK cannot decode. */
  @Nullable String imageIoFormat() {
    return imageIoFormat;
  }

  /**
   * The type resized copies are written in: a JPEG's stay JPEG (photographs), the others' are PNG
   * (lossless, and it keeps transparency).
   */
  ImageType copyType() {
    return this == JPEG ? JPEG : PNG;
  }

  /** The type a stored file's extension stands for (files are named by their detected type). */
  static Optional<ImageType> ofExtension(String ext) {
    for (ImageType t : values()) {
      if (t.extension.equals(ext)) {
        return Optional.of(t);
      }
    }
    return Optional.empty();
  }

  /** What {@code b} is, by its signature; empty for anything else (text, PDF, SVG, truncated). */
  static Optional<ImageType> detect(byte[] b) {
    if (starts(b, 0x89, 'P', 'N', 'G', 0x0D, 0x0A, 0x1A, 0x0A) && ascii(b, 12, "IHDR")) {
      return Optional.of(PNG);
    }
    if (starts(b, 0xFF, 0xD8, 0xFF) && b.length > 4) {
      return Optional.of(JPEG);
    }
    if ((ascii(b, 0, "GIF87a") || ascii(b, 0, "GIF89a")) && b.length > 13) {
      return Optional.of(GIF);
    }
    if (ascii(b, 0, "RIFF") && ascii(b, 8, "WEBP") && b.length > 16) {
      return Optional.of(WEBP);
    }
    if (isBmp(b)) {
      return Optional.of(BMP);
    }
    if (isWbmp(b)) {
      return Optional.of(WBMP);
    }
    if (isXbm(b)) {
      return Optional.of(XBM);
    }
    return Optional.empty();
  }

  /** "BM", then a DIB header of one of the known sizes at offset 14. */
  private static boolean isBmp(byte[] b) {
    if (!ascii(b, 0, "BM") || b.length < 26) {
      return false;
    }
    long dib = le32(b, 14);
    long dataOffset = le32(b, 10);
    return (dib == 12
            || dib == 40
            || dib == 52
            || dib == 56
            || dib == 64
            || dib == 108
            || dib == 124)
        && dataOffset >= 14 + dib
        && dataOffset <= b.length;
  }

  /**
   * WBMP type 0 has no signature beyond two zero bytes, so the whole file must add up: width and
   * height (multi-byte integers), then exactly one bit per pixel, rows padded to a byte.
   */
  private static boolean isWbmp(byte[] b) {
    if (b.length < 5 || b[0] != 0 || b[1] != 0) {
      return false;
    }
    int[] at = {2};
    long w = uintvar(b, at);
    long h = uintvar(b, at);
    if (w < 1 || h < 1 || w > 65_535 || h > 65_535) {
      return false;
    }
    return b.length - at[0] == ((w + 7) / 8) * h;
  }

  private static long uintvar(byte[] b, int[] at) {
    long v = 0;
    for (int n = 0; n < 4 && at[0] < b.length; n++) {
      int x = b[at[0]++] & 0xFF;
      v = (v << 7) | (x & 0x7F);
      if ((x & 0x80) == 0) {
        return v;
      }
    }
    return -1;
  }

  /** X BitMap is C source text: two #defines for the size, then the bits array. */
  private static boolean isXbm(byte[] b) {
    int n = Math.min(b.length, 4096);
    for (int i = 0; i < n; i++) {
      if (b[i] == 0 || (b[i] & 0x80) != 0) {
        return false;
      }
    }
    return XBM_HEAD.matcher(new String(b, 0, n, StandardCharsets.US_ASCII)).find();
  }

  private static boolean starts(byte[] b, int... sig) {
    if (b.length < sig.length) {
      return false;
    }
    for (int i = 0; i < sig.length; i++) {
      if ((b[i] & 0xFF) != sig[i]) {
        return false;
      }
    }
    return true;
  }

  private static boolean ascii(byte[] b, int at, String s) {
    if (b.length < at + s.length()) {
      return false;
    }
    for (int i = 0; i < s.length(); i++) {
      if (b[at + i] != s.charAt(i)) {
        return false;
      }
    }
    return true;
  }

  private static long le32(byte[] b, int at) {
    return (b[at] & 0xFFL)
        | (b[at + 1] & 0xFFL) << 8
        | (b[at + 2] & 0xFFL) << 16
        | (b[at + 3] & 0xFFL) << 24;
  }
}
