package dev.stockroom.catalog.images;

import java.util.Optional;

/**
 * The resized versions BigCommerce serves of a product image, each a box the picture is fitted into
 * (aspect kept). Each box fits inside the one before it, so a copy can be made from the previous,
 * larger one.
 */
enum ImageSize {
  ZOOM("url_zoom", "zoom", 1280, 1280),
  STANDARD("url_standard", "standard", 386, 513),
  THUMBNAIL("url_thumbnail", "thumbnail", 220, 290),
  TINY("url_tiny", "tiny", 44, 58);

  /** Width and height, in pixels. */
  record Dimensions(int width, int height) {
    long pixels() {
      return (long) width * height;
    }

    /** The same picture on its side. */
    Dimensions turned() {
      return new Dimensions(/* width= */ height, /* height= */ width);
    }
  }

  private final String field;
  private final String suffix;
  private final int width;
  private final int height;

  ImageSize(String field, String suffix, int width, int height) {
    this.field = field;
    this.suffix = suffix;
    this.width = width;
    this.height = height;
  }

  /** The field of the image document that holds this size's URL. */
  String field() {
    return field;
  }

  /** What a copy's file name ends with before the extension ({@code -zoom}). */
  String suffix() {
    return suffix;
  }

  /**
   * The size of a picture of {@code d} fitted inside this box, aspect kept and rounded; empty when
   * it already fits (copies are never upscaled: the original serves as this size).
   */
  Optional<Dimensions> fit(Dimensions d) {
    long w = d.width();
    long h = d.height();
    if (w <= width && h <= height) {
      return Optional.empty();
    }
    // Compare the ratios in integers: the side that hits the box first gets the box's length.
    if (w * height <= h * width) {
      return Optional.of(new Dimensions((int) Math.max(1, (w * height * 2 + h) / (2 * h)), height));
    }
    return Optional.of(new Dimensions(width, (int) Math.max(1, (h * width * 2 + w) / (2 * w))));
  }
}
