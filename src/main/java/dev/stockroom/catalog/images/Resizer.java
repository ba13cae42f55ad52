package dev.stockroom.catalog.images;

import dev.stockroom.api.ApiException;
import dev.stockroom.catalog.images.ImageSize.Dimensions;
import java.awt.RenderingHints;
import java.awt.image.BufferedImage;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.util.EnumMap;
import java.util.Iterator;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.Semaphore;
import javax.imageio.IIOImage;
import javax.imageio.ImageIO;
import javax.imageio.ImageReadParam;
import javax.imageio.ImageReader;
import javax.imageio.ImageWriteParam;
import javax.imageio.ImageWriter;
import javax.imageio.stream.ImageInputStream;
import javax.imageio.stream.MemoryCacheImageInputStream;
import javax.imageio.stream.MemoryCacheImageOutputStream;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The resized copies of an upload ({@link ImageSize}), for the types javax.imageio decodes.
 * Decoding is bounded: the size the header declares is read first and more than {@link #MAX_PIXELS}
 * is refused before anything is stored; a large picture is read sampled (every n-th pixel) down to
 * no less than its largest copy, never at full size; and only a few uploads are decoded at once. A
 * file that passes the type check but does not decode gets no copies: its own URL serves every
 * size, never a 500.
 */
final class Resizer {
  /** The largest picture accepted, by its declared width × height. */
  static final long MAX_PIXELS = 40_000_000;

  private static final Logger LOG = LoggerFactory.getLogger(Resizer.class);
  private static final float JPEG_QUALITY = 0.85f;

  private final Semaphore decoding;

  /**
   * @param parallel how many uploads may be decoded at once (each holds a few tens of MB)
   */
  Resizer(int parallel) {
    this.decoding = new Semaphore(parallel);
  }

  /** 422 on {@code image_file} when a decodable upload's header declares over MAX_PIXELS. */
  static void checkDeclaredSize(ImageType type, byte[] data) {
    Optional<Dimensions> d = read(type, data, r -> new Dimensions(r.getWidth(0), r.getHeight(0)));
    if (d.isPresent() && d.get().pixels() > MAX_PIXELS) {
      throw ApiException.Invalid.field(
          Upload.FIELD,
          "is "
              + d.get().width()
              + "x"
              + d.get().height()
              + " pixels; the largest picture accepted has "
              + MAX_PIXELS
              + " pixels (40 megapixels)");
    }
  }

  /**
   * A copy, in {@code type.copyType()}, for each size whose box the picture does not fit; sizes it
   * fits are left out (the original serves them). Empty for types javax.imageio cannot decode and
   * for files that do not decode.
   */
  Map<ImageSize, byte[]> copies(ImageType type, byte[] data) {
    if (type.imageIoFormat() == null) {
      return Map.of();
    }
    decoding.acquireUninterruptibly();
    try {
      return read(type, data, r -> resize(type, data, r)).orElse(Map.of());
    } finally {
      decoding.release();
    }
  }

  private static Map<ImageSize, byte[]> resize(ImageType type, byte[] data, ImageReader reader)
      throws IOException {
    Dimensions stored = new Dimensions(reader.getWidth(0), reader.getHeight(0));
    if (stored.width() < 1 || stored.height() < 1 || stored.pixels() > MAX_PIXELS) {
      return Map.of();
    }
    int orientation = type == ImageType.JPEG ? Orientation.of(data) : 1;
    boolean turned = Orientation.swapsSides(orientation);
    Dimensions shown = turned ? stored.turned() : stored;
    Map<ImageSize, Dimensions> targets = new EnumMap<>(ImageSize.class);
    for (ImageSize size : ImageSize.values()) {
      size.fit(shown).ifPresent(d -> targets.put(size, d));
    }
    if (targets.isEmpty()) {
      return Map.of();
    }
    Dimensions largest = targets.values().iterator().next(); // sizes come largest first
    int n = Math.min(shown.width() / largest.width(), shown.height() / largest.height());
    ImageReadParam param = reader.getDefaultReadParam();
    param.setSourceSubsampling(Math.max(1, n), Math.max(1, n), 0, 0);
    BufferedImage picture = reader.read(0, param);
    boolean alpha = type.copyType() == ImageType.PNG && picture.getColorModel().hasAlpha();
    Map<ImageSize, byte[]> out = new EnumMap<>(ImageSize.class);
    for (Map.Entry<ImageSize, Dimensions> e : targets.entrySet()) {
      Dimensions d = e.getValue();
      // Each copy is made from the one before (every box fits inside the previous one).
      Dimensions raw = turned ? d.turned() : d;
      picture = scale(picture, raw.width(), raw.height(), alpha);
      out.put(e.getKey(), encode(Orientation.apply(picture, orientation), type.copyType()));
    }
    return out;
  }

  /** Halves until close, then a last bilinear step: one bilinear jump over 2× would alias. */
  private static BufferedImage scale(BufferedImage src, int width, int height, boolean alpha) {
    BufferedImage current = src;
    int w = src.getWidth();
    int h = src.getHeight();
    do {
      w = Math.max(width, w / 2);
      h = Math.max(height, h / 2);
      current = draw(current, w, h, alpha);
    } while (w != width || h != height);
    return current;
  }

  private static BufferedImage draw(BufferedImage src, int w, int h, boolean alpha) {
    BufferedImage out =
        new BufferedImage(w, h, alpha ? BufferedImage.TYPE_INT_ARGB : BufferedImage.TYPE_INT_RGB);
    var g = out.createGraphics();
    try {
      g.setRenderingHint(
          RenderingHints.KEY_INTERPOLATION, RenderingHints.VALUE_INTERPOLATION_BILINEAR);
      g.setRenderingHint(RenderingHints.KEY_RENDERING, RenderingHints.VALUE_RENDER_QUALITY);
      g.drawImage(src, 0, 0, w, h, null);
    } finally {
      g.dispose();
    }
    return out;
  }

  private static byte[] encode(BufferedImage picture, ImageType type) throws IOException {
    String format = Objects.requireNonNull(type.imageIoFormat());
    ImageWriter writer = ImageIO.getImageWritersByFormatName(format).next();
    ByteArrayOutputStream bytes = new ByteArrayOutputStream();
    try (var out = new MemoryCacheImageOutputStream(bytes)) {
      writer.setOutput(out);
      ImageWriteParam param = writer.getDefaultWriteParam();
      if (type == ImageType.JPEG) {
        param.setCompressionMode(ImageWriteParam.MODE_EXPLICIT);
        param.setCompressionQuality(JPEG_QUALITY);
      }
      writer.write(null, new IIOImage(picture, null, null), param);
    } finally {
      writer.dispose();
    }
    return bytes.toByteArray();
  }

  /** Work on an image reader. */
  @FunctionalInterface
  private interface Reading<T> {
    T apply(ImageReader reader) throws IOException;
  }

  /**
   * Runs {@code work} on a reader of {@code type} over {@code data} (in memory: no cache files);
   * empty for a type javax.imageio cannot read, or when the file turns out malformed (decoders
   * throw unchecked exceptions on some corrupt input too).
   */
  private static <T> Optional<T> read(ImageType type, byte[] data, Reading<T> work) {
    String format = type.imageIoFormat();
    Iterator<ImageReader> readers =
        format == null ? null : ImageIO.getImageReadersByFormatName(format);
    if (readers == null || !readers.hasNext()) {
      return Optional.empty();
    }
    ImageReader reader = readers.next();
    try (ImageInputStream in = new MemoryCacheImageInputStream(new ByteArrayInputStream(data))) {
      reader.setInput(in, true, true);
      return Optional.of(work.apply(reader));
    } catch (IOException | RuntimeException e) {
      LOG.debug("an upload of type {} did not decode; it gets no resized copies", type, e);
      return Optional.empty();
    } finally {
      reader.dispose();
    }
  }
}
