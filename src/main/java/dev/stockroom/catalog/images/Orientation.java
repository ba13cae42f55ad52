package dev.stockroom.catalog.images;

import java.awt.geom.AffineTransform;
import java.awt.image.BufferedImage;

/**
 * The EXIF orientation of a JPEG (tag 0x0112 of IFD0, 1 to 8), which browsers apply to the original
 * and javax.imageio ignores: copies are turned the same way, so they look like the original. Camera
 * photos often carry 6 (turn 90° clockwise). Anything unreadable counts as 1 (as stored).
 */
final class Orientation {
  private Orientation() {}

  /** The orientation of {@code jpeg}, from its first Exif APP1 segment; 1 when there is none. */
  static int of(byte[] jpeg) {
    int at = 2; // after SOI
    while (at + 4 <= jpeg.length && (jpeg[at] & 0xFF) == 0xFF) {
      int marker = jpeg[at + 1] & 0xFF;
      if (marker == 0xDA || marker == 0xD9) {
        return 1; // image data: no more headers
      }
      int length = u16(jpeg, at + 2, false);
      if (marker == 0xE1 && length >= 8 && startsWithExif(jpeg, at + 4)) {
        return tiff(jpeg, at + 10, Math.min(jpeg.length, at + 2 + length));
      }
      at += 2 + length;
    }
    return 1;
  }

  /** Whether an image of this orientation is stored on its side (width and height swap). */
  static boolean swapsSides(int orientation) {
    return orientation >= 5 && orientation <= 8;
  }

  /** {@code raw} turned and flipped to how the original is displayed. */
  static BufferedImage apply(BufferedImage raw, int orientation) {
    int w = raw.getWidth();
    int h = raw.getHeight();
    AffineTransform t =
        switch (orientation) {
          case 2 -> new AffineTransform(-1, 0, 0, 1, w, 0); // mirrored
          case 3 -> new AffineTransform(-1, 0, 0, -1, w, h); // upside down
          case 4 -> new AffineTransform(1, 0, 0, -1, 0, h); // mirrored upside down
          case 5 -> new AffineTransform(0, 1, 1, 0, 0, 0); // transposed
          case 6 -> new AffineTransform(0, 1, -1, 0, h, 0); // turn 90° clockwise
          case 7 -> new AffineTransform(0, -1, -1, 0, h, w); // transversed
          case 8 -> new AffineTransform(0, -1, 1, 0, 0, w); // turn 90° counter-clockwise
          default -> null;
        };
    if (t == null) {
      return raw;
    }
    boolean swap = swapsSides(orientation);
    int type =
        raw.getColorModel().hasAlpha() ? BufferedImage.TYPE_INT_ARGB : BufferedImage.TYPE_INT_RGB;
    BufferedImage out = new BufferedImage(swap ? h : w, swap ? w : h, type);
    var g = out.createGraphics();
    try {
      g.drawImage(raw, t, null);
    } finally {
      g.dispose();
    }
    return out;
  }

  private static boolean startsWithExif(byte[] b, int at) {
    return at + 6 <= b.length
        && b[at] == 'E'
        && b[at + 1] == 'x'
        && b[at + 2] == 'i'
        && b[at + 3] == 'f'
        && b[at + 4] == 0
        && b[at + 5] == 0;
  }

  /** The orientation entry of IFD0 of the TIFF structure at {@code base}, within {@code end}. */
  private static int tiff(byte[] b, int base, int end) {
    if (base + 8 > end) {
      return 1;
    }
    boolean little = b[base] == 'I' && b[base + 1] == 'I';
    if (!little && !(b[base] == 'M' && b[base + 1] == 'M')) {
      return 1;
    }
    long ifd = base + u32(b, base + 4, little);
    if (ifd + 2 > end) {
      return 1;
    }
    int entries = u16(b, (int) ifd, little);
    for (int i = 0; i < entries; i++) {
      int e = (int) ifd + 2 + 12 * i;
      if (e + 12 > end) {
        return 1;
      }
      if (u16(b, e, little) == 0x0112 && u16(b, e + 2, little) == 3) {
        int v = u16(b, e + 8, little);
        return v >= 1 && v <= 8 ? v : 1;
      }
    }
    return 1;
  }

  private static int u16(byte[] b, int at, boolean little) {
    int x = b[at] & 0xFF;
    int y = b[at + 1] & 0xFF;
    return little ? x | y << 8 : x << 8 | y;
  }

  private static long u32(byte[] b, int at, boolean little) {
    long hi = u16(b, little ? at + 2 : at, little);
    long lo = u16(b, little ? at : at + 2, little);
    return hi << 16 | lo;
  }
}
