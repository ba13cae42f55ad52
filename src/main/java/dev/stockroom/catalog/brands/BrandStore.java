package dev.stockroom.catalog.brands;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.stockroom.api.ApiException;
import dev.stockroom.api.Filters;
import dev.stockroom.api.Json;
import dev.stockroom.api.Paging;
import dev.stockroom.api.Schema;
import dev.stockroom.db.Database;
import dev.stockroom.db.Docs;
import dev.stockroom.tenancy.Tenant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.jdbi.v3.core.Handle;

/** SQL for brands. */
public final class BrandStore {
  static final String TABLE = "brands";

  private final Database db;
  private DeleteHook onDelete = (h, storeId, ids) -> {};

  /** Runs inside the transaction that deletes brands. */
  public interface DeleteHook {
    void deleted(Handle h, long storeId, List<Long> ids);
  }

  public BrandStore(Database db) {
    this.db = db;
  }

  /** Runs in the deleting transaction (products drop their brand_id). */
  public void onDelete(DeleteHook hook) {
    this.onDelete = hook;
  }

  /** Whether brand {@code id} exists (products check their brand_id). */
  public static boolean exists(Handle h, long storeId, long id) {
    return Docs.doc(h, TABLE, storeId, id).isPresent();
  }

  /** Sub-resources of a missing brand answer 404 naming the brand. */
  public static void require(Handle h, long storeId, long id) {
    if (!exists(h, storeId, id)) {
      throw new ApiException.NotFound("Brand " + id + " not found.");
    }
  }

  /** The id of the brand named {@code name} (case-insensitive), creating it when there is none. */
  public static long idForName(Handle h, long storeId, String name) {
    Optional<Long> found =
        h.createQuery(
                "SELECT id FROM brands WHERE store_id = ? AND LOWER(name) = LOWER(?) ORDER BY id LIMIT 1")
            .bind(0, storeId)
            .bind(1, name.trim())
            .mapTo(Long.class)
            .findOne();
    if (found.isPresent()) {
      return found.get();
    }
    ObjectNode input = Json.MAPPER.createObjectNode().put("name", name.trim());
    return insert(h, storeId, input).get("id").asLong();
  }

  /**
   * Sets the brand's {@code image_url} ("" clears it) and returns the previous one (image uploads
   * replace it; the caller removes the file it no longer needs).
   */
  public static String replaceImageUrl(Handle h, long storeId, long id, String url) {
    return Docs.setText(h, TABLE, storeId, id, "image_url", url)
        .orElseThrow(() -> new ApiException.NotFound("Brand " + id + " not found."));
  }

  Docs.Page page(Tenant t, Filters.Where where, Paging paging) {
    return db.read(h -> Docs.page(h, TABLE, t.id(), where, "id", paging));
  }

  byte[] get(Tenant t, long id) {
    return db.read(h -> Docs.doc(h, TABLE, t.id(), id))
        .orElseThrow(() -> new ApiException.NotFound("Brand " + id + " not found."));
  }

  ObjectNode create(Tenant t, ObjectNode input) {
    return db.write(h -> insert(h, t.id(), input));
  }

  private static ObjectNode insert(Handle h, long storeId, ObjectNode input) {
    checkNameFree(h, storeId, input.path("name").asText(), 0);
    long id = Database.nextId(h, storeId, TABLE);
    ObjectNode doc = Brand.create(id, input);
    h.createUpdate(
            "INSERT INTO brands (store_id, id, name, page_title, doc) VALUES (?, ?, ?, ?, ?)")
        .bind(0, storeId)
        .bind(1, id)
        .bind(2, doc.get("name").asText())
        .bind(3, doc.get("page_title").asText())
        .bind(4, Json.text(doc))
        .execute();
    Database.count(h, storeId, TABLE, 1);
    return doc;
  }

  ObjectNode update(Tenant t, long id, ObjectNode input) {
    return db.write(
        h -> {
          ObjectNode doc =
              (ObjectNode)
                  Json.tree(
                      Docs.doc(h, TABLE, t.id(), id)
                          .orElseThrow(
                              () -> new ApiException.NotFound("Brand " + id + " not found.")));
          if (input.has("name")) {
            checkNameFree(h, t.id(), input.get("name").asText(), id);
          }
          Schema.merge(doc, input);
          h.createUpdate(
                  "UPDATE brands SET name = ?, page_title = ?, doc = ? WHERE store_id = ? AND id = ?")
              .bind(0, doc.get("name").asText())
              .bind(1, doc.get("page_title").asText())
              .bind(2, Json.text(doc))
              .bind(3, t.id())
              .bind(4, id)
              .execute();
          return doc;
        });
  }

  private static void checkNameFree(Handle h, long storeId, String name, long self) {
    boolean taken =
        h.createQuery("SELECT COUNT(*) FROM brands WHERE store_id = ? AND name = ? AND id <> ?")
                .bind(0, storeId)
                .bind(1, name)
                .bind(2, self)
                .mapTo(Integer.class)
                .one()
            > 0;
    if (taken) {
      throw new ApiException.Conflict(
          "Brand name '" + name + "' is already in use; brand names must be unique.",
          Map.of("name", "A brand named '" + name + "' already exists."));
    }
  }

  int delete(Tenant t, Filters.Where where) {
    return db.write(
        h -> {
          List<Long> ids = Docs.ids(h, TABLE, t.id(), where);
          Database.lock(h, TABLE, t.id(), ids, false); // products linking them wait, then see 409
          onDelete.deleted(h, t.id(), ids);
          return Docs.delete(h, TABLE, t.id(), ids);
        });
  }

  void deleteOne(Tenant t, long id) {
    db.write(
        h -> {
          Database.lock(h, TABLE, t.id(), List.of(id), false);
          if (Docs.doc(h, TABLE, t.id(), id).isEmpty()) {
            throw new ApiException.NotFound("Brand " + id + " not found.");
          }
          onDelete.deleted(h, t.id(), List.of(id));
          return Docs.delete(h, TABLE, t.id(), List.of(id));
        });
  }
}
