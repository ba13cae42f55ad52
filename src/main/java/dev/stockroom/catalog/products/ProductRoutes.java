package dev.stockroom.catalog.products;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.stockroom.api.ApiException;
import dev.stockroom.api.Batch;
import dev.stockroom.api.Call;
import dev.stockroom.api.Dates;
import dev.stockroom.api.Envelope;
import dev.stockroom.api.Fields;
import dev.stockroom.api.Filters;
import dev.stockroom.api.Json;
import dev.stockroom.api.Paging;
import dev.stockroom.api.Reply;
import dev.stockroom.api.Router;
import dev.stockroom.api.Routes;
import dev.stockroom.api.Scheduler;
import dev.stockroom.api.Status;
import dev.stockroom.catalog.products.variants.OptionStore;
import dev.stockroom.catalog.products.variants.VariantStore;
import dev.stockroom.db.Docs;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * {@code /v3/catalog/products}: list, create, get, update, delete, batch update, collection delete.
 */
public final class ProductRoutes implements Routes {
  private static final String PRODUCTS = "/stores/{store_hash}/v3/catalog/products";
  private static final String PRODUCT = PRODUCTS + "/{product_id}";

  static final Filters FILTERS =
      new Filters()
          .integer("id", "id", Filters.RANGE)
          .text("name", "name", EnumSet.of(Filters.Op.EQ, Filters.Op.LIKE, Filters.Op.IN))
          .custom(
              "sku",
              EnumSet.of(Filters.Op.EQ, Filters.Op.IN, Filters.Op.NOT_IN, Filters.Op.LIKE),
              ProductRoutes::sku)
          .text("upc", "upc", EnumSet.of(Filters.Op.EQ))
          .choice("type", "product_type", "physical", "digital")
          .number("price", "price", Filters.RANGE)
          .number("weight", "weight", Filters.RANGE)
          .choice("condition", "LOWER(item_condition)", "new", "used", "refurbished")
          .integer(
              "brand_id", "brand_id", EnumSet.of(Filters.Op.EQ, Filters.Op.IN, Filters.Op.NOT_IN))
          .date(
              "date_modified",
              "date_modified",
              EnumSet.of(
                  Filters.Op.EQ,
                  Filters.Op.MIN,
                  Filters.Op.MAX,
                  Filters.Op.GREATER,
                  Filters.Op.LESS))
          .date(
              "date_last_imported",
              "date_last_imported",
              EnumSet.of(
                  Filters.Op.EQ,
                  Filters.Op.MIN,
                  Filters.Op.MAX,
                  Filters.Op.GREATER,
                  Filters.Op.LESS))
          .bool("is_visible", "is_visible")
          .bool("is_featured", "is_featured")
          .bool("is_free_shipping", "is_free_shipping")
          .integer("inventory_level", "inventory_level", Filters.RANGE)
          .custom(
              "inventory_low",
              EnumSet.of(Filters.Op.EQ),
              (op, v, binds) ->
                  flag(
                      v.get(0),
                      "inventory_tracking <> 'none' AND inventory_level <= inventory_warning_level"))
          .custom(
              "out_of_stock",
              EnumSet.of(Filters.Op.EQ),
              (op, v, binds) ->
                  flag(v.get(0), "inventory_tracking <> 'none' AND inventory_level = 0"))
          .integer("total_sold", "total_sold", Filters.RANGE)
          .choice("availability", "availability", "available", "disabled", "preorder")
          .custom("categories", EnumSet.of(Filters.Op.EQ, Filters.Op.IN), ProductRoutes::categories)
          .custom(
              "keyword",
              EnumSet.of(Filters.Op.EQ),
              (op, v, binds) -> {
                binds.add("%" + v.get(0).toLowerCase(Locale.ROOT) + "%");
                return "keywords LIKE ?";
              })
          .custom("keyword_context", EnumSet.of(Filters.Op.EQ), (op, v, binds) -> "")
          .custom("status", EnumSet.of(Filters.Op.EQ), (op, v, binds) -> "");

  private static final Map<String, String> SORTS =
      Map.of(
          "id", "id",
          "name", "name",
          "sku", "sku",
          "price", "price",
          "date_modified", "date_modified",
          "date_last_imported", "COALESCE(date_last_imported, 0)",
          "inventory_level", "inventory_level",
          "is_visible", "is_visible",
          "total_sold", "total_sold");

  /** What {@code include=} may name (catalog.v3 GET /catalog/products). */
  static final List<String> INCLUDES =
      List.of(
          "variants",
          "images",
          "custom_fields",
          "bulk_pricing_rules",
          "primary_image",
          "modifiers",
          "options",
          "videos");

  private final ProductStore store;
  private final int batchLimit;
  private final Scheduler scheduler;
  private final Map<String, Include> includes = new LinkedHashMap<>();
  private final List<Nested> nested;
  private final List<String> servedSubs;

  /**
   * @param more the includes served by other features (images, custom fields, …)
   */
  public ProductRoutes(
      ProductStore store,
      int batchLimit,
      List<Include> more,
      List<Nested> nested,
      Scheduler scheduler) {
    this.store = store;
    this.scheduler = scheduler;
    this.batchLimit = batchLimit;
    this.nested = List.copyOf(nested);
    List<String> subs = new ArrayList<>(List.of("variants"));
    nested.forEach(n -> subs.add(n.field()));
    this.servedSubs = List.copyOf(subs);
    for (Include i :
        List.of(
            Include.list("variants", VariantStore::forProducts),
            Include.list("options", (h, s, ids) -> OptionStore.forProducts(h, s, ids, false)),
            Include.list("modifiers", (h, s, ids) -> OptionStore.forProducts(h, s, ids, true)))) {
      includes.put(i.name(), i);
    }
    more.forEach(i -> includes.put(i.name(), i));
  }

  /** The includes asked for, in the order asked; unknown ones are a 422 naming the known. */
  private List<Include> includes(Call c) {
    List<Include> out = new ArrayList<>();
    String raw = c.query().first("include").orElse("");
    for (String name : raw.split(",")) {
      String n = name.trim();
      if (n.isEmpty()) {
        continue;
      }
      Include inc = includes.get(n);
      if (inc == null) {
        throw ApiException.Invalid.field(
            "include",
            INCLUDES.contains(n)
                ? "'"
                    + n
                    + "' is not served by this version of Stockroom yet; it serves "
                    + String.join(", ", includes.keySet())
                : "must be a comma-separated list of: " + String.join(", ", INCLUDES));
      }
      if (!out.contains(inc)) {
        out.add(inc);
      }
    }
    return out;
  }

  @Override
  public void register(Router r) {
    r.get(PRODUCTS, this::list)
        .post(PRODUCTS, this::create)
        .put(PRODUCTS, this::updateBatch)
        .delete(PRODUCTS, this::deleteMany)
        .get(PRODUCT, this::get)
        .put(PRODUCT, this::update)
        .delete(PRODUCT, this::delete);
  }

  private static String flag(String v, String condition) {
    return switch (v.toLowerCase(Locale.ROOT)) {
      case "1", "true" -> "(" + condition + ")";
      case "0", "false" -> "NOT (" + condition + ")";
      default -> throw new IllegalArgumentException("must be true, false, 1 or 0");
    };
  }

  /** SKU filters name "sku <> ''" so that both databases use the partial unique index. */
  private static String sku(Filters.Op op, List<String> values, List<Object> binds) {
    for (String v : values) {
      if (v.indexOf(0) >= 0) {
        throw new IllegalArgumentException("must not contain NUL characters");
      }
    }
    if (op == Filters.Op.LIKE) {
      binds.add("%" + values.get(0).toLowerCase(Locale.ROOT) + "%");
      return "LOWER(sku) LIKE ?";
    }
    binds.addAll(values);
    String in = "(" + Filters.marks(values.size()) + ")";
    return switch (op) {
      case EQ, IN -> "sku IN " + in + " AND sku <> ''";
      default -> "sku NOT IN " + in;
    };
  }

  private static String categories(Filters.Op op, List<String> values, List<Object> binds) {
    for (String v : values) {
      binds.add(Filters.parseLong(v));
    }
    return "id IN (SELECT pc.product_id FROM product_categories pc WHERE pc.store_id = products.store_id"
        + " AND pc.category_id IN ("
        + Filters.marks(values.size())
        + "))";
  }

  static String orderBy(Call c) {
    String sort = c.query().first("sort").orElse("id");
    String column = SORTS.get(sort);
    if (column == null) {
      throw ApiException.Invalid.field(
          "sort", "must be one of: " + String.join(", ", new java.util.TreeSet<>(SORTS.keySet())));
    }
    String direction = c.query().first("direction").orElse("asc").toLowerCase(Locale.ROOT);
    if (!direction.equals("asc") && !direction.equals("desc")) {
      throw ApiException.Invalid.field("direction", "must be asc or desc");
    }
    return column.equals("id") ? "id " + direction : column + " " + direction + ", id " + direction;
  }

  private Reply list(Call c) {
    List<Include> inc = includes(c);
    Paging paging = Paging.of(c.query());
    if (paging.limit() > 10
        && inc.stream().anyMatch(i -> i.name().equals("options") || i.name().equals("modifiers"))) {
      // contract: catalog.v3 — "include=options|modifiers: results are limited to 10 per page"
      paging = new Paging(paging.page(), 10);
    }
    Fields fields = Fields.of(c.query());
    String orderBy = orderBy(c);
    Docs.Page page = store.page(c.tenant(), FILTERS.parse(c.query()), orderBy, paging, fields, inc);
    return Reply.json(
        Status.OK, Envelope.docs(page.docs(), page.total(), paging, c.query(), Fields.ALL));
  }

  private Reply get(Call c) {
    Docs.Dated d = store.get(c.tenant(), c.id("product_id"), Fields.of(c.query()), includes(c));
    Reply r = Reply.json(Status.OK, Envelope.doc(d.doc(), Fields.ALL));
    return d.modified() > 0 ? r.header("Last-Modified", Dates.http(d.modified())) : r;
  }

  private ObjectNode input(JsonNode body, String prefix, List<String> required, boolean create) {
    if (body.isObject()) {
      for (String sub : Product.NOT_YET) {
        if (body.has(sub) && !servedSubs.contains(sub)) {
          throw ApiException.Invalid.field(
              prefix + sub,
              "is not taken in a product body; manage "
                  + sub
                  + " at /catalog/products/{product_id}/"
                  + sub.replace('_', '-')
                  + " (a product body takes "
                  + String.join(", ", servedSubs)
                  + ")");
        }
      }
    }
    ObjectNode in = ownFields(body, prefix, required);
    Map<String, String> errors = new LinkedHashMap<>();
    for (Nested n : nested) {
      JsonNode given = body.get(n.field());
      if (given == null) {
        continue;
      }
      if (!given.isArray()) {
        errors.put(prefix + n.field(), "must be an array");
        continue;
      }
      com.fasterxml.jackson.databind.node.ArrayNode out = in.putArray(n.field());
      for (int i = 0; i < given.size(); i++) {
        String at = prefix + n.field() + "." + i + ".";
        if (!create && given.get(i).has("id")) {
          errors.put(
              at + "id",
              "a product PUT adds new "
                  + n.field()
                  + "; change an existing one at /catalog/products/{product_id}/"
                  + n.field().replace('_', '-')
                  + "/{id}");
        } else {
          out.add(n.check().check(given.get(i), at, errors));
        }
      }
    }
    if (!errors.isEmpty()) {
      throw new ApiException.Invalid("JSON data is missing or invalid", errors);
    }
    return in;
  }

  private ObjectNode ownFields(JsonNode body, String prefix, List<String> required) {
    if (body.isObject() && !servedSubs.isEmpty()) {
      ObjectNode own = ((ObjectNode) body).deepCopy();
      own.remove(servedSubs); // checked by their own schema
      return Product.SCHEMA.check(own, prefix, required);
    }
    return Product.SCHEMA.check(body, prefix, required);
  }

  private Reply create(Call c) {
    JsonNode body = c.json();
    ObjectNode in = input(body, "", List.of("name", "type", "weight", "price"), true);
    JsonNode variants = null;
    if (body.has("variants")) {
      variants = checkVariants(body.get("variants"));
    }
    ObjectNode doc = store.create(c.tenant(), c.clientId(), in, variants);
    Fields fields = Fields.of(c.query());
    return Reply.created(
        Json.write(Envelope.single(fields.apply(doc))),
        c.basePath() + "/catalog/products/" + doc.get("id").asLong());
  }

  /** A product POST's {@code variants}: each with a SKU and {option_display_name, label} pairs. */
  private static JsonNode checkVariants(JsonNode given) {
    if (!given.isArray()) {
      throw ApiException.Invalid.field("variants", "must be an array of variants");
    }
    Map<String, String> errors = new LinkedHashMap<>();
    com.fasterxml.jackson.databind.node.ArrayNode out = Json.MAPPER.createArrayNode();
    for (int i = 0; i < given.size(); i++) {
      String prefix = "variants." + i + ".";
      ObjectNode v = VariantStore.IN_PRODUCT.collect(given.get(i), prefix, List.of("sku"), errors);
      JsonNode ovs = given.get(i).path("option_values");
      if (ovs.isEmpty()) {
        errors.put(
            prefix + "option_values",
            "is required: the option_display_name and label of each option");
      }
      for (int j = 0; j < ovs.size(); j++) {
        for (String f : List.of("option_display_name", "label")) {
          if (!ovs.get(j).has(f)) {
            errors.put(prefix + "option_values." + j + "." + f, "is required");
          }
        }
      }
      out.add(v);
    }
    if (!errors.isEmpty()) {
      throw new ApiException.Invalid("JSON data is missing or invalid", errors);
    }
    return out;
  }

  /**
   * A product PUT's {@code variants} update existing variants by id (product_Put); new ones are
   * created with POST …/variants.
   */
  private static void putVariants(JsonNode body, ObjectNode in, String prefix) {
    JsonNode given = body.get("variants");
    if (given == null) {
      return;
    }
    if (!given.isArray()) {
      throw ApiException.Invalid.field(prefix + "variants", "must be an array of variants");
    }
    Map<String, String> errors = new LinkedHashMap<>();
    com.fasterxml.jackson.databind.node.ArrayNode out = in.putArray("variants");
    for (int i = 0; i < given.size(); i++) {
      String at = prefix + "variants." + i + ".";
      if (given.get(i).isObject() && !given.get(i).has("id")) {
        errors.put(
            at + "id",
            "is required: a product PUT updates existing variants; create new ones with POST /catalog/products/{id}/variants");
      }
      out.add(VariantStore.IN_PRODUCT_PUT.collect(given.get(i), at, List.of(), errors));
    }
    if (!errors.isEmpty()) {
      throw new ApiException.Invalid("JSON data is missing or invalid", errors);
    }
  }

  private Reply update(Call c) {
    long id = c.id("product_id");
    // contract: catalog.v3 — product_Put inherits required fields, but PUT is partial (§8 #18).
    ObjectNode in = input(c.json(), "", List.of(), false);
    putVariants(c.json(), in, "");
    return Reply.ok(
        Envelope.single(
            Fields.of(c.query()).apply(store.update(c.tenant(), c.clientId(), id, in))));
  }

  private Reply updateBatch(Call c) {
    JsonNode body = c.json();
    Batch.check(body, batchLimit, "products, each with its id");
    Map<String, String> errors = new LinkedHashMap<>();
    List<Map.Entry<Long, ObjectNode>> items = new ArrayList<>();
    for (int i = 0; i < body.size(); i++) {
      JsonNode item = body.get(i);
      String prefix = i + ".";
      JsonNode id = item.get("id");
      if (id == null
          || !id.isIntegralNumber()
          || !id.canConvertToLong()
          || id.asLong() < 1
          || id.asLong() > Product.MAX_ID) {
        errors.put(prefix + "id", id == null ? "is required" : "must be a product id");
      }
      try {
        ObjectNode in = input(item, prefix, List.of(), false);
        putVariants(item, in, prefix);
        items.add(Map.entry(id == null ? 0 : id.asLong(), in));
      } catch (ApiException.Invalid e) {
        errors.putAll(e.errors());
      }
    }
    if (!errors.isEmpty()) {
      throw new ApiException.Invalid("JSON data is missing or invalid", errors);
    }
    if (scheduler.defers(c, items.size())) {
      return scheduler.schedule(
          c, "products.update", c.basePath() + "/catalog/products", items.size());
    }
    Fields fields = Fields.of(c.query());
    List<JsonNode> out = new ArrayList<>();
    store.updateAll(c.tenant(), c.clientId(), items).forEach(d -> out.add(fields.apply(d)));
    return Reply.ok(Envelope.batch(out));
  }

  private Reply delete(Call c) {
    store.delete(c.tenant(), null, c.id("product_id"));
    return Reply.noContent();
  }

  /** contract: catalog.v3 — "you must include a filter"; without one nothing is deleted (422). */
  private Reply deleteMany(Call c) {
    Filters.Where where = FILTERS.parse(c.query());
    if (where.isEmpty()) {
      throw ApiException.Invalid.field(
          "filter",
          "DELETE /catalog/products needs at least one filter (for example id:in=1,2,3); nothing was deleted");
    }
    long matched =
        store.page(c.tenant(), where, "id", new Paging(1, 1), Fields.ALL, List.of()).total();
    if (scheduler.defers(c, matched)) {
      return scheduler.schedule(c, "products.delete", c.basePath() + "/catalog/products", matched);
    }
    store.delete(c.tenant(), where, null);
    return Reply.noContent();
  }
}
