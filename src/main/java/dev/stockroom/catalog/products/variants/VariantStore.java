package dev.stockroom.catalog.products.variants;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.stockroom.api.ApiException;
import dev.stockroom.api.Filters;
import dev.stockroom.api.Json;
import dev.stockroom.api.Paging;
import dev.stockroom.catalog.categories.CategoryStore;
import dev.stockroom.catalog.metafields.MetafieldStore;
import dev.stockroom.catalog.products.ProductStore;
import dev.stockroom.db.Database;
import dev.stockroom.db.Docs;
import dev.stockroom.db.Events;
import dev.stockroom.db.Sql;
import dev.stockroom.tenancy.Tenant;
import java.time.Clock;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.jdbi.v3.core.Handle;
import org.jspecify.annotations.Nullable;

/**
 * SQL for variants. A product without options has exactly one, its base variant (spec-digest §8
 * #15), which mirrors the product's SKU, UPC and inventory. The first option variant replaces it
 * (base_variant_id becomes null, as for BigCommerce's "complex" products); deleting the last one
 * brings a new base variant back.
 */
public final class VariantStore {
  static final String TABLE = "variants";

  /** A variant inside a product POST (its option values by display name and label). */
  public static final dev.stockroom.api.Schema IN_PRODUCT = Variant.IN_PRODUCT;

  /** A variant inside a product PUT: its id and the fields to change. */
  public static final dev.stockroom.api.Schema IN_PRODUCT_PUT = Variant.BATCH;

  /** Updates variant {@code id} of product {@code productId} inside a product PUT. */
  public static ObjectNode updateInProduct(
      Handle h, Tenant t, long productId, long id, ObjectNode input, String prefix, long now) {
    ObjectNode in = input.deepCopy();
    in.remove("id");
    return update(h, t, productId, id, in, prefix, now);
  }

  private final Database db;
  private final Clock clock;

  public VariantStore(Database db, Clock clock) {
    this.db = db;
    this.clock = clock;
  }

  /**
   * Products written before variants existed (Stockroom 0.1) get their base variant, once; a marker
   * count under store 0 records that it ran. Returns how many were made.
   */
  public int backfillBaseVariants() {
    return db.write(
        h -> {
          if (Database.countOf(h, 0, "base_variants_backfilled") > 0) {
            return 0;
          }
          List<Map.Entry<Long, String>> missing =
              h.createQuery(
                      "SELECT p.store_id, p.doc FROM products p WHERE NOT EXISTS"
                          + " (SELECT 1 FROM variants v WHERE v.store_id = p.store_id AND v.product_id = p.id)")
                  .map((rs, ctx) -> Map.entry(rs.getLong(1), rs.getString(2)))
                  .list();
          for (var m : missing) {
            ObjectNode product = (ObjectNode) Json.tree(m.getValue());
            if (!product.path("base_variant_id").isIntegralNumber()) {
              product.put("base_variant_id", Database.nextId(h, m.getKey(), TABLE));
              ProductStore.rewrite(h, m.getKey(), product);
            }
            createBase(h, m.getKey(), product);
          }
          Database.count(h, 0, "base_variants_backfilled", 1);
          return missing.size();
        });
  }

  /** {@code catalogSummary_Full}: counts and prices over every variant of the store. */
  ObjectNode summary(Tenant t) {
    return db.read(
        h -> {
          ObjectNode out = Json.MAPPER.createObjectNode();
          h.createQuery(
                  "SELECT COALESCE(SUM(v.inventory_level), 0), COALESCE(SUM(v.inventory_level * v.calculated_price), 0)"
                      + " FROM variants v JOIN products p ON p.store_id = v.store_id AND p.id = v.product_id"
                      + " WHERE v.store_id = ? AND p.inventory_tracking <> 'none'")
              .bind(0, t.id())
              .map(
                  (rs, ctx) -> {
                    out.put("inventory_count", rs.getLong(1));
                    out.put("inventory_value", rs.getDouble(2));
                    return 0;
                  })
              .one();
          var primary =
              h.createQuery(
                      "SELECT category_id FROM product_categories WHERE store_id = ?"
                          + " GROUP BY category_id ORDER BY COUNT(*) DESC, category_id LIMIT 1")
                  .bind(0, t.id())
                  .mapTo(Long.class)
                  .findOne();
          out.put("primary_category_id", primary.orElse(0L));
          out.put(
              "primary_category_name",
              primary.map(id -> CategoryStore.nameOf(h, t.id(), id)).orElse(""));
          h.createQuery(
                  "SELECT COUNT(*), COALESCE(MAX(calculated_price), 0), COALESCE(AVG(calculated_price), 0),"
                      + " COALESCE(MIN(calculated_price), 0) FROM variants WHERE store_id = ?")
              .bind(0, t.id())
              .map(
                  (rs, ctx) -> {
                    out.put("variant_count", rs.getLong(1));
                    out.put("highest_variant_price", rs.getDouble(2));
                    out.put("average_variant_price", Math.round(rs.getDouble(3) * 100) / 100.0);
                    // contract: catalog.v3 — lowest_variant_price is typed string (§8 #31)
                    out.put(
                        "lowest_variant_price",
                        java.math.BigDecimal.valueOf(rs.getDouble(4))
                            .stripTrailingZeros()
                            .toPlainString());
                    return 0;
                  })
              .one();
          h.createQuery(
                  "SELECT MIN(date_created), MAX(date_created) FROM products WHERE store_id = ?")
              .bind(0, t.id())
              .map(
                  (rs, ctx) -> {
                    long oldest = rs.getLong(1);
                    boolean none = rs.wasNull();
                    out.put("oldest_variant_date", none ? "" : dev.stockroom.api.Dates.v3(oldest));
                    out.put(
                        "newest_variant_date",
                        none ? "" : dev.stockroom.api.Dates.v3(rs.getLong(2)));
                    return 0;
                  })
              .one();
          return out;
        });
  }

  // ---- hooks for products ----

  /** Creates the base variant of a new product (its id is the product's base_variant_id). */
  public static void createBase(Handle h, long storeId, ObjectNode product) {
    long id = product.path("base_variant_id").asLong();
    ObjectNode v =
        Variant.create(id, product.get("id").asLong(), null, Json.MAPPER.createObjectNode());
    mirror(v, product);
    Variant.calculate(v, product);
    insert(h, storeId, v, true);
  }

  /** After a product write: refresh what its variants inherit and what the base variant mirrors. */
  public static void productChanged(Handle h, long storeId, ObjectNode product) {
    long productId = product.get("id").asLong();
    for (Row row : rows(h, storeId, productId)) {
      ObjectNode v = row.doc();
      if (row.base()) {
        mirror(v, product);
      }
      Variant.calculate(v, product);
      write(h, storeId, v, row.base());
    }
  }

  /**
   * Only the product's stock moved (orders taking or giving back product-level stock): its base
   * variant, if it has one, mirrors the new level. Nothing a variant calculates depends on stock,
   * so the option variants are left alone.
   */
  public static void productStockChanged(Handle h, long storeId, ObjectNode product) {
    long productId = product.get("id").asLong();
    List<Row> base =
        h.createQuery(
                "SELECT id, product_id, is_base, doc FROM variants"
                    + " WHERE store_id = ? AND product_id = ? AND is_base = 1")
            .bind(0, storeId)
            .bind(1, productId)
            .map(
                (rs, ctx) ->
                    new Row(
                        rs.getLong(1),
                        rs.getLong(2),
                        rs.getInt(3) == 1,
                        (ObjectNode) Json.tree(rs.getBytes(4))))
            .list();
    for (Row row : base) {
      ObjectNode v = row.doc();
      v.put("inventory_level", product.path("inventory_level").asLong());
      write(h, storeId, v, true);
    }
  }

  /** Variant {@code variantId} of product {@code productId} as stored; empty when there is none. */
  public static java.util.Optional<ObjectNode> variantOf(
      Handle h, long storeId, long productId, long variantId) {
    Row r = row(h, storeId, variantId);
    return r == null || r.productId() != productId
        ? java.util.Optional.empty()
        : java.util.Optional.of(r.doc());
  }

  /**
   * The option variant of the product whose option values are exactly {@code valueByOption} (option
   * id → option value id), as an order line selects it; empty when none matches.
   */
  public static java.util.Optional<ObjectNode> variantFor(
      Handle h, long storeId, long productId, Map<Long, Long> valueByOption) {
    for (Row r : rows(h, storeId, productId)) {
      JsonNode values = r.doc().path("option_values");
      if (r.base() || values.size() != valueByOption.size()) {
        continue;
      }
      boolean all = true;
      for (JsonNode ov : values) {
        Long want = valueByOption.get(ov.path("option_id").asLong());
        if (want == null || want != ov.path("id").asLong()) {
          all = false;
          break;
        }
      }
      if (all) {
        return java.util.Optional.of(r.doc());
      }
    }
    return java.util.Optional.empty();
  }

  /**
   * Adds {@code delta} (negative: takes) to a variant's stock in the caller's transaction, for
   * inventory tracked by variant: the variant's document and column, then the product's summed
   * level and {@code date_modified}. Callers hold the product row ({@link
   * ProductStore#lockForUpdate}) and check the level first. Returns the variant's new level.
   */
  public static long adjustInventory(
      Handle h, long storeId, long productId, long variantId, long delta, long now) {
    Row r = row(h, storeId, variantId);
    if (r == null || r.productId() != productId) {
      throw new IllegalStateException("variant " + variantId + " of " + productId + " is gone");
    }
    long level = r.doc().path("inventory_level").asLong() + delta;
    if (level < 0) {
      throw new IllegalStateException(
          "variant " + variantId + " inventory would become " + level + " (unchecked decrement)");
    }
    r.doc().put("inventory_level", level);
    write(h, storeId, r.doc(), r.base());
    skuInventoryEvent(h, storeId, now, "store/sku/inventory/order/updated", r.doc());
    ObjectNode product = ProductStore.docFor(h, storeId, productId);
    product.put("date_modified", dev.stockroom.api.Dates.v3(now));
    if (product.path("inventory_tracking").asText().equals("variant")) {
      productInventory(h, storeId, product);
    } else {
      ProductStore.rewrite(h, storeId, product);
    }
    return level;
  }

  /** The SKU is taken by a variant of another product (SKUs are unique per store). */
  public static boolean skuTaken(Handle h, long storeId, String sku, long exceptProduct) {
    if (sku.isEmpty()) {
      return false;
    }
    return Sql.firstLong(
            h,
            "SELECT 1 FROM variants WHERE store_id = ? AND sku = ? AND sku <> '' AND product_id <> ? LIMIT 1",
            storeId,
            sku,
            exceptProduct)
        .isPresent();
  }

  /** Deletes the variants, options and modifiers of the given products. */
  public static void deleteForProducts(Handle h, long storeId, List<Long> productIds) {
    for (int from = 0; from < productIds.size(); from += 500) {
      List<Long> chunk = productIds.subList(from, Math.min(productIds.size(), from + 500));
      String in = " WHERE store_id = ? AND product_id IN (" + Filters.marks(chunk.size()) + ")";
      var u = h.createUpdate("DELETE FROM variants" + in);
      var o = h.createUpdate("DELETE FROM product_options" + in);
      u.bind(0, storeId);
      o.bind(0, storeId);
      for (int i = 0; i < chunk.size(); i++) {
        u.bind(i + 1, chunk.get(i));
        o.bind(i + 1, chunk.get(i));
      }
      Database.count(h, storeId, TABLE, -u.execute());
      o.execute();
    }
  }

  /** Each product's variants (UTF-8 JSON docs), in id order, for {@code include=variants}. */
  public static Map<Long, List<byte[]>> forProducts(Handle h, long storeId, List<Long> productIds) {
    return OptionStore.grouped(h, storeId, productIds, "SELECT product_id, doc FROM variants", "");
  }

  // ---- the routes' operations ----

  record Row(long id, long productId, boolean base, ObjectNode doc) {}

  static List<Row> rows(Handle h, long storeId, long productId) {
    return h.createQuery(
            "SELECT id, product_id, is_base, doc FROM variants WHERE store_id = ? AND product_id = ? ORDER BY id")
        .bind(0, storeId)
        .bind(1, productId)
        .map(
            (rs, ctx) ->
                new Row(
                    rs.getLong(1),
                    rs.getLong(2),
                    rs.getInt(3) == 1,
                    (ObjectNode) Json.tree(rs.getString(4))))
        .list();
  }

  private static @Nullable Row row(Handle h, long storeId, long id) {
    return h.createQuery(
            "SELECT id, product_id, is_base, doc FROM variants WHERE store_id = ? AND id = ?")
        .bind(0, storeId)
        .bind(1, id)
        .map(
            (rs, ctx) ->
                new Row(
                    rs.getLong(1),
                    rs.getLong(2),
                    rs.getInt(3) == 1,
                    (ObjectNode) Json.tree(rs.getString(4))))
        .findOne()
        .orElse(null);
  }

  Docs.Page page(Tenant t, long productId, Paging paging) {
    return db.read(
        h -> {
          ProductStore.require(h, t.id(), productId);
          return Docs.page(
              h,
              TABLE,
              t.id(),
              new Filters.Where("product_id = ?", List.of(productId), 1),
              "id asc",
              paging);
        });
  }

  Docs.Page pageAll(Tenant t, Filters.Where where, Paging paging) {
    return db.read(h -> Docs.page(h, TABLE, t.id(), where, "id asc", paging));
  }

  byte[] get(Tenant t, long productId, long id) {
    return db.read(
        h -> {
          ProductStore.require(h, t.id(), productId);
          Row r = row(h, t.id(), id);
          if (r == null || r.productId() != productId) {
            throw notFound(productId, id);
          }
          return Json.write(r.doc());
        });
  }

  private static ApiException.NotFound notFound(long productId, long id) {
    return new ApiException.NotFound("Variant " + id + " of product " + productId + " not found.");
  }

  ObjectNode create(Tenant t, long productId, ObjectNode input) {
    return db.write(h -> create(h, t, productId, input, "", clock.millis()));
  }

  /** Creates one option variant; {@code input} is checked against {@link Variant#SCHEMA}. */
  static ObjectNode create(
      Handle h, Tenant t, long productId, ObjectNode input, String prefix, long now) {
    ProductStore.lockForUpdate(h, t.id(), productId);
    ObjectNode product = ProductStore.docFor(h, t.id(), productId);
    List<Row> existing = rows(h, t.id(), productId);
    long optionVariants = existing.stream().filter(r -> !r.base()).count();
    t.limits()
        .check("skus_per_product", optionVariants + 1, "variants (SKUs) on product " + productId);
    ArrayNode values = resolveValues(h, t.id(), productId, input.get("option_values"), prefix);
    checkCombination(existing, values, 0, prefix);
    String sku = input.path("sku").asText();
    checkSku(h, t.id(), sku, productId, 0, prefix);
    for (Row r : existing) {
      if (r.base()) {
        delete(h, t.id(), r.id());
        product.putNull("base_variant_id");
        ProductStore.rewrite(h, t.id(), product);
      }
    }
    long id = Database.nextId(h, t.id(), TABLE);
    ObjectNode v = Variant.create(id, productId, Database.nextId(h, t.id(), "skus"), input);
    v.set("option_values", values);
    Variant.calculate(v, product);
    insert(h, t.id(), v, false);
    productInventory(h, t.id(), product);
    skuEvent(h, t.id(), now, "store/sku/created", v);
    return v;
  }

  /** contract: spec-digest §7 — {type: sku, id, sku: {product_id, variant_id}}. */
  private static void skuEvent(Handle h, long storeId, long now, String scope, ObjectNode v) {
    ObjectNode data = Events.data(scope, v.path("id").asLong());
    data.putObject("sku")
        .put("product_id", v.path("product_id").asLong())
        .put("variant_id", v.path("id").asLong());
    Events.emit(h, storeId, now, scope, data);
  }

  private static void skuInventoryEvent(
      Handle h, long storeId, long now, String scope, ObjectNode v) {
    ObjectNode data = Events.data(scope, v.path("id").asLong());
    data.putObject("inventory")
        .put("product_id", v.path("product_id").asLong())
        .put("method", "absolute")
        .put("value", v.path("inventory_level").asLong())
        .put("variant_id", v.path("id").asLong());
    Events.emit(h, storeId, now, scope, data);
  }

  ObjectNode update(Tenant t, long productId, long id, ObjectNode input) {
    return db.write(h -> update(h, t, productId, id, input, "", clock.millis()));
  }

  static ObjectNode update(
      Handle h, Tenant t, long productId, long id, ObjectNode input, String prefix, long now) {
    Row r = row(h, t.id(), id);
    if (r == null || (productId != 0 && r.productId() != productId)) {
      throw productId == 0
          ? new ApiException.NotFound(
              "Variant " + id + " not found" + (prefix.isEmpty() ? "." : " (item " + prefix + ")."))
          : notFound(productId, id);
    }
    long pid = r.productId();
    ProductStore.lockForUpdate(h, t.id(), pid);
    if (input.has("product_id") && input.get("product_id").asLong() != pid) {
      throw ApiException.Invalid.field(
          prefix + "product_id", "a variant cannot move to another product");
    }
    ObjectNode product = ProductStore.docFor(h, t.id(), pid);
    ObjectNode v = r.doc();
    long levelBefore = v.path("inventory_level").asLong();
    if (input.has("option_values")) {
      if (r.base()) {
        if (!input.get("option_values").isEmpty()) {
          throw ApiException.Invalid.field(
              prefix + "option_values",
              "the base variant has no option values; create option variants with POST instead");
        }
      } else {
        ArrayNode values = resolveValues(h, t.id(), pid, input.get("option_values"), prefix);
        checkCombination(rows(h, t.id(), pid), values, id, prefix);
        v.set("option_values", values);
      }
    }
    if (input.has("sku")) {
      checkSku(h, t.id(), input.get("sku").asText(), pid, id, prefix);
    }
    Variant.merge(v, input);
    if (r.base()) {
      // The base variant's SKU, UPC and inventory are the product's: keep both in step.
      ObjectNode change = Json.MAPPER.createObjectNode();
      for (String f : List.of("sku", "upc", "inventory_level", "inventory_warning_level")) {
        if (input.has(f) && !input.get(f).isNull()) {
          change.set(f, input.get(f));
        }
      }
      if (!change.isEmpty()) {
        product = ProductStore.updateFromVariant(h, t, pid, change, now);
      }
    }
    Variant.calculate(v, product);
    write(h, t.id(), v, r.base());
    productInventory(h, t.id(), product);
    skuEvent(h, t.id(), now, "store/sku/updated", v);
    if (v.path("inventory_level").asLong() != levelBefore) {
      skuInventoryEvent(h, t.id(), now, "store/sku/inventory/updated", v);
    }
    return v;
  }

  void delete(Tenant t, long productId, long id) {
    db.write(
        h -> {
          ProductStore.lockForUpdate(h, t.id(), productId);
          ObjectNode product = ProductStore.docFor(h, t.id(), productId);
          Row r = row(h, t.id(), id);
          if (r == null || r.productId() != productId) {
            throw notFound(productId, id);
          }
          if (r.base()) {
            throw new ApiException.Conflict(
                "Variant "
                    + id
                    + " is the base variant of product "
                    + productId
                    + "; a product keeps one. Delete the product, or create option variants, which replace it.",
                Map.of("id", "the base variant cannot be deleted"));
          }
          delete(h, t.id(), id);
          restoreBaseIfNone(h, t.id(), product);
          productInventory(h, t.id(), product);
          long now = clock.millis();
          skuEvent(h, t.id(), now, "store/sku/deleted", r.doc());
          // contract: spec-digest §7 — product/updated fires when a variant is deleted
          Events.emit(h, t.id(), now, "store/product/updated", productId);
          return null;
        });
  }

  /** Deletes option variants that use any of {@code valueIds} (an option or value went). */
  static void deleteUsing(Handle h, long storeId, ObjectNode product, Set<Long> valueIds) {
    for (Row r : rows(h, storeId, product.get("id").asLong())) {
      for (JsonNode ov : r.doc().path("option_values")) {
        if (valueIds.contains(ov.path("id").asLong())) {
          delete(h, storeId, r.id());
          break;
        }
      }
    }
    restoreBaseIfNone(h, storeId, product);
    productInventory(h, storeId, product);
  }

  /** After an option or value rename: the labels copied into variants follow. */
  static void relabel(Handle h, long storeId, long productId, Map<Long, String[]> labels) {
    for (Row r : rows(h, storeId, productId)) {
      boolean changed = false;
      for (JsonNode ov : r.doc().path("option_values")) {
        String[] l = labels.get(ov.path("id").asLong());
        if (l != null) {
          ((ObjectNode) ov).put("label", l[0]).put("option_display_name", l[1]);
          changed = true;
        }
      }
      if (changed) {
        write(h, storeId, r.doc(), r.base());
      }
    }
  }

  private static void restoreBaseIfNone(Handle h, long storeId, ObjectNode product) {
    long productId = product.get("id").asLong();
    long left =
        h.createQuery("SELECT COUNT(*) FROM variants WHERE store_id = ? AND product_id = ?")
            .bind(0, storeId)
            .bind(1, productId)
            .mapTo(Long.class)
            .one();
    if (left == 0) {
      product.put("base_variant_id", Database.nextId(h, storeId, TABLE));
      createBase(h, storeId, product);
      ProductStore.rewrite(h, storeId, product);
    }
  }

  /**
   * With inventory tracked by variant, the product's level is the sum of its variants' (the product
   * row is written then; otherwise nothing is).
   */
  private static void productInventory(Handle h, long storeId, ObjectNode product) {
    if (!product.path("inventory_tracking").asText().equals("variant")) {
      return;
    }
    long sum =
        h.createQuery(
                "SELECT COALESCE(SUM(inventory_level), 0) FROM variants WHERE store_id = ? AND product_id = ?")
            .bind(0, storeId)
            .bind(1, product.get("id").asLong())
            .mapTo(Long.class)
            .one();
    product.put("inventory_level", sum);
    ProductStore.rewrite(h, storeId, product);
  }

  /**
   * Checks option_values ({id, option_id}) against the product's options: every option once, each
   * value one of that option's. Returns them as served (with label and option_display_name).
   */
  private static ArrayNode resolveValues(
      Handle h, long storeId, long productId, @Nullable JsonNode given, String prefix) {
    return resolveValues(options(h, storeId, productId), productId, given, prefix);
  }

  private static Map<Long, ObjectNode> options(Handle h, long storeId, long productId) {
    Map<Long, ObjectNode> options = new LinkedHashMap<>();
    for (ObjectNode o : OptionStore.docs(h, storeId, productId, Option.Kind.OPTION)) {
      options.put(o.get("id").asLong(), o);
    }
    return options;
  }

  private static ArrayNode resolveValues(
      Map<Long, ObjectNode> options, long productId, @Nullable JsonNode given, String prefix) {
    String field = prefix + "option_values";
    if (options.isEmpty()) {
      throw ApiException.Invalid.field(
          field,
          "product "
              + productId
              + " has no variant options; create options (POST .../options) before option variants");
    }
    if (given == null || given.isEmpty()) {
      throw ApiException.Invalid.field(
          field, "is required: one value for each of the product's options");
    }
    Map<String, String> errors = new LinkedHashMap<>();
    ArrayNode out = Json.MAPPER.createArrayNode();
    Set<Long> seen = new HashSet<>();
    for (int i = 0; i < given.size(); i++) {
      JsonNode ov = given.get(i);
      String at = field + "." + i;
      if (!ov.has("id") || !ov.has("option_id")) {
        errors.put(at, "needs id (the option value) and option_id");
        continue;
      }
      long optionId = ov.get("option_id").asLong();
      ObjectNode option = options.get(optionId);
      if (option == null) {
        errors.put(
            at + ".option_id", "option " + optionId + " is not an option of product " + productId);
        continue;
      }
      if (!seen.add(optionId)) {
        errors.put(at + ".option_id", "option " + optionId + " is given twice");
        continue;
      }
      JsonNode value = null;
      for (JsonNode candidate : option.path("option_values")) {
        if (candidate.path("id").asLong() == ov.get("id").asLong()) {
          value = candidate;
        }
      }
      if (value == null) {
        errors.put(
            at + ".id", "value " + ov.get("id").asLong() + " is not a value of option " + optionId);
        continue;
      }
      ObjectNode served = out.addObject();
      served.put("id", value.get("id").asLong());
      served.put("label", value.path("label").asText());
      served.put("option_id", optionId);
      served.put("option_display_name", option.path("display_name").asText());
    }
    if (errors.isEmpty() && seen.size() != options.size()) {
      List<Long> missing = new ArrayList<>(options.keySet());
      missing.removeAll(seen);
      errors.put(
          field, "needs a value for every option of the product; missing options " + missing);
    }
    if (!errors.isEmpty()) {
      throw new ApiException.Invalid("JSON data is missing or invalid", errors);
    }
    return out;
  }

  private static void checkCombination(
      List<Row> existing, ArrayNode values, long self, String prefix) {
    Set<Long> wanted = ids(values);
    for (Row r : existing) {
      if (r.id() != self && !r.base() && ids(r.doc().path("option_values")).equals(wanted)) {
        throw new ApiException.Conflict(
            "Variant "
                + r.id()
                + " already has these option values; each combination is one variant.",
            Map.of(prefix + "option_values", "the same as variant " + r.id()));
      }
    }
  }

  private static Set<Long> ids(JsonNode values) {
    Set<Long> s = new HashSet<>();
    values.forEach(v -> s.add(v.path("id").asLong()));
    return s;
  }

  private static void checkSku(
      Handle h, long storeId, String sku, long productId, long self, String prefix) {
    if (sku.isEmpty()) {
      return;
    }
    boolean clash =
        h.createQuery(
                        "SELECT COUNT(*) FROM variants WHERE store_id = ? AND sku = ? AND sku <> '' AND id <> ?")
                    .bind(0, storeId)
                    .bind(1, sku)
                    .bind(2, self)
                    .mapTo(Long.class)
                    .one()
                > 0
            || ProductStore.skuTakenByProduct(h, storeId, sku, productId);
    if (clash) {
      throw new ApiException.Conflict(
          "The SKU '" + sku + "' is a duplicate; SKUs must be unique.",
          Map.of(prefix + "sku", "A product or variant with SKU '" + sku + "' already exists."));
    }
  }

  private static void mirror(ObjectNode v, ObjectNode product) {
    v.put("sku", product.path("sku").asText());
    v.put("upc", product.path("upc").asText());
    v.put("inventory_level", product.path("inventory_level").asLong());
    v.put("inventory_warning_level", product.path("inventory_warning_level").asLong());
  }

  private static void insert(Handle h, long storeId, ObjectNode v, boolean base) {
    h.createUpdate(
            "INSERT INTO variants (store_id, id, product_id, sku, is_base, inventory_level, calculated_price, doc) VALUES (?, ?, ?, ?, ?, ?, ?, ?)")
        .bind(0, storeId)
        .bind(1, v.get("id").asLong())
        .bind(2, v.get("product_id").asLong())
        .bind(3, v.path("sku").asText())
        .bind(4, base ? 1 : 0)
        .bind(5, v.path("inventory_level").asLong(0))
        .bind(6, v.path("calculated_price").asDouble())
        .bind(7, Json.text(v))
        .execute();
    Database.count(h, storeId, TABLE, 1);
  }

  private static void write(Handle h, long storeId, ObjectNode v, boolean base) {
    h.createUpdate(
            "UPDATE variants SET sku = ?, is_base = ?, inventory_level = ?, calculated_price = ?, doc = ? WHERE store_id = ? AND id = ?")
        .bind(0, v.path("sku").asText())
        .bind(1, base ? 1 : 0)
        .bind(2, v.path("inventory_level").asLong(0))
        .bind(3, v.path("calculated_price").asDouble())
        .bind(4, Json.text(v))
        .bind(5, storeId)
        .bind(6, v.get("id").asLong())
        .execute();
  }

  private static void delete(Handle h, long storeId, long id) {
    MetafieldStore.deleteForVariants(h, storeId, List.of(id));
    int n =
        h.createUpdate("DELETE FROM variants WHERE store_id = ? AND id = ?")
            .bind(0, storeId)
            .bind(1, id)
            .execute();
    Database.count(h, storeId, TABLE, -n);
  }

  /** Batch PUT /catalog/variants: updates by id, or creates when an item has no id. */
  List<ObjectNode> updateAll(Tenant t, List<ObjectNode> items) {
    long now = clock.millis();
    return db.write(
        h -> {
          List<ObjectNode> out = new ArrayList<>();
          for (int i = 0; i < items.size(); i++) {
            ObjectNode item = items.get(i);
            String prefix = i + ".";
            if (item.has("id")) {
              long id = item.get("id").asLong();
              ObjectNode in = item.deepCopy();
              in.remove("id");
              out.add(update(h, t, 0, id, in, prefix, now));
            } else {
              out.add(create(h, t, item.path("product_id").asLong(), item, prefix, now));
            }
          }
          return out;
        });
  }

  /**
   * Creates the given variants (from a product POST, on a product with no variants yet whose
   * options now exist) with one check of every SKU and one batch insert.
   */
  static void createAll(Handle h, Tenant t, long productId, List<ObjectNode> variants, long now) {
    ObjectNode product = ProductStore.docFor(h, t.id(), productId);
    t.limits()
        .check("skus_per_product", variants.size(), "variants (SKUs) on product " + productId);
    Map<Long, ObjectNode> options = options(h, t.id(), productId);
    List<ArrayNode> combos = new ArrayList<>();
    Map<Set<Long>, Integer> seen = new HashMap<>();
    Map<String, Integer> skus = new LinkedHashMap<>();
    for (int i = 0; i < variants.size(); i++) {
      String prefix = "variants." + i + ".";
      ArrayNode values =
          resolveValues(options, productId, variants.get(i).get("option_values"), prefix);
      Integer same = seen.putIfAbsent(ids(values), i);
      if (same != null) {
        throw new ApiException.Conflict(
            "Variants "
                + same
                + " and "
                + i
                + " have the same option values; each combination is one variant.",
            Map.of(prefix + "option_values", "the same as variants." + same));
      }
      String sku = variants.get(i).path("sku").asText();
      Integer twice = skus.putIfAbsent(sku, i);
      if (twice != null) {
        throw new ApiException.Conflict(
            "The SKU '" + sku + "' is given twice; SKUs must be unique.",
            Map.of(prefix + "sku", "the same as variants." + twice + ".sku"));
      }
      combos.add(values);
    }
    List<String> taken = takenSkus(h, t.id(), new ArrayList<>(skus.keySet()), productId);
    if (!taken.isEmpty()) {
      String sku = taken.get(0);
      throw new ApiException.Conflict(
          "The SKU '" + sku + "' is a duplicate; SKUs must be unique.",
          Map.of(
              "variants." + skus.get(sku) + ".sku",
              "A product or variant with SKU '" + sku + "' already exists."));
    }
    long firstId = Database.nextIds(h, t.id(), TABLE, variants.size());
    long firstSku = Database.nextIds(h, t.id(), "skus", variants.size());
    List<ObjectNode> created = new ArrayList<>();
    var batch =
        h.prepareBatch(
            "INSERT INTO variants (store_id, id, product_id, sku, is_base, inventory_level, calculated_price, doc)"
                + " VALUES (?, ?, ?, ?, 0, ?, ?, ?)");
    for (int i = 0; i < variants.size(); i++) {
      ObjectNode v = Variant.create(firstId + i, productId, firstSku + i, variants.get(i));
      v.set("option_values", combos.get(i));
      Variant.calculate(v, product);
      created.add(v);
      batch
          .bind(0, t.id())
          .bind(1, firstId + i)
          .bind(2, productId)
          .bind(3, v.path("sku").asText())
          .bind(4, v.path("inventory_level").asLong(0))
          .bind(5, v.path("calculated_price").asDouble())
          .bind(6, Json.text(v))
          .add();
    }
    batch.execute();
    Database.count(h, t.id(), TABLE, variants.size());
    productInventory(h, t.id(), product);
    for (ObjectNode v : created) {
      skuEvent(h, t.id(), now, "store/sku/created", v);
    }
  }

  /** Which of {@code skus} a variant (of any product) or another product already has. */
  private static List<String> takenSkus(Handle h, long storeId, List<String> skus, long productId) {
    List<String> out = new ArrayList<>();
    List<String> wanted = skus.stream().filter(x -> !x.isEmpty()).toList();
    for (int from = 0; from < wanted.size(); from += 400) {
      List<String> chunk = wanted.subList(from, Math.min(wanted.size(), from + 400));
      String in = "(" + Filters.marks(chunk.size()) + ")";
      var q =
          h.createQuery(
              // "sku <> ''" lets both databases use the partial unique indexes on sku.
              "SELECT sku FROM variants WHERE store_id = ? AND sku IN "
                  + in
                  + " AND sku <> '' UNION ALL SELECT sku FROM products WHERE store_id = ? AND sku IN "
                  + in
                  + " AND sku <> '' AND id <> ?");
      int at = 0;
      q.bind(at++, storeId);
      for (String sku : chunk) {
        q.bind(at++, sku);
      }
      q.bind(at++, storeId);
      for (String sku : chunk) {
        q.bind(at++, sku);
      }
      q.bind(at, productId);
      out.addAll(q.mapTo(String.class).list());
    }
    return out;
  }
}
