package dev.stockroom.api;

import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import org.jspecify.annotations.Nullable;

/**
 * A strict {@code multipart/form-data} parser (RFC 7578) over a body the edge has already read
 * whole and capped. Anything malformed (no boundary, a part without a name, a field sent twice, no
 * closing delimiter) is a 400 naming the problem; it never reads past the body.
 */
public final class Multipart {
  private static final int MAX_PARTS = 32;
  private static final int MAX_HEADER_BYTES = 8 * 1024;

  /** One part: its field name, the file name a client gave (null for plain fields), its bytes. */
  public record Part(
      String name, @Nullable String filename, @Nullable String contentType, byte[] data) {
    /** A plain field's value as UTF-8 text (malformed UTF-8 is a 400). */
    public String text() {
      try {
        return StandardCharsets.UTF_8
            .newDecoder()
            .onMalformedInput(CodingErrorAction.REPORT)
            .onUnmappableCharacter(CodingErrorAction.REPORT)
            .decode(ByteBuffer.wrap(data))
            .toString();
      } catch (CharacterCodingException e) {
        throw bad("the form field " + name + " is not UTF-8 text");
      }
    }
  }

  private Multipart() {}

  /** Whether {@code contentType} declares {@code multipart/form-data} (any parameters). */
  public static boolean isFormData(@Nullable String contentType) {
    return contentType != null
        && contentType
            .split(";", 2)[0]
            .trim()
            .toLowerCase(Locale.ROOT)
            .equals("multipart/form-data");
  }

  /** The parts of {@code body} by field name, in the order they came. */
  public static Map<String, Part> parse(@Nullable String contentType, byte[] body) {
    String boundary = boundary(contentType);
    byte[] delimiter = ("--" + boundary).getBytes(StandardCharsets.US_ASCII);
    int at = first(body, delimiter);
    Map<String, Part> parts = new LinkedHashMap<>();
    while (true) {
      at += delimiter.length;
      if (startsWith(body, at, "--")) {
        return parts; // the close delimiter; an epilogue after it is ignored (RFC 2046)
      }
      at = skipPadding(body, at);
      if (!startsWith(body, at, "\r\n")) {
        throw bad("a multipart delimiter must be followed by CRLF");
      }
      at += 2;
      int headEnd = indexOf(body, "\r\n\r\n".getBytes(StandardCharsets.US_ASCII), at);
      if (headEnd < 0 || headEnd - at > MAX_HEADER_BYTES) {
        throw bad("a multipart part has no end of headers");
      }
      Map<String, String> headers =
          headers(new String(body, at, headEnd - at, StandardCharsets.ISO_8859_1));
      int start = headEnd + 4;
      byte[] next = concat("\r\n".getBytes(StandardCharsets.US_ASCII), delimiter);
      int end = indexOf(body, next, start);
      if (end < 0) {
        throw bad("the multipart body is truncated: no closing boundary");
      }
      Part part = part(headers, Arrays.copyOfRange(body, start, end));
      if (parts.put(part.name(), part) != null) {
        throw bad("the form field " + part.name() + " is sent more than once");
      }
      if (parts.size() > MAX_PARTS) {
        throw bad("a form may have at most " + MAX_PARTS + " fields");
      }
      at = end + 2;
    }
  }

  private static String boundary(@Nullable String contentType) {
    if (contentType == null || !isFormData(contentType)) {
      throw bad("the body must be multipart/form-data");
    }
    String found = null;
    for (String param : contentType.split(";")) {
      String p = param.trim();
      int eq = p.indexOf('=');
      if (eq > 0 && p.substring(0, eq).trim().equalsIgnoreCase("boundary")) {
        found = unquote(p.substring(eq + 1).trim());
      }
    }
    if (found == null
        || found.isEmpty()
        || found.length() > 70
        || !found.matches("[0-9A-Za-z'()+_,./:=? -]*[0-9A-Za-z'()+_,./:=?-]")) {
      throw bad(
          "Content-Type multipart/form-data needs a boundary parameter of 1 to 70 characters");
    }
    return found;
  }

  private static int first(byte[] body, byte[] delimiter) {
    if (startsWith(body, 0, delimiter)) {
      return 0;
    }
    int at = indexOf(body, concat("\r\n".getBytes(StandardCharsets.US_ASCII), delimiter), 0);
    if (at < 0) {
      throw bad("the multipart body does not contain its boundary");
    }
    return at + 2; // a preamble before the first delimiter is ignored (RFC 2046)
  }

  private static Map<String, String> headers(String block) {
    Map<String, String> out = new LinkedHashMap<>();
    for (String line : block.split("\r\n")) {
      int colon = line.indexOf(':');
      if (colon <= 0) {
        throw bad("a multipart part has a malformed header line");
      }
      out.put(line.substring(0, colon).trim().toLowerCase(Locale.ROOT), line.substring(colon + 1));
    }
    return out;
  }

  private static Part part(Map<String, String> headers, byte[] data) {
    String disposition = headers.get("content-disposition");
    if (disposition == null) {
      throw bad("a multipart part has no Content-Disposition header");
    }
    String[] bits = disposition.split(";");
    if (!bits[0].trim().equalsIgnoreCase("form-data")) {
      throw bad("a multipart part's Content-Disposition must be form-data");
    }
    String name = null;
    String filename = null;
    for (int i = 1; i < bits.length; i++) {
      String p = bits[i].trim();
      int eq = p.indexOf('=');
      if (eq <= 0) {
        continue;
      }
      String key = p.substring(0, eq).trim().toLowerCase(Locale.ROOT);
      String value = unquote(p.substring(eq + 1).trim());
      if (key.equals("name")) {
        name = value;
      } else if (key.equals("filename")) {
        filename = value;
      }
    }
    if (name == null || name.isEmpty()) {
      throw bad("a multipart part has no field name");
    }
    String type = headers.get("content-type");
    return new Part(name, filename, type == null ? null : type.trim(), data);
  }

  private static String unquote(String v) {
    if (v.length() >= 2 && v.startsWith("\"") && v.endsWith("\"")) {
      return v.substring(1, v.length() - 1).replace("\\\"", "\"").replace("\\\\", "\\");
    }
    return v;
  }

  private static int skipPadding(byte[] body, int at) {
    int i = at;
    while (i < body.length && (body[i] == ' ' || body[i] == '\t')) {
      i++;
    }
    return i;
  }

  private static boolean startsWith(byte[] body, int at, String ascii) {
    return startsWith(body, at, ascii.getBytes(StandardCharsets.US_ASCII));
  }

  private static boolean startsWith(byte[] body, int at, byte[] prefix) {
    return at >= 0
        && at + prefix.length <= body.length
        && Arrays.equals(body, at, at + prefix.length, prefix, 0, prefix.length);
  }

  private static int indexOf(byte[] body, byte[] needle, int from) {
    byte head = needle[0];
    for (int i = Math.max(0, from); i + needle.length <= body.length; i++) {
      if (body[i] == head && startsWith(body, i, needle)) {
        return i;
      }
    }
    return -1;
  }

  private static byte[] concat(byte[] a, byte[] b) {
    byte[] out = Arrays.copyOf(a, a.length + b.length);
    System.arraycopy(b, 0, out, a.length, b.length);
    return out;
  }

  private static ApiException.Refused bad(String problem) {
    return new ApiException.Refused(
        Status.BAD_REQUEST, "The multipart/form-data body is malformed: " + problem + ".");
  }
}
