package dev.stockroom.catalog.images;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.stockroom.api.ApiException;
import dev.stockroom.api.Dates;
import dev.stockroom.api.Filters;
import dev.stockroom.api.Json;
import dev.stockroom.api.Paging;
import dev.stockroom.catalog.products.ProductStore;
import dev.stockroom.db.Database;
import dev.stockroom.db.Docs;
import dev.stockroom.db.Events;
import dev.stockroom.db.SortOrders;
import dev.stockroom.db.Sql;
import dev.stockroom.tenancy.Tenant;
import java.nio.file.Path;
import java.time.Clock;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Supplier;
import org.jdbi.v3.core.Handle;
import org.jspecify.annotations.Nullable;

/**
 * SQL for product images, and the files of every upload. A file is written (and synced) before the
 * row that names it; a failed write removes it again. Files of deleted rows are removed after the
 * delete has committed, so a rolled-back delete never loses a file; a crash in between leaves an
 * orphan file that no row names and whose random name nobody knows.
 */
public final class ImageStore {
  static final String TABLE = "product_images";
  private static final String ORDER = "sort_order, id";

  private final Database db;
  private final ImageFiles files;
  // Two decodes at a time: each holds a few tens of MB at most (Resizer reads sampled).
  private final Resizer resizer = new Resizer(2);
  private final Clock clock;
  private final Supplier<String> baseUrl;

  /**
   * @param dataDir files go to {@code <dataDir>/images}
   * @param baseUrl what served file URLs start with ({@code http://127.0.0.1:8080}), asked at each
   *     upload (the port is known only once the server has started)
   */
  public ImageStore(Database db, Path dataDir, Clock clock, Supplier<String> baseUrl) {
    this.db = db;
    this.files = new ImageFiles(dataDir.resolve("images"));
    this.clock = clock;
    this.baseUrl = baseUrl;
  }

  /** Sets an owner's {@code image_url} in a transaction and returns the previous one. */
  @FunctionalInterface
  interface Attacher {
    String replace(Handle h, String url);
  }

  // ---- hooks for other features (called with their handle, inside their transaction) ----

  /**
   * Each product's image documents, sorted by sort_order then id; every id asked for is a key (an
   * empty list when it has no image). One query per 500 ids.
   */
  public static Map<Long, List<byte[]>> forProducts(Handle h, long storeId, List<Long> productIds) {
    Map<Long, List<byte[]>> out = new LinkedHashMap<>();
    productIds.forEach(id -> out.put(id, new ArrayList<>()));
    forChunks(
        productIds,
        chunk ->
            Sql.eachKeyed(
                h,
                "SELECT product_id, doc FROM product_images",
                "product_id",
                " ORDER BY product_id, " + ORDER,
                storeId,
                chunk,
                (product, doc) -> out.computeIfAbsent(product, k -> new ArrayList<>()).add(doc)));
    return out;
  }

  /**
   * Each product's primary image: its thumbnail, else its first by sort_order then id. Products
   * without images are not keys.
   */
  public static Map<Long, byte[]> primaryFor(Handle h, long storeId, List<Long> productIds) {
    Map<Long, byte[]> out = new LinkedHashMap<>();
    forChunks(
        productIds,
        chunk ->
            Sql.eachKeyed(
                h,
                "SELECT product_id, doc FROM product_images",
                "product_id",
                " ORDER BY product_id, is_thumbnail DESC, " + ORDER,
                storeId,
                chunk,
                out::putIfAbsent));
    return out;
  }

  /**
   * Deletes the image rows of the given products (their product is being deleted in the same
   * transaction) and returns the names of their files, for {@link #removeFiles} once committed.
   */
  public static List<String> deleteForProducts(Handle h, long storeId, List<Long> productIds) {
    List<String> names = new ArrayList<>();
    forChunks(
        productIds,
        chunk -> {
          var q =
              h.createQuery(inProducts("SELECT file_name FROM product_images", chunk.size(), "id"));
          bindIds(q, storeId, chunk);
          names.addAll(q.mapTo(String.class).list());
          var u =
              h.createUpdate(
                  "DELETE FROM product_images WHERE store_id = ? AND product_id IN ("
                      + Filters.marks(chunk.size())
                      + ")");
          bindIds(u, storeId, chunk);
          u.execute();
        });
    names.removeIf(String::isEmpty);
    return names;
  }

  /** Removes stored files whose rows are gone (after the deleting transaction committed). */
  public void removeFiles(long storeId, List<String> names) {
    files.delete(storeId, names);
  }

  /** Removes every file of a deleted store. */
  public void removeStore(long storeId) {
    files.deleteStore(storeId);
  }

  private static void forChunks(List<Long> ids, java.util.function.Consumer<List<Long>> work) {
    for (int from = 0; from < ids.size(); from += 500) {
      work.accept(ids.subList(from, Math.min(ids.size(), from + 500)));
    }
  }

  /** {@code select} for the rows of {@code n} products (arguments: the store, then their ids). */
  private static String inProducts(String select, int n, String order) {
    return select
        + " WHERE store_id = ? AND product_id IN ("
        + Filters.marks(n)
        + ") ORDER BY product_id, "
        + order;
  }

  private static void bindIds(
      org.jdbi.v3.core.statement.SqlStatement<?> st, long storeId, List<Long> ids) {
    st.bind(0, storeId);
    for (int i = 0; i < ids.size(); i++) {
      st.bind(i + 1, ids.get(i));
    }
  }

  // ---- product images ----

  Docs.Page page(Tenant t, long productId, Paging paging) {
    return db.read(
        h -> {
          ProductStore.require(h, t.id(), productId);
          return Docs.page(
              h,
              TABLE,
              t.id(),
              new Filters.Where("product_id = ?", List.of(productId), 1),
              ORDER,
              paging);
        });
  }

  byte[] get(Tenant t, long productId, long imageId) {
    return db.read(h -> find(h, t.id(), productId, imageId));
  }

  private static byte[] find(Handle h, long storeId, long productId, long imageId) {
    ProductStore.require(h, storeId, productId);
    Optional<byte[]> doc =
        h.createQuery(
                "SELECT doc FROM product_images WHERE store_id = ? AND product_id = ? AND id = ?")
            .bind(0, storeId)
            .bind(1, productId)
            .bind(2, imageId)
            .map((rs, ctx) -> rs.getBytes(1))
            .findOne();
    return doc.orElseThrow(
        () ->
            new ApiException.NotFound(
                "Image " + imageId + " not found on product " + productId + "."));
  }

  /**
   * Creates an image from an upload (stored and served here, with its resized copies) or from the
   * input's {@code image_url} (stored as given, one URL for every size). The product's first image
   * is its thumbnail; a new thumbnail takes the flag from the old one.
   */
  ObjectNode create(Tenant t, long productId, ObjectNode input, @Nullable Upload upload) {
    String name = "";
    String url = input.path("image_url").asText();
    Map<ImageSize, String> sized = new EnumMap<>(ImageSize.class);
    if (upload != null) {
      Map<ImageSize, byte[]> copies = resizer.copies(upload.type(), upload.data());
      name = files.save(t.id(), "p" + productId, upload.type(), upload.data());
      url = url(t, name);
      try {
        for (Map.Entry<ImageSize, byte[]> c : copies.entrySet()) {
          sized.put(c.getKey(), url(t, files.saveCopy(t.id(), name, c.getKey(), c.getValue())));
        }
      } catch (RuntimeException e) {
        files.delete(t.id(), List.of(name));
        throw e;
      }
    }
    return insertOrRemove(t, productId, input, name, url, sized);
  }

  /** Inserts the row, emitting product/updated; a failed insert removes the uploaded files. */
  private ObjectNode insertOrRemove(
      Tenant t,
      long productId,
      ObjectNode input,
      String name,
      String url,
      Map<ImageSize, String> sized) {
    long now = clock.millis() / 1000 * 1000;
    try {
      return db.write(
          h -> {
            ObjectNode doc = insert(h, t, productId, input, name, url, sized, now);
            // contract: spec-digest §7 — product/updated fires when the thumbnail changes
            Events.emit(h, t.id(), now, "store/product/updated", productId);
            return doc;
          });
    } catch (RuntimeException e) {
      if (!name.isEmpty()) {
        files.delete(t.id(), List.of(name));
      }
      throw e;
    }
  }

  /**
   * Creates an image from a JSON {@code image_url} in the caller's transaction (a product POST
   * makes its images with it); {@code body} is checked here, errors named under {@code prefix}.
   */
  public static ObjectNode createFromUrl(
      Handle h, Tenant t, long productId, ObjectNode input, long now) {
    return insert(h, t, productId, input, "", input.get("image_url").asText(), Map.of(), now);
  }

  /** An image of a product POST's {@code images}: its checked input, or errors under prefix. */
  public static ObjectNode checkUrlInput(
      com.fasterxml.jackson.databind.JsonNode body,
      String prefix,
      java.util.Map<String, String> errors) {
    try {
      return ProductImage.jsonInput(body);
    } catch (ApiException.Invalid e) {
      e.errors().forEach((k, v) -> errors.put(prefix + k, v));
      return Json.MAPPER.createObjectNode();
    }
  }

  private static ObjectNode insert(
      Handle h,
      Tenant t,
      long productId,
      ObjectNode input,
      String name,
      String url,
      Map<ImageSize, String> sized,
      long now) {
    ProductStore.require(h, t.id(), productId);
    long[] existing = countAndNextSortOrder(h, t.id(), productId);
    long count = existing[0];
    t.limits().check("images_per_product", count + 1, "images on product " + productId);
    boolean thumbnail = count == 0 || input.path("is_thumbnail").asBoolean(false);
    if (thumbnail) {
      clearThumbnail(h, t.id(), productId, now);
    }
    long id = Database.nextId(h, t.id(), TABLE);
    ObjectNode doc =
        ProductImage.create(id, productId, input, name, url, sized, existing[1], thumbnail, now);
    h.createUpdate(
            """
            INSERT INTO product_images (store_id, id, product_id, sort_order, is_thumbnail,
              file_name, doc) VALUES (?, ?, ?, ?, ?, ?, ?)""")
        .bind(0, t.id())
        .bind(1, id)
        .bind(2, productId)
        .bind(3, doc.get("sort_order").asLong())
        .bind(4, thumbnail ? 1 : 0)
        .bind(5, name)
        .bind(6, Json.text(doc))
        .execute();
    return doc;
  }

  /**
   * Updates the writable fields (productImage_Put). An echoed {@code image_url} must be the stored
   * one: a new picture is a new image (POST), not a PUT. A new {@code sort_order} that another
   * image holds makes room there ({@link SortOrders}); the product's row is locked first, so
   * concurrent updates of its images move them one at a time.
   */
  ObjectNode update(
      Tenant t, long productId, long imageId, ObjectNode input, @Nullable String echoedUrl) {
    long now = clock.millis() / 1000 * 1000;
    return db.write(
        h -> {
          Database.lock(h, "products", t.id(), List.of(productId), false);
          ObjectNode doc = (ObjectNode) Json.tree(find(h, t.id(), productId, imageId));
          if (echoedUrl != null && !echoedUrl.equals(doc.path("image_url").asText())) {
            throw ApiException.Invalid.field(
                "image_url",
                "cannot be changed by PUT (productImage_Put has no image_url): create a new image"
                    + " and delete this one");
          }
          boolean thumbnail = input.path("is_thumbnail").asBoolean(false);
          if (thumbnail) {
            clearThumbnail(h, t.id(), productId, now);
          }
          long sortOrder = input.path("sort_order").asLong(doc.path("sort_order").asLong());
          if (sortOrder != doc.path("sort_order").asLong()) {
            SortOrders.makeRoom(
                h,
                TABLE,
                "store_id = ? AND product_id = ?",
                List.of(t.id(), productId),
                imageId,
                sortOrder,
                Dates.v3(now));
          }
          doc.setAll(input);
          doc.put("date_modified", Dates.v3(now));
          write(h, t.id(), doc);
          Events.emit(h, t.id(), now, "store/product/updated", productId);
          return doc;
        });
  }

  /** Deletes the image and then its file; a deleted thumbnail passes the flag to the first left. */
  void delete(Tenant t, long productId, long imageId) {
    long now = clock.millis() / 1000 * 1000;
    String name =
        db.write(
            h -> {
              ObjectNode doc = (ObjectNode) Json.tree(find(h, t.id(), productId, imageId));
              h.createUpdate("DELETE FROM product_images WHERE store_id = ? AND id = ?")
                  .bind(0, t.id())
                  .bind(1, imageId)
                  .execute();
              if (doc.path("is_thumbnail").asBoolean()) {
                promoteFirst(h, t.id(), productId, now);
              }
              Events.emit(h, t.id(), now, "store/product/updated", productId);
              return doc.path("image_file").asText("");
            });
    if (!name.isEmpty()) {
      files.delete(t.id(), List.of(name));
    }
  }

  /** How many images the product has, and the sort_order after theirs (0 for the first). */
  private static long[] countAndNextSortOrder(Handle h, long storeId, long productId) {
    return h.createQuery(
            "SELECT COUNT(*), COALESCE(MAX(sort_order) + 1, 0) FROM product_images"
                + " WHERE store_id = ? AND product_id = ?")
        .bind(0, storeId)
        .bind(1, productId)
        .map((rs, ctx) -> new long[] {rs.getLong(1), rs.getLong(2)})
        .one();
  }

  /** At most one thumbnail per product: the flag moves, it is never shared. */
  private static void clearThumbnail(Handle h, long storeId, long productId, long now) {
    h.createQuery(
            "SELECT doc FROM product_images WHERE store_id = ? AND product_id = ? AND is_thumbnail = 1")
        .bind(0, storeId)
        .bind(1, productId)
        .map((rs, ctx) -> rs.getBytes(1))
        .list()
        .forEach(d -> flag(h, storeId, d, false, now));
  }

  private static void promoteFirst(Handle h, long storeId, long productId, long now) {
    h.createQuery(
            "SELECT doc FROM product_images WHERE store_id = ? AND product_id = ? ORDER BY "
                + ORDER
                + " LIMIT 1")
        .bind(0, storeId)
        .bind(1, productId)
        .map((rs, ctx) -> rs.getBytes(1))
        .findOne()
        .ifPresent(d -> flag(h, storeId, d, true, now));
  }

  private static void flag(Handle h, long storeId, byte[] stored, boolean thumbnail, long now) {
    ObjectNode doc = (ObjectNode) Json.tree(stored);
    doc.put("is_thumbnail", thumbnail);
    doc.put("date_modified", Dates.v3(now));
    write(h, storeId, doc);
  }

  private static void write(Handle h, long storeId, ObjectNode doc) {
    h.createUpdate(
            "UPDATE product_images SET sort_order = ?, is_thumbnail = ?, doc = ? WHERE store_id = ? AND id = ?")
        .bind(0, doc.path("sort_order").asLong())
        .bind(1, doc.path("is_thumbnail").asBoolean() ? 1 : 0)
        .bind(2, Json.text(doc))
        .bind(3, storeId)
        .bind(4, doc.path("id").asLong())
        .execute();
  }

  // ---- the one image of a category, brand, variant or modifier value ----

  /**
   * Stores an upload as the image of {@code owner} ({@code c3}: category 3) and returns its URL;
   * the owner's previous upload, if any, is removed once the new URL is committed.
   */
  String attach(Tenant t, String owner, Upload upload, Attacher attacher) {
    String name = files.save(t.id(), owner, upload.type(), upload.data());
    String url = url(t, name);
    String previous;
    try {
      previous = db.write(h -> attacher.replace(h, url));
    } catch (RuntimeException e) {
      files.delete(t.id(), List.of(name));
      throw e;
    }
    removeOwned(t, owner, previous);
    return url;
  }

  /** Sets a given URL as the image of {@code owner} (variants take image_url in JSON). */
  String attachUrl(Tenant t, String owner, String url, Attacher attacher) {
    String previous = db.write(h -> attacher.replace(h, url));
    removeOwned(t, owner, previous);
    return url;
  }

  /** Clears the image of {@code owner}; its uploaded file, if any, goes too. */
  void detach(Tenant t, String owner, Attacher attacher) {
    removeOwned(t, owner, db.write(h -> attacher.replace(h, "")));
  }

  /**
   * Deletes the file behind {@code url} when it is an upload of this store made for {@code owner}
   * (a URL copied from another resource, or from elsewhere, is left alone).
   */
  private void removeOwned(Tenant t, String owner, String url) {
    String marker = "/images/" + t.hash() + "/";
    int at = url.lastIndexOf(marker);
    if (at < 0) {
      return;
    }
    String name = url.substring(at + marker.length());
    if (ImageFiles.validName(name) && ImageFiles.owner(name).equals(owner)) {
      files.delete(t.id(), List.of(name));
    }
  }

  // ---- served files ----

  private String url(Tenant t, String name) {
    String base = baseUrl.get();
    return (base.endsWith("/") ? base.substring(0, base.length() - 1) : base)
        + "/images/"
        + t.hash()
        + "/"
        + name;
  }

  /** A stored file and its type, for the public file route. */
  Optional<Map.Entry<ImageType, byte[]>> file(long storeId, String name) {
    if (!ImageFiles.validName(name)) {
      return Optional.empty();
    }
    Optional<ImageType> type = ImageType.ofExtension(name.substring(name.lastIndexOf('.') + 1));
    if (type.isEmpty()) {
      return Optional.empty();
    }
    return files.read(storeId, name).map(bytes -> Map.entry(type.get(), bytes));
  }
}
