package dev.stockroom.catalog.children;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.stockroom.api.ApiException;
import dev.stockroom.api.Dates;
import dev.stockroom.api.Filters;
import dev.stockroom.api.Json;
import dev.stockroom.api.Paging;
import dev.stockroom.api.Schema;
import dev.stockroom.db.Database;
import dev.stockroom.db.Docs;
import dev.stockroom.db.SortOrders;
import dev.stockroom.tenancy.Tenant;
import java.time.Clock;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.jdbi.v3.core.Handle;
import org.jdbi.v3.core.statement.SqlStatement;

/**
 * SQL for every kind of child, in the one table {@code catalog_children}. Writes of a kind are
 * serialised per store on the kind's id-sequence row (PostgreSQL holds its lock until commit), so
 * that limits, overlaps and duplicates are checked against what concurrent writes committed.
 */
public final class ChildStore {
  private static final String OWNED = "store_id = ? AND kind = ? AND owner_id = ?";
  private static final int CHUNK = 500;

  private final Database db;
  private final Clock clock;

  public ChildStore(Database db, Clock clock) {
    this.db = db;
    this.clock = clock;
  }

  /** A stored child: its document and the client id of the API account that created it. */
  private record Row(byte[] doc, String creator) {}

  Docs.Page page(
      Tenant t, String client, Child c, long[] path, Filters.Where where, Paging paging) {
    return db.read(
        h -> {
          Owner o = c.parent.lookup().require(h, t.id(), path);
          String cond = OWNED + VISIBLE + (where.isEmpty() ? "" : " AND " + where.sql());
          List<Object> binds = new ArrayList<>(List.of(t.id(), c.kind, o.id(), client));
          binds.addAll(where.binds());
          long total =
              bind(h.createQuery("SELECT COUNT(*) FROM catalog_children WHERE " + cond), 0, binds)
                  .mapTo(Long.class)
                  .one();
          if (paging.offset() >= total) {
            return new Docs.Page(List.of(), total);
          }
          String sql =
              "SELECT doc FROM catalog_children WHERE "
                  + cond
                  + " ORDER BY sort_order, id LIMIT "
                  + paging.limit()
                  + " OFFSET "
                  + paging.offset();
          return new Docs.Page(
              bind(h.createQuery(sql), 0, binds).map((rs, ctx) -> rs.getBytes(1)).list(), total);
        });
  }

  byte[] get(Tenant t, String client, Child c, long[] path, long id) {
    return db.read(
        h -> {
          Owner o = c.parent.lookup().require(h, t.id(), path);
          return row(h, t.id(), client, c, o, id).doc();
        });
  }

  ObjectNode create(Tenant t, String client, Child c, long[] path, ObjectNode input) {
    String now = Dates.v3(clock.millis());
    return db.write(h -> createIn(h, t, client, c, path, input, now));
  }

  /**
   * Creates a child in the caller's transaction (a product POST makes its custom fields, bulk
   * pricing rules and videos with it). {@code input} is checked ({@link Child#collect}).
   */
  public static ObjectNode createIn(
      Handle h, Tenant t, String client, Child c, long[] path, ObjectNode input, String now) {
    Owner o = c.parent.lookup().require(h, t.id(), path);
    long id = Database.nextId(h, t.id(), c.sequence); // and the kind's lock (class doc)
    String limit = c.limit;
    if (limit != null) {
      t.limits().check(limit, count(h, t.id(), c.kind, o.id()) + 1, c.counted + " on " + o);
    }
    ObjectNode doc = c.defaults.create(id, o, input, now);
    c.hook.apply(h, new Child.Change(t.id(), o, client, client, null, input, doc));
    h.createUpdate(
            """
            INSERT INTO catalog_children (store_id, kind, id, owner_id, product_id, sort_order,
              client_id, namespace, field_key, doc, app_only) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)""")
        .bind(0, t.id())
        .bind(1, c.kind)
        .bind(2, id)
        .bind(3, o.id())
        .bind(4, o.productId())
        .bind(5, doc.path("sort_order").asLong(0))
        .bind(6, client)
        .bind(7, doc.path("namespace").asText(""))
        .bind(8, doc.path("key").asText(""))
        .bind(9, Json.text(doc))
        .bind(10, appOnly(doc))
        .execute();
    return doc;
  }

  ObjectNode update(Tenant t, String client, Child c, long[] path, long id, ObjectNode input) {
    String now = Dates.v3(clock.millis());
    return db.write(
        h -> {
          Owner o = c.parent.lookup().require(h, t.id(), path);
          lock(h, t.id(), c.sequence);
          Row row = row(h, t.id(), client, c, o, id);
          ObjectNode before = (ObjectNode) Json.tree(row.doc());
          ObjectNode after = before.deepCopy();
          Schema.merge(after, input);
          if (after.has("date_modified")) {
            after.put("date_modified", now);
          }
          c.hook.apply(h, new Child.Change(t.id(), o, client, row.creator(), before, input, after));
          long sortOrder = after.path("sort_order").asLong(0);
          if (c.makesRoom && sortOrder != before.path("sort_order").asLong(0)) {
            SortOrders.makeRoom(
                h, "catalog_children", OWNED, List.of(t.id(), c.kind, o.id()), id, sortOrder, now);
          }
          h.createUpdate(
                  """
                  UPDATE catalog_children SET sort_order = ?, namespace = ?, field_key = ?, doc = ?,
                    app_only = ? WHERE store_id = ? AND kind = ? AND id = ?""")
              .bind(0, after.path("sort_order").asLong(0))
              .bind(1, after.path("namespace").asText(""))
              .bind(2, after.path("key").asText(""))
              .bind(3, Json.text(after))
              .bind(4, appOnly(after))
              .bind(5, t.id())
              .bind(6, c.kind)
              .bind(7, id)
              .execute();
          return after;
        });
  }

  void delete(Tenant t, String client, Child c, long[] path, long id) {
    db.write(
        h -> {
          Owner o = c.parent.lookup().require(h, t.id(), path);
          lock(h, t.id(), c.sequence);
          Row row = row(h, t.id(), client, c, o, id);
          ObjectNode before = (ObjectNode) Json.tree(row.doc());
          c.hook.apply(h, new Child.Change(t.id(), o, client, row.creator(), before, null, null));
          return h.createUpdate(
                  "DELETE FROM catalog_children WHERE store_id = ? AND kind = ? AND id = ?")
              .bind(0, t.id())
              .bind(1, c.kind)
              .bind(2, id)
              .execute();
        });
  }

  /**
   * contract: catalog.v3 — an {@code app_only} metafield is "completely private to the app that
   * owns the field": other clients neither list nor reach it (404).
   */
  private static final String VISIBLE = " AND (app_only = 0 OR client_id = ?)";

  private static int appOnly(ObjectNode doc) {
    return doc.path("permission_set").asText().equals("app_only") ? 1 : 0;
  }

  private static Row row(Handle h, long storeId, String client, Child c, Owner o, long id) {
    return h.createQuery(
            "SELECT doc, client_id FROM catalog_children WHERE " + OWNED + VISIBLE + " AND id = ?")
        .bind(0, storeId)
        .bind(1, c.kind)
        .bind(2, o.id())
        .bind(3, client)
        .bind(4, id)
        .map((rs, ctx) -> new Row(rs.getBytes(1), rs.getString(2)))
        .findOne()
        .orElseThrow(
            () -> new ApiException.NotFound(c.label + " " + id + " not found on " + o + "."));
  }

  /** Takes the kind's lock (see the class doc) for writes that draw no new id. */
  private static void lock(Handle h, long storeId, String sequence) {
    h.createUpdate("UPDATE id_sequences SET last_id = last_id WHERE store_id = ? AND entity = ?")
        .bind(0, storeId)
        .bind(1, sequence)
        .execute();
  }

  private static long count(Handle h, long storeId, String kind, long ownerId) {
    return h.createQuery("SELECT COUNT(*) FROM catalog_children WHERE " + OWNED)
        .bind(0, storeId)
        .bind(1, kind)
        .bind(2, ownerId)
        .mapTo(Long.class)
        .one();
  }

  /** The documents of an owner's children of {@code kind}, in list order (rules over siblings). */
  public static List<ObjectNode> siblings(Handle h, long storeId, String kind, long ownerId) {
    return h.createQuery(
            "SELECT doc FROM catalog_children WHERE " + OWNED + " ORDER BY sort_order, id")
        .bind(0, storeId)
        .bind(1, kind)
        .bind(2, ownerId)
        .map((rs, ctx) -> (ObjectNode) Json.tree(rs.getString(1)))
        .list();
  }

  /**
   * The id of another child of the owner with the same creator, namespace and key (metafields'
   * unique key), if there is one.
   */
  public static Optional<Long> sameKey(
      Handle h, long storeId, String kind, long ownerId, ObjectNode doc, String creator) {
    return h.createQuery(
            "SELECT id FROM catalog_children WHERE "
                + OWNED
                + " AND client_id = ? AND namespace = ? AND field_key = ? AND id <> ?")
        .bind(0, storeId)
        .bind(1, kind)
        .bind(2, ownerId)
        .bind(3, creator)
        .bind(4, doc.path("namespace").asText(""))
        .bind(5, doc.path("key").asText(""))
        .bind(6, doc.path("id").asLong())
        .mapTo(Long.class)
        .findFirst();
  }

  /**
   * Each owner's children of {@code kind} (UTF-8 JSON documents, in list order), with an empty list
   * for owners without any: one query for every 500 owners.
   */
  public static Map<Long, List<byte[]>> forOwners(
      Handle h, long storeId, String kind, List<Long> ownerIds) {
    Map<Long, List<byte[]>> out = new LinkedHashMap<>();
    ownerIds.forEach(id -> out.put(id, new ArrayList<>()));
    for (List<Long> chunk : chunks(ownerIds)) {
      var q =
          h.createQuery(
              "SELECT owner_id, doc FROM catalog_children WHERE store_id = ? AND kind = ?"
                  + " AND owner_id IN ("
                  + Filters.marks(chunk.size())
                  + ") ORDER BY owner_id, sort_order, id");
      bind(q, 0, List.of(storeId, kind));
      bind(q, 2, chunk)
          .map((rs, ctx) -> Map.entry(rs.getLong(1), rs.getBytes(2)))
          .forEach(e -> out.computeIfAbsent(e.getKey(), k -> new ArrayList<>()).add(e.getValue()));
    }
    return out;
  }

  /** Deletes every child of the given products (their own and their variants' metafields). */
  public static void deleteForProducts(Handle h, long storeId, List<Long> productIds) {
    deleteIn(h, "store_id = ? AND product_id", List.of(storeId), productIds);
  }

  /** Deletes the children of {@code kind} of the given owners (deleted categories, brands …). */
  public static void deleteForOwners(Handle h, long storeId, String kind, List<Long> ownerIds) {
    deleteIn(h, "store_id = ? AND kind = ? AND owner_id", List.of(storeId, kind), ownerIds);
  }

  /** {@code DELETE … WHERE <column> IN (ids)}, in chunks (bind-parameter limits). */
  private static void deleteIn(Handle h, String column, List<?> binds, List<Long> ids) {
    for (List<Long> chunk : chunks(ids)) {
      var u =
          h.createUpdate(
              "DELETE FROM catalog_children WHERE "
                  + column
                  + " IN ("
                  + Filters.marks(chunk.size())
                  + ")");
      bind(u, 0, binds);
      bind(u, binds.size(), chunk).execute();
    }
  }

  private static List<List<Long>> chunks(List<Long> ids) {
    List<List<Long>> out = new ArrayList<>();
    for (int from = 0; from < ids.size(); from += CHUNK) {
      out.add(ids.subList(from, Math.min(ids.size(), from + CHUNK)));
    }
    return out;
  }

  private static <S extends SqlStatement<S>> S bind(S st, int at, List<?> values) {
    for (int i = 0; i < values.size(); i++) {
      st.bind(at + i, values.get(i));
    }
    return st;
  }
}
