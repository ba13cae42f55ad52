package dev.stockroom.catalog.images;

import dev.stockroom.api.ApiException;
import dev.stockroom.api.Multipart;
import dev.stockroom.api.Status;
import java.util.Map;

/**
 * A checked image upload: the {@code image_file} part of a form, within its size limit (413), of an
 * accepted type by its bytes (422 naming the types) and, where javax.imageio reads its header, of
 * at most 40 megapixels (422: larger is a decompression bomb for us and for browsers alike).
 */
record Upload(ImageType type, byte[] data) {
  static final String FIELD = "image_file";

  /**
   * The upload of {@code form}; {@code limitName} names the limit in the 413 ("image_bytes", or the
   * spec's 1 MB for category, brand, variant and modifier images).
   */
  static Upload of(Map<String, Multipart.Part> form, long maxBytes, String limitName) {
    Multipart.Part part = form.get(FIELD);
    if (part == null) {
      throw ApiException.Invalid.field(
          FIELD,
          "is required: send the image as the image_file field of a multipart/form-data body");
    }
    byte[] data = part.data();
    if (data.length > maxBytes) {
      throw new ApiException.Refused(
          Status.TOO_LARGE,
          "The image is "
              + data.length
              + " bytes; the largest accepted here is "
              + maxBytes
              + " bytes ("
              + limitName
              + ").",
          Map.of("max_bytes", maxBytes, "limit", limitName),
          Map.of());
    }
    if (data.length == 0) {
      throw ApiException.Invalid.field(FIELD, "is empty");
    }
    ImageType type =
        ImageType.detect(data)
            .orElseThrow(
                () ->
                    ApiException.Invalid.field(
                        FIELD,
                        "is not an image of a supported type: send "
                            + ImageType.ALLOWED
                            + " (the type is read from the file's bytes, not its name)"));
    Resizer.checkDeclaredSize(type, data);
    return new Upload(type, data);
  }

  /** Forms that carry only the file (category, brand, variant and modifier images). */
  static Upload only(Map<String, Multipart.Part> form, long maxBytes, String limitName) {
    for (String name : form.keySet()) {
      if (!name.equals(FIELD)) {
        throw ApiException.Invalid.field(
            name, "is not a field of this upload; send only image_file");
      }
    }
    return of(form, maxBytes, limitName);
  }
}
