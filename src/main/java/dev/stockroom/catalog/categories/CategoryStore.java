package dev.stockroom.catalog.categories;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.stockroom.api.ApiException;
import dev.stockroom.api.Filters;
import dev.stockroom.api.Json;
import dev.stockroom.api.Paging;
import dev.stockroom.api.Schema;
import dev.stockroom.db.Database;
import dev.stockroom.db.Docs;
import dev.stockroom.db.Events;
import dev.stockroom.tenancy.Tenant;
import java.time.Clock;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.jdbi.v3.core.Handle;
import org.jspecify.annotations.Nullable;

/** SQL for categories. */
public final class CategoryStore {
  static final String TABLE = "categories";

  /** Counts the products assigned to any of the given categories (set by the wiring). */
  public interface ProductCounter {
    long productsIn(Handle h, long storeId, List<Long> categoryIds);
  }

  /** Runs inside the transaction that deletes categories. */
  public interface DeleteHook {
    void deleted(Handle h, long storeId, List<Long> ids);
  }

  private final Database db;
  private ProductCounter products = (h, s, ids) -> 0;
  private DeleteHook onDelete = (h, storeId, ids) -> {};
  private final Clock clock;

  public CategoryStore(Database db, Clock clock) {
    this.db = db;
    this.clock = clock;
  }

  public void productCounter(ProductCounter counter) {
    this.products = counter;
  }

  /** The store's categories as a tree (siblings by sort_order, then id). */
  com.fasterxml.jackson.databind.node.ArrayNode tree(Tenant t) {
    record Node(long id, long parent, ObjectNode json) {}
    List<Node> all =
        db.read(
            h ->
                h.createQuery(
                        "SELECT id, parent_id, doc FROM categories WHERE store_id = ? ORDER BY sort_order, id")
                    .bind(0, t.id())
                    .map(
                        (rs, ctx) -> {
                          ObjectNode d = (ObjectNode) Json.tree(rs.getString(3));
                          ObjectNode n = Json.MAPPER.createObjectNode();
                          n.put("id", rs.getLong(1));
                          n.put("parent_id", rs.getLong(2));
                          n.put("name", d.path("name").asText());
                          n.put("is_visible", d.path("is_visible").asBoolean());
                          n.put("url", d.path("custom_url").path("url").asText());
                          n.putArray("children");
                          return new Node(rs.getLong(1), rs.getLong(2), n);
                        })
                    .list());
    java.util.Map<Long, ObjectNode> byId = new java.util.HashMap<>();
    all.forEach(n -> byId.put(n.id(), n.json()));
    com.fasterxml.jackson.databind.node.ArrayNode roots = Json.MAPPER.createArrayNode();
    for (Node n : all) {
      ObjectNode parent = byId.get(n.parent());
      if (parent == null) {
        roots.add(n.json());
      } else {
        parent.withArray("children").add(n.json());
      }
    }
    return roots;
  }

  /** The name of category {@code id}, or empty when there is none. */
  public static String nameOf(Handle h, long storeId, long id) {
    return h.createQuery("SELECT name FROM categories WHERE store_id = ? AND id = ?")
        .bind(0, storeId)
        .bind(1, id)
        .mapTo(String.class)
        .findOne()
        .orElse("");
  }

  /** Runs in the deleting transaction (the categories' metafields go with them). */
  public void onDelete(DeleteHook hook) {
    this.onDelete = hook;
  }

  /** Sub-resources of a missing category answer 404 naming the category. */
  public static void require(Handle h, long storeId, long id) {
    if (Docs.doc(h, TABLE, storeId, id).isEmpty()) {
      throw notFound(id);
    }
  }

  /** The ids among {@code ids} that name no category of the store. */
  public static List<Long> missing(Handle h, long storeId, List<Long> ids) {
    List<Long> out = new ArrayList<>();
    if (ids.isEmpty()) {
      return out;
    }
    List<Long> distinct = ids.stream().distinct().toList();
    var q =
        h.createQuery(
            "SELECT id FROM categories WHERE store_id = ? AND id IN ("
                + Filters.marks(distinct.size())
                + ")");
    q.bind(0, storeId);
    for (int i = 0; i < distinct.size(); i++) {
      q.bind(i + 1, distinct.get(i));
    }
    var found = new java.util.HashSet<>(q.mapTo(Long.class).list());
    for (Long id : distinct) {
      if (!found.contains(id)) {
        out.add(id);
      }
    }
    return out;
  }

  /**
   * Sets the category's {@code image_url} ("" clears it) and returns the previous one (image
   * uploads replace it; the caller removes the file it no longer needs).
   */
  public static String replaceImageUrl(Handle h, long storeId, long id, String url) {
    return Docs.setText(h, TABLE, storeId, id, "image_url", url).orElseThrow(() -> notFound(id));
  }

  Docs.Page page(Tenant t, Filters.Where where, Paging paging) {
    return db.read(h -> Docs.page(h, TABLE, t.id(), where, "id", paging));
  }

  byte[] get(Tenant t, long id) {
    return db.read(h -> Docs.doc(h, TABLE, t.id(), id)).orElseThrow(() -> notFound(id));
  }

  private static ApiException.NotFound notFound(long id) {
    return new ApiException.NotFound("Category " + id + " not found.");
  }

  ObjectNode create(Tenant t, ObjectNode input) {
    return db.write(
        h -> {
          long parent = input.path("parent_id").asLong();
          t.limits()
              .check(
                  "category_depth", checkParent(h, t.id(), parent, 0) + 1, "the category's depth");
          checkSiblingName(h, t.id(), parent, input.path("name").asText(), 0);
          long id = Database.nextId(h, t.id(), TABLE);
          ObjectNode doc = Category.create(id, input);
          h.createUpdate(
                  """
                  INSERT INTO categories (store_id, id, parent_id, name, page_title, keywords, is_visible,
                    sort_order, doc) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)""")
              .bind(0, t.id())
              .bind(1, id)
              .bind(2, parent)
              .bind(3, doc.get("name").asText())
              .bind(4, doc.get("page_title").asText())
              .bind(5, Category.keywords(doc))
              .bind(6, doc.get("is_visible").asBoolean() ? 1 : 0)
              .bind(7, doc.get("sort_order").asLong())
              .bind(8, Json.text(doc))
              .execute();
          Database.count(h, t.id(), TABLE, 1);
          Events.emit(h, t.id(), clock.millis(), "store/category/created", id);
          return doc;
        });
  }

  ObjectNode update(Tenant t, long id, ObjectNode input) {
    return db.write(
        h -> {
          ObjectNode doc =
              (ObjectNode)
                  Json.tree(Docs.doc(h, TABLE, t.id(), id).orElseThrow(() -> notFound(id)));
          long parent =
              input.has("parent_id")
                  ? input.get("parent_id").asLong()
                  : doc.get("parent_id").asLong();
          String name = input.has("name") ? input.get("name").asText() : doc.get("name").asText();
          if (input.has("parent_id")) {
            long depth = (long) checkParent(h, t.id(), parent, id) + subtreeHeight(h, t.id(), id);
            t.limits().check("category_depth", depth, "the depth of the category's subtree");
          }
          checkSiblingName(h, t.id(), parent, name, id);
          Schema.merge(doc, input);
          h.createUpdate(
                  """
                  UPDATE categories SET parent_id = ?, name = ?, page_title = ?, keywords = ?, is_visible = ?,
                    sort_order = ?, doc = ? WHERE store_id = ? AND id = ?""")
              .bind(0, parent)
              .bind(1, name)
              .bind(2, doc.get("page_title").asText())
              .bind(3, Category.keywords(doc))
              .bind(4, doc.get("is_visible").asBoolean() ? 1 : 0)
              .bind(5, doc.get("sort_order").asLong())
              .bind(6, Json.text(doc))
              .bind(7, t.id())
              .bind(8, id)
              .execute();
          Events.emit(h, t.id(), clock.millis(), "store/category/updated", id);
          return doc;
        });
  }

  /**
   * The parent must exist, and must not be the category itself or one of its descendants. Returns
   * the parent's depth (0 for the top level, 1 for a top-level parent).
   */
  private static int checkParent(Handle h, long storeId, long parent, long self) {
    if (parent == 0) {
      return 0;
    }
    long cursor = parent;
    int depth = 0;
    for (; cursor != 0 && depth < 1000; depth++) {
      if (cursor == self) {
        throw ApiException.Invalid.field(
            "parent_id", "must not be the category itself or one of its subcategories");
      }
      var next =
          h.createQuery("SELECT parent_id FROM categories WHERE store_id = ? AND id = ?")
              .bind(0, storeId)
              .bind(1, cursor)
              .mapTo(Long.class)
              .findOne();
      if (next.isEmpty()) {
        throw ApiException.Invalid.field("parent_id", "category " + parent + " does not exist");
      }
      cursor = next.get();
    }
    return depth;
  }

  /** Levels in the subtree rooted at {@code id} (1 for a category without children). */
  private static int subtreeHeight(Handle h, long storeId, long id) {
    List<Long> level = List.of(id);
    int height = 0;
    while (!level.isEmpty() && height < 1000) {
      height++;
      level = childrenOf(h, storeId, level);
    }
    return height;
  }

  /** The ids of the direct subcategories of {@code ids}. */
  private static List<Long> childrenOf(Handle h, long storeId, List<Long> ids) {
    List<Long> out = new java.util.ArrayList<>();
    // In chunks (bind-parameter limits).
    for (int from = 0; from < ids.size(); from += 500) {
      List<Long> chunk = ids.subList(from, Math.min(ids.size(), from + 500));
      var q =
          h.createQuery(
              "SELECT id FROM categories WHERE store_id = ? AND parent_id IN ("
                  + Filters.marks(chunk.size())
                  + ")");
      q.bind(0, storeId);
      for (int i = 0; i < chunk.size(); i++) {
        q.bind(i + 1, chunk.get(i));
      }
      out.addAll(q.mapTo(Long.class).list());
    }
    return out;
  }

  private static void checkSiblingName(
      Handle h, long storeId, long parent, String name, long self) {
    boolean taken =
        h.createQuery(
                    "SELECT COUNT(*) FROM categories WHERE store_id = ? AND parent_id = ? AND name = ? AND id <> ?")
                .bind(0, storeId)
                .bind(1, parent)
                .bind(2, name)
                .bind(3, self)
                .mapTo(Integer.class)
                .one()
            > 0;
    if (taken) {
      throw new ApiException.Conflict(
          "A category named '"
              + name
              + "' already exists under parent "
              + parent
              + "; names must be unique among siblings.",
          Map.of("name", "duplicate among the children of category " + parent));
    }
  }

  /** Deletes the matched categories, refusing (409) when that would orphan products or children. */
  int delete(Tenant t, Filters.@Nullable Where where, @Nullable Long single) {
    return db.write(
        h -> {
          List<Long> ids =
              single != null
                  ? List.of(single)
                  : Docs.ids(h, TABLE, t.id(), java.util.Objects.requireNonNull(where));
          if (single != null && Docs.doc(h, TABLE, t.id(), single).isEmpty()) {
            throw notFound(single);
          }
          if (ids.isEmpty()) {
            return 0;
          }
          // Locked before counting: a product linking one of them waits for this, then sees 409.
          Database.lock(h, TABLE, t.id(), ids, false);
          refuseOrphans(h, t.id(), ids);
          onDelete.deleted(h, t.id(), ids);
          Events.emitEach(h, t.id(), clock.millis(), "store/category/deleted", ids);
          return Docs.delete(h, TABLE, t.id(), ids);
        });
  }

  /**
   * Refuses (409) a delete of {@code ids} that would orphan products or subcategories; a scheduled
   * delete is checked before it is scheduled, so the client gets the 409 at once.
   */
  void checkDelete(Tenant t, Filters.Where where) {
    db.read(
        h -> {
          refuseOrphans(h, t.id(), Docs.ids(h, TABLE, t.id(), where));
          return null;
        });
  }

  private void refuseOrphans(Handle h, long storeId, List<Long> ids) {
    long orphaned = products.productsIn(h, storeId, ids);
    if (orphaned > 0) {
      Map<String, String> details = new LinkedHashMap<>();
      details.put("products", orphaned + " product(s) would be orphaned");
      details.put("resolution", "reassign or delete the products of the category first");
      throw new ApiException.Conflict(
          "Deleting this would orphan " + orphaned + " product(s) assigned to the category.",
          details);
    }
    long children = childrenOutside(h, storeId, ids);
    if (children > 0) {
      throw new ApiException.Conflict(
          "Deleting this would orphan " + children + " subcategories.",
          Map.of(
              "children",
              children + " subcategory(ies) would be orphaned",
              "resolution",
              "delete or move the subcategories first"));
    }
  }

  private static long childrenOutside(Handle h, long storeId, List<Long> ids) {
    // Children of the deleted set that are not in it.
    java.util.Set<Long> deleted = new java.util.HashSet<>(ids);
    return childrenOf(h, storeId, ids).stream().filter(c -> !deleted.contains(c)).count();
  }
}
