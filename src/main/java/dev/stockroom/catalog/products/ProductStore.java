package dev.stockroom.catalog.products;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.stockroom.api.ApiException;
import dev.stockroom.api.Dates;
import dev.stockroom.api.Fields;
import dev.stockroom.api.Filters;
import dev.stockroom.api.Json;
import dev.stockroom.api.Paging;
import dev.stockroom.api.Schema;
import dev.stockroom.api.Status;
import dev.stockroom.catalog.brands.BrandStore;
import dev.stockroom.catalog.categories.CategoryStore;
import dev.stockroom.catalog.children.ChildStore;
import dev.stockroom.catalog.images.ImageStore;
import dev.stockroom.catalog.products.variants.OptionStore;
import dev.stockroom.catalog.products.variants.VariantStore;
import dev.stockroom.db.Database;
import dev.stockroom.db.Docs;
import dev.stockroom.db.Events;
import dev.stockroom.db.Sql;
import dev.stockroom.tenancy.Tenant;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.jdbi.v3.core.Handle;
import org.jspecify.annotations.Nullable;

/** SQL for products: the document, its filter columns and its category links. */
public final class ProductStore {
  static final String TABLE = "products";

  private static final String COLUMNS =
      "name = ?, sku = ?, upc = ?, product_type = ?, price = ?, weight = ?, inventory_level = ?, "
          + "inventory_warning_level = ?, inventory_tracking = ?, is_visible = ?, is_featured = ?, "
          + "is_free_shipping = ?, brand_id = ?, item_condition = ?, availability = ?, total_sold = ?, "
          + "keywords = ?, date_modified = ?, doc = ?";
  private static final int COLUMN_COUNT = 19;

  private final Database db;
  private final Clock clock;

  public ProductStore(Database db, Clock clock) {
    this.db = db;
    this.clock = clock;
  }

  /** Whether product {@code id} exists in the store. */
  public static boolean exists(Handle h, long storeId, long id) {
    return h.createQuery("SELECT COUNT(*) FROM products WHERE store_id = ? AND id = ?")
            .bind(0, storeId)
            .bind(1, id)
            .mapTo(Long.class)
            .one()
        > 0;
  }

  /**
   * Like {@link #require}, and holds the product row until commit (PostgreSQL): writes to one
   * product's variants and options queue, so their checks see each other.
   */
  public static void lockForUpdate(Handle h, long storeId, long id) {
    Database.lock(h, TABLE, storeId, List.of(id), false);
    require(h, storeId, id);
  }

  /** Sub-resources of a missing product answer 404 naming the product. */
  public static void require(Handle h, long storeId, long id) {
    if (!exists(h, storeId, id)) {
      throw notFound(id);
    }
  }

  /** A product's stored document (for sub-resources that read or change it); 404 when missing. */
  public static ObjectNode docFor(Handle h, long storeId, long id) {
    return (ObjectNode) Json.tree(Docs.doc(h, TABLE, storeId, id).orElseThrow(() -> notFound(id)));
  }

  /** Writes a product document changed by a sub-resource (variants, reviews) back, columns too. */
  public static void rewrite(Handle h, long storeId, ObjectNode doc) {
    long now = Dates.parse(doc.path("date_modified").asText());
    var update =
        h.createUpdate("UPDATE products SET " + COLUMNS + " WHERE store_id = ? AND id = ?");
    bindColumns(update, 0, doc, now);
    update.bind(COLUMN_COUNT, storeId).bind(COLUMN_COUNT + 1, doc.get("id").asLong());
    update.execute();
  }

  /** The base variant's SKU, UPC or inventory changed: the product takes the same values. */
  public static ObjectNode updateFromVariant(
      Handle h, Tenant t, long id, ObjectNode change, long now) {
    ObjectNode doc = docFor(h, t.id(), id);
    checkUnique(h, t.id(), null, change.has("sku") ? change.get("sku").asText() : null, id, "");
    Schema.merge(doc, change);
    rewrite(h, t.id(), doc);
    Events.emit(h, t.id(), now, "store/product/updated", id);
    return doc;
  }

  /**
   * Adds {@code delta} (negative: takes) to the stock of a product whose inventory is tracked by
   * product, in the caller's transaction: the document, its columns, {@code date_modified} and the
   * base variant's mirror move together. Callers hold the row ({@link #lockForUpdate}) and check
   * the level first; a level below zero is a bug, not a client error. Returns the new level.
   */
  public static long adjustInventory(Handle h, long storeId, long productId, long delta, long now) {
    ObjectNode doc = docFor(h, storeId, productId);
    long level = doc.path("inventory_level").asLong() + delta;
    if (level < 0) {
      throw new IllegalStateException(
          "product " + productId + " inventory would become " + level + " (unchecked decrement)");
    }
    doc.put("inventory_level", level);
    doc.put("date_modified", Dates.v3(now));
    rewrite(h, storeId, doc);
    VariantStore.productStockChanged(h, storeId, doc);
    inventoryEvent(h, storeId, now, "store/product/inventory/order/updated", productId, level);
    return level;
  }

  /** contract: spec-digest §7 — {type, id, inventory: {product_id, method, value}}. */
  static void inventoryEvent(
      Handle h, long storeId, long now, String scope, long productId, long level) {
    ObjectNode data = Events.data(scope, productId);
    data.putObject("inventory")
        .put("product_id", productId)
        .put("method", "absolute")
        .put("value", level);
    Events.emit(h, storeId, now, scope, data);
  }

  /** Another product has this SKU (variants check their SKUs against products too). */
  public static boolean skuTakenByProduct(Handle h, long storeId, String sku, long exceptProduct) {
    return !sku.isEmpty()
        && Sql.firstLong(
                h,
                "SELECT 1 FROM products WHERE store_id = ? AND sku = ? AND sku <> '' AND id <> ? LIMIT 1",
                storeId,
                sku,
                exceptProduct)
            .isPresent();
  }

  /**
   * Moves the product's review totals ({@code reviews_count}, {@code reviews_rating_sum}) by the
   * given amounts, in the caller's transaction (reviews keep them in step).
   */
  public static void adjustReviews(
      Handle h, long storeId, long productId, long countDelta, long sumDelta) {
    byte[] stored = Docs.doc(h, TABLE, storeId, productId).orElseThrow(() -> notFound(productId));
    ObjectNode doc = (ObjectNode) Json.tree(stored);
    doc.put("reviews_count", doc.path("reviews_count").asLong() + countDelta);
    doc.put("reviews_rating_sum", doc.path("reviews_rating_sum").asLong() + sumDelta);
    h.createUpdate("UPDATE products SET doc = ? WHERE store_id = ? AND id = ?")
        .bind(0, Json.text(doc))
        .bind(1, storeId)
        .bind(2, productId)
        .execute();
  }

  /** How many products are assigned to any of {@code categoryIds} (category deletes check it). */
  public static long productsIn(Handle h, long storeId, List<Long> categoryIds) {
    // In chunks (bind-parameter limits), counting each product once.
    java.util.Set<Long> products = new java.util.HashSet<>();
    for (int from = 0; from < categoryIds.size(); from += 500) {
      List<Long> chunk = categoryIds.subList(from, Math.min(categoryIds.size(), from + 500));
      var q =
          h.createQuery(
              "SELECT DISTINCT product_id FROM product_categories WHERE store_id = ? AND category_id IN ("
                  + Filters.marks(chunk.size())
                  + ")");
      q.bind(0, storeId);
      for (int i = 0; i < chunk.size(); i++) {
        q.bind(i + 1, chunk.get(i));
      }
      products.addAll(q.mapTo(Long.class).list());
    }
    return products.size();
  }

  /** Products of deleted brands keep no dangling brand_id: it becomes 0. */
  public static void detachBrands(Handle h, long storeId, List<Long> brandIds, long now) {
    for (Long brand : brandIds) {
      List<Map.Entry<Long, String>> rows =
          h.createQuery("SELECT id, doc FROM products WHERE store_id = ? AND brand_id = ?")
              .bind(0, storeId)
              .bind(1, brand)
              .map((rs, ctx) -> Map.entry(rs.getLong(1), rs.getString(2)))
              .list();
      for (var row : rows) {
        ObjectNode doc = (ObjectNode) Json.tree(row.getValue());
        doc.put("brand_id", 0);
        doc.put("date_modified", Dates.v3(now));
        h.createUpdate(
                "UPDATE products SET brand_id = 0, date_modified = ?, doc = ? WHERE store_id = ? AND id = ?")
            .bind(0, now)
            .bind(1, Json.text(doc))
            .bind(2, storeId)
            .bind(3, row.getKey())
            .execute();
      }
    }
  }

  Docs.Page page(
      Tenant t,
      Filters.Where where,
      String orderBy,
      Paging paging,
      Fields fields,
      List<Include> includes) {
    return db.read(
        h -> {
          Docs.Page p = Docs.page(h, TABLE, t.id(), where, orderBy, paging);
          return new Docs.Page(
              expand(h, t.id(), p.docs(), p.ids(), fields, includes), p.total(), p.ids());
        });
  }

  /**
   * One product as sent, with its {@code date_modified}; {@code 0} when includes make the answer
   * depend on sub-resources that have dates of their own (then only the ETag validates it).
   */
  Docs.Dated get(Tenant t, long id, Fields fields, List<Include> includes) {
    return db.read(
        h -> {
          Docs.Dated d = Docs.datedDoc(h, TABLE, t.id(), id).orElseThrow(() -> notFound(id));
          byte[] body = expand(h, t.id(), List.of(d.doc()), List.of(id), fields, includes).get(0);
          return new Docs.Dated(body, includes.isEmpty() ? d.modified() : 0);
        });
  }

  /** Narrows the documents to the asked fields, then adds each include's sub-resources. */
  private static List<byte[]> expand(
      Handle h,
      long storeId,
      List<byte[]> docs,
      List<Long> ids,
      Fields fields,
      List<Include> includes) {
    if (fields.isAll() && includes.isEmpty()) {
      return docs;
    }
    List<byte[]> out = new ArrayList<>(docs.size());
    List<Long> idOf = ids.size() == docs.size() ? ids : new ArrayList<>();
    for (byte[] d : docs) {
      if (idOf != ids) {
        idOf.add(Json.tree(d).path("id").asLong());
      }
      out.add(fields.isAll() ? d : Json.write(fields.apply(Json.tree(d))));
    }
    if (includes.isEmpty()) {
      return out;
    }
    List<Map<Long, List<byte[]>>> fetched = new ArrayList<>(includes.size());
    for (Include inc : includes) {
      fetched.add(inc.fetch().fetch(h, storeId, idOf));
    }
    byte[][] keys = Include.keys(includes);
    for (int i = 0; i < out.size(); i++) {
      List<List<byte[]>> found = new ArrayList<>(includes.size());
      for (Map<Long, List<byte[]>> f : fetched) {
        found.add(f.get(idOf.get(i)));
      }
      out.set(i, Include.expand(out.get(i), includes, keys, found));
    }
    return out;
  }

  private static ApiException.NotFound notFound(long id) {
    return new ApiException.NotFound("Product " + id + " not found.");
  }

  private List<Nested> nested = List.of();

  /** The sub-resources a product body may carry (set by wiring). */
  public void nested(List<Nested> parts) {
    this.nested = List.copyOf(parts);
  }

  /** Takes the nested sub-resources out of a checked input (they are not product fields). */
  private Map<Nested, JsonNode> takeParts(ObjectNode input) {
    Map<Nested, JsonNode> parts = new java.util.LinkedHashMap<>();
    for (Nested n : nested) {
      JsonNode items = input.remove(n.field());
      if (items != null) {
        parts.put(n, items);
      }
    }
    return parts;
  }

  private static void createParts(
      Handle h, Tenant t, String client, long productId, Map<Nested, JsonNode> parts, long now) {
    parts.forEach(
        (n, items) -> {
          for (JsonNode item : items) {
            n.create().create(h, t, client, productId, (ObjectNode) item, now);
          }
        });
  }

  ObjectNode create(Tenant t, String client, ObjectNode input, @Nullable JsonNode variants) {
    Map<Nested, JsonNode> parts = takeParts(input);
    long now =
        clock.millis() / 1000 * 1000; // dates are served to the second: filter on the same value
    return db.write(
        h -> {
          // Counting first, in one statement that refuses past the limit, also locks the store's
          // product count until commit: concurrent creates on PostgreSQL queue here, so the limit
          // and the uniqueness checks below see each other (SQLite has a single writer anyway).
          if (!Database.countWithin(h, t.id(), TABLE, t.productLimit())) {
            throw new ApiException.Refused(
                Status.INSUFFICIENT_STORAGE,
                "The store has reached the product limit of its plan ("
                    + t.productLimit()
                    + " products). Delete products or raise product_limit for the store.",
                Map.of("product_limit", t.productLimit()),
                Map.of());
          }
          long id = Database.nextId(h, t.id(), TABLE);
          resolveBrandName(h, t.id(), input);
          checkReferences(h, t.id(), input, "");
          checkUnique(h, t.id(), input.path("name").asText(), input.path("sku").asText(""), 0, "");
          long variantId = Database.nextId(h, t.id(), "variants");
          ObjectNode doc = Product.create(id, variantId, input, now);
          if (variants != null && !variants.isEmpty()) {
            doc.putNull("base_variant_id"); // option variants instead of a base variant
          }
          var insert =
              h.createUpdate(
                  "INSERT INTO products (store_id, id, date_created, "
                      + COLUMNS.replace(" = ?", "")
                      + ") VALUES (?, ?, ?, "
                      + Filters.marks(COLUMN_COUNT)
                      + ")");
          insert.bind(0, t.id()).bind(1, id).bind(2, now);
          bindColumns(insert, 3, doc, now);
          insert.execute();
          link(h, t.id(), id, doc, false);
          if (variants != null && !variants.isEmpty()) {
            OptionStore.createFromProduct(h, t, id, variants, now);
            createParts(h, t, client, id, parts, now);
            Events.emit(h, t.id(), now, "store/product/created", id);
            return docFor(h, t.id(), id);
          }
          VariantStore.createBase(h, t.id(), doc);
          createParts(h, t, client, id, parts, now);
          Events.emit(h, t.id(), now, "store/product/created", id);
          return doc;
        });
  }

  private static void resolveBrandName(Handle h, long storeId, ObjectNode input) {
    JsonNode name = input.get("brand_name");
    if (name != null && !input.has("brand_id")) {
      input.put("brand_id", BrandStore.idForName(h, storeId, name.asText()));
    }
    input.remove("brand_name");
  }

  /** contract: catalog.v3 — an unknown brand_id or category id is a 409 (spec-digest §8 #7). */
  private static void checkReferences(Handle h, long storeId, ObjectNode input, String prefix) {
    long brand = input.path("brand_id").asLong(0);
    // Shared locks on what is linked: a concurrent delete of them waits for this write (and then
    // refuses, the link being there) or went first (and the checks below see it gone).
    if (brand != 0) {
      Database.lock(h, "brands", storeId, List.of(brand), true);
    }
    if (input.has("categories")) {
      List<Long> linked = new ArrayList<>();
      input.get("categories").forEach(n -> linked.add(n.asLong()));
      Database.lock(h, "categories", storeId, linked, true);
    }
    if (brand != 0 && !BrandStore.exists(h, storeId, brand)) {
      throw new ApiException.Conflict(
          "Brand " + brand + " does not exist; create it first or send brand_id 0.",
          Map.of(prefix + "brand_id", "brand " + brand + " does not exist"));
    }
    if (input.has("categories")) {
      List<Long> ids = new ArrayList<>();
      input.get("categories").forEach(n -> ids.add(n.asLong()));
      List<Long> missing = CategoryStore.missing(h, storeId, ids);
      if (!missing.isEmpty()) {
        throw new ApiException.Conflict(
            "Categories " + missing + " do not exist; create them first.",
            Map.of(prefix + "categories", "categories " + missing + " do not exist"));
      }
    }
  }

  /** One query for both rules: product names and non-empty SKUs are unique per store. */
  private static void checkUnique(
      Handle h,
      long storeId,
      @Nullable String name,
      @Nullable String sku,
      long self,
      String prefix) {
    boolean checkSku = sku != null && !sku.isEmpty();
    if (name == null && !checkSku) {
      return;
    }
    // Two indexed lookups in one round trip (an OR across two indexes would scan the store):
    // 1 when the name is taken, 2 when the SKU is, 3 for both.
    String byName =
        "COALESCE((SELECT 1 FROM products WHERE store_id = ? AND id <> ? AND name = ? LIMIT 1), 0)";
    String bySku =
        "COALESCE((SELECT 2 FROM products WHERE store_id = ? AND id <> ? AND sku = ? AND sku <> ''"
            + " LIMIT 1), 0)";
    List<Object> args = new ArrayList<>(6);
    if (name != null) {
      args.addAll(List.of(storeId, self, name));
    }
    if (checkSku) {
      args.addAll(List.of(storeId, self, sku));
    }
    String sql = "SELECT " + (name == null ? "0" : byName) + " + " + (checkSku ? bySku : "0");
    long clash = Sql.firstLong(h, sql, args.toArray()).orElse(0L);
    if ((clash & 1) != 0) {
      throw new ApiException.Conflict(
          "The product name '" + name + "' is a duplicate; product names must be unique.",
          Map.of(prefix + "name", "A product named '" + name + "' already exists."));
    }
    if ((clash & 2) != 0 || (sku != null && VariantStore.skuTaken(h, storeId, sku, self))) {
      throw new ApiException.Conflict(
          "The SKU '" + sku + "' is a duplicate; SKUs must be unique.",
          Map.of(prefix + "sku", "A product with SKU '" + sku + "' already exists."));
    }
  }

  private static void bindColumns(
      org.jdbi.v3.core.statement.SqlStatement<?> st, int at, ObjectNode d, long now) {
    st.bind(at, d.path("name").asText())
        .bind(at + 1, d.path("sku").asText())
        .bind(at + 2, d.path("upc").asText())
        .bind(at + 3, d.path("type").asText())
        .bind(at + 4, d.path("price").asDouble())
        .bind(at + 5, d.path("weight").asDouble())
        .bind(at + 6, d.path("inventory_level").asLong())
        .bind(at + 7, d.path("inventory_warning_level").asLong())
        .bind(at + 8, d.path("inventory_tracking").asText())
        .bind(at + 9, d.path("is_visible").asBoolean() ? 1 : 0)
        .bind(at + 10, d.path("is_featured").asBoolean() ? 1 : 0)
        .bind(at + 11, d.path("is_free_shipping").asBoolean() ? 1 : 0)
        .bind(at + 12, d.path("brand_id").asLong())
        .bind(at + 13, d.path("condition").asText())
        .bind(at + 14, d.path("availability").asText())
        .bind(at + 15, d.path("total_sold").asLong())
        .bind(at + 16, Product.keywords(d))
        .bind(at + 17, now)
        .bind(at + 18, Json.text(d));
  }

  /** Writes the product's category links; on update the list is replaced as a whole. */
  private static void link(Handle h, long storeId, long id, ObjectNode d, boolean replace) {
    if (replace) {
      h.createUpdate("DELETE FROM product_categories WHERE store_id = ? AND product_id = ?")
          .bind(0, storeId)
          .bind(1, id)
          .execute();
    }
    var batch =
        h.prepareBatch(
            "INSERT INTO product_categories (store_id, category_id, product_id) VALUES (?, ?, ?)");
    java.util.Set<Long> seen = new java.util.HashSet<>();
    for (JsonNode c : d.path("categories")) {
      if (seen.add(c.asLong())) {
        batch.bind(0, storeId).bind(1, c.asLong()).bind(2, id).add();
      }
    }
    if (!seen.isEmpty()) {
      batch.execute();
    }
  }

  ObjectNode update(Tenant t, String client, long id, ObjectNode input) {
    long now =
        clock.millis() / 1000 * 1000; // dates are served to the second: filter on the same value
    return db.write(h -> apply(h, t, client, id, input, now, ""));
  }

  /** Updates a batch in one transaction: all items or none. */
  List<ObjectNode> updateAll(Tenant t, String client, List<Map.Entry<Long, ObjectNode>> items) {
    long now =
        clock.millis() / 1000 * 1000; // dates are served to the second: filter on the same value
    return db.write(
        h -> {
          // Every row of the batch locked at once, in id order (as orders lock them): two
          // batches naming the same products in another order wait instead of deadlocking.
          Database.lock(
              h, TABLE, t.id(), items.stream().map(Map.Entry::getKey).distinct().toList(), false);
          List<ObjectNode> out = new ArrayList<>();
          for (int i = 0; i < items.size(); i++) {
            var item = items.get(i);
            out.add(apply(h, t, client, item.getKey(), item.getValue(), now, i + "."));
          }
          return out;
        });
  }

  private ObjectNode apply(
      Handle h, Tenant t, String client, long id, ObjectNode input, long now, String prefix) {
    // Orders move inventory_level under this lock (PostgreSQL): read the document after it, or a
    // PUT of any field would write back a level read before an order took stock.
    Database.lock(h, TABLE, t.id(), List.of(id), false);
    byte[] stored = Docs.doc(h, TABLE, t.id(), id).orElse(null);
    if (stored == null) {
      throw new ApiException.NotFound(
          "Product "
              + id
              + " not found"
              + (prefix.isEmpty()
                  ? "."
                  : " (item " + prefix.substring(0, prefix.length() - 1) + ")."));
    }
    ObjectNode doc = (ObjectNode) Json.tree(stored);
    long levelBefore = doc.path("inventory_level").asLong();
    JsonNode variants = input.remove("variants");
    Map<Nested, JsonNode> parts = takeParts(input);
    resolveBrandName(h, t.id(), input);
    checkReferences(h, t.id(), input, prefix);
    checkUnique(
        h,
        t.id(),
        input.has("name") ? input.get("name").asText() : null,
        input.has("sku") ? input.get("sku").asText() : null,
        id,
        prefix);
    Product.merge(doc, input, now);
    var update =
        h.createUpdate("UPDATE products SET " + COLUMNS + " WHERE store_id = ? AND id = ?");
    bindColumns(update, 0, doc, now);
    update.bind(COLUMN_COUNT, t.id()).bind(COLUMN_COUNT + 1, id);
    update.execute();
    if (input.has("categories")) {
      link(h, t.id(), id, doc, true);
    }
    VariantStore.productChanged(h, t.id(), doc);
    createParts(h, t, client, id, parts, now);
    Events.emit(h, t.id(), now, "store/product/updated", id);
    long level = doc.path("inventory_level").asLong();
    if (level != levelBefore) {
      inventoryEvent(h, t.id(), now, "store/product/inventory/updated", id, level);
    }
    if (variants != null) {
      for (int i = 0; i < variants.size(); i++) {
        ObjectNode v = (ObjectNode) variants.get(i);
        VariantStore.updateInProduct(
            h, t, id, v.path("id").asLong(), v, prefix + "variants." + i + ".", now);
      }
      return docFor(h, t.id(), id);
    }
    return doc;
  }

  /** Removes image files once the rows naming them are deleted and committed (set by wiring). */
  public interface ImageFileRemover {
    void remove(long storeId, List<String> names);
  }

  private ImageFileRemover imageFiles = (storeId, names) -> {};

  public void imageFileRemover(ImageFileRemover remover) {
    this.imageFiles = remover;
  }

  /**
   * Deletes the given products (their category links and images); returns how many went. Image
   * files go after the commit, so a delete that rolls back keeps them.
   */
  int delete(Tenant t, Filters.@Nullable Where where, @Nullable Long single) {
    List<String> files = new ArrayList<>();
    int deleted =
        db.write(
            h -> {
              List<Long> ids =
                  single != null
                      ? List.of(single)
                      : Docs.ids(h, TABLE, t.id(), java.util.Objects.requireNonNull(where));
              if (single != null && Docs.doc(h, TABLE, t.id(), single).isEmpty()) {
                throw notFound(single);
              }
              for (int from = 0; from < ids.size(); from += 500) {
                List<Long> chunk = ids.subList(from, Math.min(ids.size(), from + 500));
                var u =
                    h.createUpdate(
                        "DELETE FROM product_categories WHERE store_id = ? AND product_id IN ("
                            + Filters.marks(chunk.size())
                            + ")");
                u.bind(0, t.id());
                for (int i = 0; i < chunk.size(); i++) {
                  u.bind(i + 1, chunk.get(i));
                }
                u.execute();
              }
              VariantStore.deleteForProducts(h, t.id(), ids);
              ChildStore.deleteForProducts(h, t.id(), ids);
              files.addAll(ImageStore.deleteForProducts(h, t.id(), ids));
              Events.emitEach(h, t.id(), clock.millis(), "store/product/deleted", ids);
              return Docs.delete(h, TABLE, t.id(), ids);
            });
    imageFiles.remove(t.id(), files);
    return deleted;
  }
}
