package dev.stockroom.catalog.products;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.jdbi.v3.core.Handle;

/**
 * One value of {@code include=} on products: fetches a sub-resource for a page of products in one
 * query and is spliced into each product document as bytes ({@code "variants":[…]}).
 *
 * @param name the include value and the field it fills
 * @param empty the JSON for a product that has none ({@code []}, or {@code null} for one object)
 */
public record Include(String name, String empty, Fetch fetch) {
  /** The JSON value of the field for each product that has one. */
  @FunctionalInterface
  public interface Fetch {
    Map<Long, byte[]> fetch(Handle h, long storeId, List<Long> productIds);
  }

  /** A list of documents per product. */
  @FunctionalInterface
  public interface ListFetch {
    Map<Long, List<byte[]>> fetch(Handle h, long storeId, List<Long> productIds);
  }

  /** A single document per product. */
  @FunctionalInterface
  public interface OneFetch {
    Map<Long, byte[]> fetch(Handle h, long storeId, List<Long> productIds);
  }

  public static Include list(String name, ListFetch f) {
    return new Include(
        name,
        "[]",
        (h, store, ids) -> {
          Map<Long, byte[]> out = new HashMap<>();
          f.fetch(h, store, ids).forEach((id, docs) -> out.put(id, array(docs)));
          return out;
        });
  }

  public static Include one(String name, OneFetch f) {
    return new Include(name, "null", f::fetch);
  }

  private static byte[] array(List<byte[]> docs) {
    ByteArrayOutputStream b = new ByteArrayOutputStream();
    b.write('[');
    for (int i = 0; i < docs.size(); i++) {
      if (i > 0) {
        b.write(',');
      }
      b.writeBytes(docs.get(i));
    }
    b.write(']');
    return b.toByteArray();
  }

  /** {@code doc} with {@code ,"name":value} added before its closing brace. */
  static byte[] splice(byte[] doc, String name, byte[] value) {
    byte[] key = (",\"" + name + "\":").getBytes(StandardCharsets.UTF_8);
    int end = doc.length - 1;
    while (end > 0 && doc[end] != '}') {
      end--;
    }
    byte[] out = new byte[end + key.length + value.length + 1];
    System.arraycopy(doc, 0, out, 0, end);
    System.arraycopy(key, 0, out, end, key.length);
    System.arraycopy(value, 0, out, end + key.length, value.length);
    out[out.length - 1] = '}';
    return out;
  }
}
