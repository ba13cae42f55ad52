package dev.stockroom.catalog.products;

import java.nio.charset.StandardCharsets;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.jdbi.v3.core.Handle;

/**
 * One value of {@code include=} on products: fetches a sub-resource for a page of products in one
 * query; {@link #expand} adds every include to each product document as bytes ({@code
 * "variants":[…]}), in one copy per document.
 *
 * @param name the include value and the field it fills
 * @param single true when the field is one document ({@code primary_image}, null when none), false
 *     for a list ({@code []} when none)
 */
public record Include(String name, boolean single, ListFetch fetch) {
  /** The documents of each product that has some. */
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
    return new Include(name, false, f);
  }

  public static Include one(String name, OneFetch f) {
    return new Include(
        name,
        true,
        (h, store, ids) -> {
          Map<Long, List<byte[]>> out = new HashMap<>();
          f.fetch(h, store, ids).forEach((id, doc) -> out.put(id, List.of(doc)));
          return out;
        });
  }

  /** The {@code ,"name":} bytes of each include, computed once per page. */
  static byte[][] keys(List<Include> includes) {
    byte[][] keys = new byte[includes.size()][];
    for (int i = 0; i < includes.size(); i++) {
      keys[i] = (",\"" + includes.get(i).name() + "\":").getBytes(StandardCharsets.UTF_8);
    }
    return keys;
  }

  private static final byte[] NULL = "null".getBytes(StandardCharsets.UTF_8);

  /**
   * {@code doc} with {@code ,"name":value} added before its closing brace for each include, where
   * {@code found.get(i)} holds include {@code i}'s documents for this product (null: none).
   */
  static byte[] expand(
      byte[] doc, List<Include> includes, byte[][] keys, List<List<byte[]>> found) {
    int end = doc.length - 1;
    while (end > 0 && doc[end] != '}') {
      end--;
    }
    int size = end + 1;
    for (int i = 0; i < includes.size(); i++) {
      size += keys[i].length;
      List<byte[]> docs = found.get(i);
      if (includes.get(i).single()) {
        size += docs == null || docs.isEmpty() ? NULL.length : docs.get(0).length;
      } else {
        size += 2 + (docs == null ? 0 : Math.max(0, docs.size() - 1));
        if (docs != null) {
          for (byte[] d : docs) {
            size += d.length;
          }
        }
      }
    }
    byte[] out = new byte[size];
    System.arraycopy(doc, 0, out, 0, end);
    int at = end;
    for (int i = 0; i < includes.size(); i++) {
      System.arraycopy(keys[i], 0, out, at, keys[i].length);
      at += keys[i].length;
      List<byte[]> docs = found.get(i);
      if (includes.get(i).single()) {
        byte[] v = docs == null || docs.isEmpty() ? NULL : docs.get(0);
        System.arraycopy(v, 0, out, at, v.length);
        at += v.length;
      } else {
        out[at++] = '[';
        if (docs != null) {
          for (int j = 0; j < docs.size(); j++) {
            if (j > 0) {
              out[at++] = ',';
            }
            System.arraycopy(docs.get(j), 0, out, at, docs.get(j).length);
            at += docs.get(j).length;
          }
        }
        out[at++] = ']';
      }
    }
    out[at] = '}';
    return out;
  }
}
