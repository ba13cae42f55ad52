package dev.stockroom.edge;

import dev.stockroom.api.ApiException;
import dev.stockroom.api.Multipart;
import dev.stockroom.api.Router;
import dev.stockroom.api.Status;
import java.util.Locale;
import org.jspecify.annotations.Nullable;

/** Accept and Content-Type rules of the pipelines (406, 415). */
final class Negotiation {
  private Negotiation() {}

  /** Absent, empty, {@code *}/{@code *}, {@code application/*} or JSON: JSON can be served. */
  static boolean acceptsJson(@Nullable String accept) {
    if (accept == null || accept.isBlank() || isPlainJson(accept)) {
      return true;
    }
    for (String part : accept.split(",")) {
      String[] bits = part.split(";");
      String type = bits[0].trim().toLowerCase(Locale.ROOT);
      boolean refused = false;
      for (int i = 1; i < bits.length; i++) {
        String p = bits[i].trim().replace(" ", "");
        if (p.equals("q=0") || p.matches("q=0(\\.0+)?")) {
          refused = true;
        }
      }
      if (refused) {
        continue;
      }
      if (type.equals("*/*")
          || type.equals("*")
          || type.equals("application/*")
          || type.equals("application/json")
          || type.endsWith("+json")) {
        return true;
      }
    }
    return false;
  }

  /** The Accept most clients send, answered without parsing it. */
  private static boolean isPlainJson(String accept) {
    return accept.equals("application/json") || accept.equals("*/*");
  }

  /**
   * Whether a v2 request's {@code Accept} asks for XML rather than JSON: XML has a higher {@code
   * q}, or the same and is listed first ({@code application/xml} or {@code text/xml}; {@code
   * *}/{@code *} counts for JSON).
   */
  static boolean prefersXml(@Nullable String accept) {
    if (accept == null || accept.isBlank() || isPlainJson(accept)) {
      return false;
    }
    double xml = -1;
    double json = -1;
    boolean xmlFirst = false;
    for (String part : accept.split(",")) {
      String[] bits = part.split(";");
      String type = bits[0].trim().toLowerCase(Locale.ROOT);
      double q = 1;
      for (int i = 1; i < bits.length; i++) {
        String p = bits[i].trim().replace(" ", "");
        if (p.startsWith("q=")) {
          try {
            q = Double.parseDouble(p.substring(2));
          } catch (NumberFormatException e) {
            q = 0;
          }
        }
      }
      boolean isXml =
          type.equals("application/xml") || type.equals("text/xml") || type.endsWith("+xml");
      boolean isJson = !isXml && acceptsJson(type);
      if (isXml && q > xml) {
        xmlFirst = json < 0;
        xml = q;
      } else if (isJson && q > json) {
        json = q;
      }
    }
    return xml > 0 && (xml > json || (xml == json && xmlFirst));
  }

  /**
   * A write's Content-Type must be one its route takes (415 otherwise): JSON, or {@code
   * multipart/form-data} on upload routes.
   */
  static void checkBody(Router.Body body, @Nullable String contentType) {
    if (body.takesJson() && isJson(contentType)) {
      return;
    }
    if (body.takesForm() && Multipart.isFormData(contentType)) {
      return;
    }
    throw new ApiException.Refused(
        Status.UNSUPPORTED_MEDIA_TYPE,
        switch (body) {
          case JSON -> "The request body must be JSON: send Content-Type: application/json.";
          case FORM ->
              "This endpoint takes an image upload only: send Content-Type: multipart/form-data"
                  + " with the file in the image_file field.";
          case JSON_OR_FORM ->
              "Send JSON (Content-Type: application/json) or an upload (Content-Type:"
                  + " multipart/form-data with the file in the image_file field).";
        });
  }

  /** An XML body ({@code application/xml}, {@code text/xml} or {@code +xml}), taken on v2 only. */
  static boolean isXml(@Nullable String contentType) {
    if (contentType == null) {
      return false;
    }
    String type = contentType.split(";")[0].trim().toLowerCase(Locale.ROOT);
    return type.equals("application/xml") || type.equals("text/xml") || type.endsWith("+xml");
  }

  /** A request body must be declared as JSON ({@code application/json}, any parameters). */
  static boolean isJson(@Nullable String contentType) {
    if (contentType == null) {
      return false;
    }
    String type = contentType.split(";")[0].trim().toLowerCase(Locale.ROOT);
    return type.equals("application/json")
        || (type.startsWith("application/") && type.endsWith("+json"));
  }
}
