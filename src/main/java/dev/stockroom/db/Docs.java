package dev.stockroom.db;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.stockroom.api.Filters;
import dev.stockroom.api.Json;
import dev.stockroom.api.Paging;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.jdbi.v3.core.Handle;
import org.jdbi.v3.core.statement.Query;

/**
 * Reads of resources stored as a JSON document plus filter columns ({@code store_id, id, …, doc}).
 * Deep pages walk the narrow (store_id, sort key, id) index for the ids first and fetch the wide
 * rows only for those; unfiltered pages in id order start from the nearest rung of an {@link
 * IdLadders} ladder instead of walking from the first entry. Unfiltered totals come from the
 * per-store count.
 */
public final class Docs {
  /** Above this offset, ids are paged first and rows fetched after (deep OFFSET over wide rows). */
  private static final long DEEP_OFFSET = 200;

  /** A page of stored documents (UTF-8 JSON bytes, served without decoding) and the total. */
  public record Page(List<byte[]> docs, long total, List<Long> ids) {
    public Page(List<byte[]> docs, long total) {
      this(docs, total, List.of());
    }
  }

  private Docs() {}

  /** A stored document as its UTF-8 JSON bytes. */
  public static Optional<byte[]> doc(Handle h, String table, long storeId, long id) {
    return dated(h, table, storeId, id, false).map(Dated::doc);
  }

  /** A stored document with its {@code date_modified} (epoch ms), for {@code Last-Modified}. */
  public record Dated(byte[] doc, long modified) {}

  /** The document and its {@code date_modified} column; the table must have one. */
  public static Optional<Dated> datedDoc(Handle h, String table, long storeId, long id) {
    return dated(h, table, storeId, id, true);
  }

  private static Optional<Dated> dated(
      Handle h, String table, long storeId, long id, boolean withDate) {
    // The hottest read of the API: plain JDBC on the handle's connection (JDBI's per-statement
    // set-up cost more than the SQLite lookup itself), with the cached statement where there is
    // one.
    String sql =
        "SELECT doc"
            + (withDate ? ", date_modified" : "")
            + " FROM "
            + table
            + " WHERE store_id = ? AND id = ?";
    CachedStatements cache = h.getStatementBuilder() instanceof CachedStatements c ? c : null;
    try {
      PreparedStatement ps =
          cache != null
              ? cache.prepare(h.getConnection(), sql)
              : h.getConnection().prepareStatement(sql);
      try {
        ps.setLong(1, storeId);
        ps.setLong(2, id);
        try (ResultSet rs = ps.executeQuery()) {
          return rs.next()
              ? Optional.of(new Dated(rs.getBytes(1), withDate ? rs.getLong(2) : 0))
              : Optional.empty();
        }
      } finally {
        if (cache == null) {
          ps.close();
        }
      }
    } catch (SQLException e) {
      throw new IllegalStateException("reading " + table + " " + id + " failed", e);
    }
  }

  /**
   * Sets one text field of a stored document and returns its previous value ("" when it had none);
   * empty when there is no such row.
   */
  public static Optional<String> setText(
      Handle h, String table, long storeId, long id, String field, String value) {
    Optional<byte[]> stored = doc(h, table, storeId, id);
    if (stored.isEmpty()) {
      return Optional.empty();
    }
    ObjectNode d = (ObjectNode) Json.tree(stored.get());
    String previous = d.path(field).asText("");
    d.put(field, value);
    h.createUpdate("UPDATE " + table + " SET doc = ? WHERE store_id = ? AND id = ?")
        .bind(0, Json.text(d))
        .bind(1, storeId)
        .bind(2, id)
        .execute();
    return Optional.of(previous);
  }

  public static Page page(
      Handle h, String table, long storeId, Filters.Where where, String orderBy, Paging paging) {
    String cond = "store_id = ?" + (where.isEmpty() ? "" : " AND " + where.sql());
    long total =
        where.isEmpty()
            ? Database.countOf(h, storeId, table)
            : bindAll(
                    h.createQuery("SELECT COUNT(*) FROM " + table + " WHERE " + cond),
                    storeId,
                    where.binds())
                .mapTo(Long.class)
                .one();
    if (paging.offset() >= total) {
      return new Page(List.of(), total);
    }
    String limit =
        " ORDER BY " + orderBy + " LIMIT " + paging.limit() + " OFFSET " + paging.offset();
    if (paging.offset() < DEEP_OFFSET) {
      List<Long> ids = new ArrayList<>();
      List<byte[]> docs =
          bindAll(
                  h.createQuery("SELECT id, doc FROM " + table + " WHERE " + cond + limit),
                  storeId,
                  where.binds())
              .map(
                  (rs, ctx) -> {
                    ids.add(rs.getLong(1));
                    return rs.getBytes(2);
                  })
              .list();
      return new Page(docs, total, ids);
    }
    List<Long> ids =
        where.isEmpty()
            ? IdLadders.pageIds(h, table, storeId, total, orderBy, paging.offset(), paging.limit())
            : null;
    if (ids == null) {
      ids =
          bindAll(
                  h.createQuery("SELECT id FROM " + table + " WHERE " + cond + limit),
                  storeId,
                  where.binds())
              .mapTo(Long.class)
              .list();
    }
    return new Page(byIds(h, table, storeId, ids), total, ids);
  }

  /** The docs of {@code ids}, in the order of {@code ids}. */
  public static List<byte[]> byIds(Handle h, String table, long storeId, List<Long> ids) {
    if (ids.isEmpty()) {
      return List.of();
    }
    Map<Long, byte[]> found = new HashMap<>();
    Sql.eachKeyed(h, "SELECT id, doc FROM " + table, "id", "", storeId, ids, found::put);
    List<byte[]> out = new ArrayList<>(ids.size());
    for (Long id : ids) {
      byte[] d = found.get(id);
      if (d != null) {
        out.add(d);
      }
    }
    return out;
  }

  /** The ids matching {@code where} (for collection deletes). */
  public static List<Long> ids(Handle h, String table, long storeId, Filters.Where where) {
    String cond = "store_id = ?" + (where.isEmpty() ? "" : " AND " + where.sql());
    return bindAll(
            h.createQuery("SELECT id FROM " + table + " WHERE " + cond + " ORDER BY id"),
            storeId,
            where.binds())
        .mapTo(Long.class)
        .list();
  }

  /** Deletes rows by id and keeps the per-store count in step. */
  public static int delete(Handle h, String table, long storeId, List<Long> ids) {
    return deleteBy(h, table, storeId, "id", ids);
  }

  /**
   * Deletes the rows whose {@code column} is one of {@code values} (in chunks of 500), keeping the
   * per-store count in step.
   */
  public static int deleteBy(
      Handle h, String table, long storeId, String column, List<Long> values) {
    int n = 0;
    for (int from = 0; from < values.size(); from += 500) {
      List<Long> chunk = values.subList(from, Math.min(values.size(), from + 500));
      var u =
          h.createUpdate(
              "DELETE FROM "
                  + table
                  + " WHERE store_id = ? AND "
                  + column
                  + " IN ("
                  + Filters.marks(chunk.size())
                  + ")");
      u.bind(0, storeId);
      for (int i = 0; i < chunk.size(); i++) {
        u.bind(i + 1, chunk.get(i));
      }
      n += u.execute();
    }
    if (n > 0) {
      Database.count(h, storeId, table, -n);
    }
    return n;
  }

  private static Query bindAll(Query q, long storeId, List<Object> binds) {
    q.bind(0, storeId);
    for (int i = 0; i < binds.size(); i++) {
      q.bind(i + 1, binds.get(i));
    }
    return q;
  }
}
