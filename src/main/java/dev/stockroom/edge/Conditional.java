package dev.stockroom.edge;

import dev.stockroom.api.Dates;
import dev.stockroom.api.Reply;
import dev.stockroom.api.Status;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.zip.CRC32;
import java.util.zip.CRC32C;

/**
 * Conditional GETs on every store-API answer: each 200 to a GET or HEAD carries an {@code ETag} (a
 * 64-bit checksum of exactly the bytes sent, so JSON and XML differ); {@code If-None-Match} naming
 * it, or {@code If-Modified-Since} not before the answer's {@code Last-Modified} (set by the
 * resources that have a modification date), turns the answer into a 304 with no body. As HTTP asks,
 * {@code If-None-Match} wins when both are sent.
 */
final class Conditional {
  private Conditional() {}

  static Reply apply(Map<String, String> requestHeaders, Reply reply) {
    String etag = reply.headers().get("ETag");
    if (etag == null) {
      etag = etagOf(reply.body());
      reply.header("ETag", etag);
    }
    String ifNoneMatch = requestHeaders.get("if-none-match");
    if (ifNoneMatch != null && !ifNoneMatch.isBlank()) {
      return matches(ifNoneMatch, etag) ? notModified(reply) : reply;
    }
    String ifModifiedSince = requestHeaders.get("if-modified-since");
    String lastModified = reply.headers().get("Last-Modified");
    if (ifModifiedSince != null && lastModified != null) {
      try {
        long since = Dates.parse(ifModifiedSince) / 1000;
        long modified = Dates.parse(lastModified) / 1000;
        if (modified <= since) {
          return notModified(reply);
        }
      } catch (IllegalArgumentException e) {
        return reply; // an unreadable date is ignored, as HTTP asks
      }
    }
    return reply;
  }

  /** A strong validator: CRC-32C and CRC-32 of the body (both hardware-assisted). */
  static String etagOf(byte[] body) {
    CRC32C a = new CRC32C();
    a.update(body);
    CRC32 b = new CRC32();
    b.update(body);
    long both = (a.getValue() << 32) | b.getValue();
    char[] out = new char[18];
    out[0] = '"';
    out[17] = '"';
    for (int i = 16; i >= 1; i--) {
      out[i] = Character.forDigit((int) (both & 0xf), 16);
      both >>>= 4;
    }
    return new String(out);
  }

  /** {@code *}, or a comma-separated list of tags compared weakly (a {@code W/} prefix ignored). */
  static boolean matches(String ifNoneMatch, String etag) {
    String want = strip(etag);
    for (String t : ifNoneMatch.split(",")) {
      String tag = t.trim();
      if (tag.equals("*") || strip(tag).equals(want)) {
        return true;
      }
    }
    return false;
  }

  private static String strip(String tag) {
    return tag.startsWith("W/") ? tag.substring(2) : tag;
  }

  private static Reply notModified(Reply reply) {
    Map<String, String> headers = new LinkedHashMap<>(reply.headers());
    headers.remove("Content-Type");
    return new Reply(Status.NOT_MODIFIED.code(), headers, new byte[0]);
  }
}
