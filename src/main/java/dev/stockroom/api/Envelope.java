package dev.stockroom.api;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;

/** v3 envelopes: {data, meta:{}} for one object, {data, meta:{pagination}} for a page. */
public final class Envelope {
  private Envelope() {}

  public static ObjectNode single(JsonNode data) {
    ObjectNode node = Json.MAPPER.createObjectNode();
    node.set("data", data);
    node.putObject("meta");
    return node;
  }

  public static ObjectNode page(
      List<? extends JsonNode> items, long total, Paging paging, Query q) {
    ObjectNode node = Json.MAPPER.createObjectNode();
    ArrayNode data = node.putArray("data");
    items.forEach(data::add);
    node.set("meta", pagination(items.size(), total, paging, q));
    return node;
  }

  /** The collection envelope of batch writes: every item on one page. */
  public static ObjectNode batch(List<? extends JsonNode> items) {
    return page(items, items.size(), new Paging(1, Math.max(1, items.size())), Query.parse(""));
  }

  public static ObjectNode pagination(int count, long total, Paging paging, Query q) {
    ObjectNode meta = Json.MAPPER.createObjectNode();
    ObjectNode p = meta.putObject("pagination");
    int totalPages = paging.totalPages(total);
    p.put("total", total);
    p.put("count", count);
    p.put("per_page", paging.limit());
    p.put("current_page", paging.page());
    p.put("total_pages", totalPages);
    ObjectNode links = p.putObject("links");
    if (paging.page() > 1) {
      links.put(
          "previous",
          link(q, paging.limit(), Math.min(paging.page() - 1, Math.max(totalPages, 1))));
    }
    links.put("current", link(q, paging.limit(), paging.page()));
    if (paging.page() < totalPages) {
      links.put("next", link(q, paging.limit(), paging.page() + 1));
    }
    return meta;
  }

  /** Links are relative query strings that keep the client's other parameters. */
  static String link(Query q, int limit, int page) {
    StringBuilder sb = new StringBuilder("?");
    for (Map.Entry<String, List<String>> e : q.all().entrySet()) {
      if (e.getKey().equals("page") || e.getKey().equals("limit")) {
        continue;
      }
      for (String v : e.getValue()) {
        sb.append(enc(e.getKey())).append('=').append(enc(v)).append('&');
      }
    }
    return sb.append("page=").append(page).append("&limit=").append(limit).toString();
  }

  private static String enc(String s) {
    return URLEncoder.encode(s, StandardCharsets.UTF_8).replace("%3A", ":").replace("%2C", ",");
  }

  private static final byte[] DATA = "{\"data\":".getBytes(java.nio.charset.StandardCharsets.UTF_8);
  private static final byte[] EMPTY_META =
      ",\"meta\":{}}".getBytes(java.nio.charset.StandardCharsets.UTF_8);
  private static final byte[] DATA_LIST =
      "{\"data\":[".getBytes(java.nio.charset.StandardCharsets.UTF_8);
  private static final byte[] META =
      "],\"meta\":".getBytes(java.nio.charset.StandardCharsets.UTF_8);

  /** {data: doc, meta: {}} around a stored JSON document, copied as bytes without re-parsing. */
  public static byte[] rawSingle(byte[] doc) {
    byte[] out = new byte[DATA.length + doc.length + EMPTY_META.length];
    System.arraycopy(DATA, 0, out, 0, DATA.length);
    System.arraycopy(doc, 0, out, DATA.length, doc.length);
    System.arraycopy(EMPTY_META, 0, out, DATA.length + doc.length, EMPTY_META.length);
    return out;
  }

  /** A page envelope around stored JSON documents, copied as bytes without re-parsing. */
  public static byte[] rawPage(List<byte[]> docs, long total, Paging paging, Query q) {
    byte[] meta = Json.write(pagination(docs.size(), total, paging, q));
    int size = DATA_LIST.length + META.length + meta.length + 1 + Math.max(0, docs.size() - 1);
    for (byte[] d : docs) {
      size += d.length;
    }
    java.nio.ByteBuffer out = java.nio.ByteBuffer.allocate(size);
    out.put(DATA_LIST);
    for (int i = 0; i < docs.size(); i++) {
      if (i > 0) {
        out.put((byte) ',');
      }
      out.put(docs.get(i));
    }
    out.put(META).put(meta).put((byte) '}');
    return out.array(); // sized exactly above: no copy
  }

  /** One stored document as {data, meta}, narrowed by include_fields/exclude_fields. */
  public static byte[] doc(byte[] doc, Fields fields) {
    if (fields.isAll()) {
      return rawSingle(doc);
    }
    return Json.write(single(fields.apply(Json.tree(doc))));
  }

  /** A page of stored documents, narrowed by include_fields/exclude_fields. */
  public static byte[] docs(List<byte[]> docs, long total, Paging paging, Query q, Fields fields) {
    if (fields.isAll()) {
      return rawPage(docs, total, paging, q);
    }
    List<JsonNode> items = new java.util.ArrayList<>(docs.size());
    for (byte[] d : docs) {
      items.add(fields.apply(Json.tree(d)));
    }
    return Json.write(page(items, total, paging, q));
  }
}
