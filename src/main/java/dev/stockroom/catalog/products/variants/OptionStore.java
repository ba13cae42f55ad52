package dev.stockroom.catalog.products.variants;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.stockroom.api.ApiException;
import dev.stockroom.api.Filters;
import dev.stockroom.api.Json;
import dev.stockroom.api.Paging;
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

/** SQL for variant options and modifiers, with their values kept inside each document. */
public final class OptionStore {
  static final String TABLE = "product_options";

  private final Database db;
  private final Clock clock;

  public OptionStore(Database db, Clock clock) {
    this.db = db;
    this.clock = clock;
  }

  /** Each product's options (or modifiers) as served, for {@code include=options|modifiers}. */
  public static Map<Long, List<byte[]>> forProducts(
      Handle h, long storeId, List<Long> productIds, boolean modifiers) {
    return grouped(
        h,
        storeId,
        productIds,
        "SELECT product_id, doc FROM product_options",
        " AND kind = '" + (modifiers ? "modifier" : "option") + "'");
  }

  /** Rows of {@code select} for the given products, grouped by product, in id order. */
  static Map<Long, List<byte[]>> grouped(
      Handle h, long storeId, List<Long> productIds, String select, String and) {
    Map<Long, List<byte[]>> out = new HashMap<>();
    for (int from = 0; from < productIds.size(); from += 500) {
      List<Long> chunk = productIds.subList(from, Math.min(productIds.size(), from + 500));
      Sql.eachKeyed(
          h,
          select,
          "product_id",
          and + " ORDER BY product_id, id",
          storeId,
          chunk,
          (product, doc) -> out.computeIfAbsent(product, k -> new ArrayList<>()).add(doc));
    }
    return out;
  }

  static List<ObjectNode> docs(Handle h, long storeId, long productId, Option.Kind kind) {
    return h.createQuery(
            "SELECT doc FROM product_options WHERE store_id = ? AND product_id = ? AND kind = ? ORDER BY sort_order, id")
        .bind(0, storeId)
        .bind(1, productId)
        .bind(2, kind.column)
        .map((rs, ctx) -> (ObjectNode) Json.tree(rs.getString(1)))
        .list();
  }

  private static @Nullable ObjectNode find(
      Handle h, long storeId, long productId, Option.Kind kind, long id) {
    return h.createQuery(
            "SELECT doc FROM product_options WHERE store_id = ? AND product_id = ? AND kind = ? AND id = ?")
        .bind(0, storeId)
        .bind(1, productId)
        .bind(2, kind.column)
        .bind(3, id)
        .map((rs, ctx) -> (ObjectNode) Json.tree(rs.getString(1)))
        .findOne()
        .orElse(null);
  }

  /** {@link #require} for writes: the product row is held until commit (PostgreSQL). */
  private static ObjectNode requireForWrite(
      Handle h, long storeId, long productId, Option.Kind kind, long id) {
    ProductStore.lockForUpdate(h, storeId, productId);
    return require(h, storeId, productId, kind, id);
  }

  private static ObjectNode require(
      Handle h, long storeId, long productId, Option.Kind kind, long id) {
    ProductStore.require(h, storeId, productId);
    ObjectNode d = find(h, storeId, productId, kind, id);
    if (d == null) {
      throw new ApiException.NotFound(
          kind.noun + " " + id + " of product " + productId + " not found.");
    }
    return d;
  }

  Docs.Page page(Tenant t, long productId, Option.Kind kind, Paging paging) {
    return db.read(
        h -> {
          ProductStore.require(h, t.id(), productId);
          return Docs.page(
              h,
              TABLE,
              t.id(),
              new Filters.Where("product_id = ? AND kind = ?", List.of(productId, kind.column), 2),
              "sort_order asc, id asc",
              paging);
        });
  }

  byte[] get(Tenant t, long productId, Option.Kind kind, long id) {
    return db.read(h -> Json.write(require(h, t.id(), productId, kind, id)));
  }

  ObjectNode create(Tenant t, long productId, Option.Kind kind, ObjectNode input) {
    long now = clock.millis();
    return db.write(
        h -> {
          ProductStore.lockForUpdate(h, t.id(), productId);
          return create(h, t, productId, kind, input, now, "");
        });
  }

  private static ObjectNode create(
      Handle h,
      Tenant t,
      long productId,
      Option.Kind kind,
      ObjectNode input,
      long now,
      String prefix) {
    checkProductId(input, productId, prefix);
    List<ObjectNode> existing = docs(h, t.id(), productId, kind);
    t.limits().check(kind.limit, existing.size() + 1L, kind.path + " on product " + productId);
    String display = input.path("display_name").asText();
    checkName(existing, display, 0, prefix);
    String type = input.path("type").asText();
    JsonNode values = input.path("option_values");
    if (!kind.takesValues(type) && !values.isEmpty()) {
      throw ApiException.Invalid.field(
          prefix + "option_values", "a " + type + " modifier takes no values");
    }
    if (kind == Option.Kind.OPTION && values.isEmpty()) {
      throw ApiException.Invalid.field(
          prefix + "option_values", "is required: a variant option needs at least one value");
    }
    long id = Database.nextId(h, t.id(), "options");
    ObjectNode d = Option.create(kind, id, productId, input, now);
    ArrayNode out = Option.values(d);
    t.limits()
        .check(
            "values_per_option",
            values.size(),
            "values of the " + kind.noun.toLowerCase(java.util.Locale.ROOT));
    long first = values.isEmpty() ? 0 : Database.nextIds(h, t.id(), "option_values", values.size());
    for (int i = 0; i < values.size(); i++) {
      JsonNode v = values.get(i);
      requireValueFields(v, prefix + "option_values." + i + ".");
      checkLabel(out, v.path("label").asText(), 0, prefix + "option_values." + i + ".label");
      out.add(Option.value(kind, first + i, id, v));
    }
    h.createUpdate(
            "INSERT INTO product_options (store_id, id, product_id, kind, display_name, sort_order, doc) VALUES (?, ?, ?, ?, ?, ?, ?)")
        .bind(0, t.id())
        .bind(1, id)
        .bind(2, productId)
        .bind(3, kind.column)
        .bind(4, display)
        .bind(5, d.path("sort_order").asLong())
        .bind(6, Json.text(d))
        .execute();
    return d;
  }

  ObjectNode update(Tenant t, long productId, Option.Kind kind, long id, ObjectNode input) {
    return db.write(
        h -> {
          ObjectNode d = requireForWrite(h, t.id(), productId, kind, id);
          checkProductId(input, productId, "");
          if (input.has("display_name")) {
            checkName(docs(h, t.id(), productId, kind), input.get("display_name").asText(), id, "");
          }
          if (input.has("type") && !kind.takesValues(input.get("type").asText())) {
            if (!Option.values(d).isEmpty() && !input.has("option_values")) {
              throw ApiException.Invalid.field(
                  "type",
                  "a " + input.get("type").asText() + " modifier takes no values; remove them");
            }
          }
          Option.merge(d, input);
          Set<Long> removed = new HashSet<>();
          if (input.has("option_values")) {
            removed = replaceValues(h, t, kind, d, input.get("option_values"));
          }
          save(h, t.id(), d);
          afterValuesChanged(h, t.id(), kind, d, removed);
          return d;
        });
  }

  /**
   * PUT with option_values: values with an id are updated, values without one are added, values
   * left out are removed (and, for variant options, the variants that used them).
   */
  private static Set<Long> replaceValues(
      Handle h, Tenant t, Option.Kind kind, ObjectNode d, JsonNode given) {
    long optionId = d.get("id").asLong();
    if (kind == Option.Kind.OPTION && given.isEmpty()) {
      throw ApiException.Invalid.field(
          "option_values", "a variant option needs at least one value; delete the option instead");
    }
    t.limits()
        .check(
            "values_per_option",
            given.size(),
            "values of the " + kind.noun.toLowerCase(java.util.Locale.ROOT));
    Map<Long, ObjectNode> current = new LinkedHashMap<>();
    Option.values(d).forEach(v -> current.put(v.get("id").asLong(), (ObjectNode) v));
    ArrayNode out = Json.MAPPER.createArrayNode();
    for (int i = 0; i < given.size(); i++) {
      JsonNode v = given.get(i);
      String at = "option_values." + i + ".";
      if (v.has("id")) {
        ObjectNode existing = current.get(v.get("id").asLong());
        if (existing == null) {
          throw ApiException.Invalid.field(
              at + "id", "value " + v.get("id").asLong() + " is not a value of " + optionId);
        }
        Option.mergeValue(existing, v);
        checkLabel(out, existing.path("label").asText(), 0, at + "label");
        out.add(existing);
      } else {
        requireValueFields(v, at);
        checkLabel(out, v.path("label").asText(), 0, at + "label");
        out.add(Option.value(kind, Database.nextId(h, t.id(), "option_values"), optionId, v));
      }
    }
    Set<Long> kept = new HashSet<>();
    out.forEach(v -> kept.add(v.get("id").asLong()));
    Set<Long> removed = new HashSet<>(current.keySet());
    removed.removeAll(kept);
    d.set("option_values", out);
    return removed;
  }

  void delete(Tenant t, long productId, Option.Kind kind, long id) {
    db.write(
        h -> {
          requireForWrite(h, t.id(), productId, kind, id);
          h.createUpdate("DELETE FROM product_options WHERE store_id = ? AND id = ?")
              .bind(0, t.id())
              .bind(1, id)
              .execute();
          if (kind == Option.Kind.OPTION) {
            // Variants are combinations of every option: with one option gone, none is whole.
            deleteAllOptionVariants(h, t.id(), productId);
          }
          // contract: spec-digest §7 — product/updated fires when a modifier (or option) goes
          Events.emit(h, t.id(), clock.millis(), "store/product/updated", productId);
          return null;
        });
  }

  private static void deleteAllOptionVariants(Handle h, long storeId, long productId) {
    ObjectNode product = ProductStore.docFor(h, storeId, productId);
    Set<Long> all = new HashSet<>();
    for (VariantStore.Row r : VariantStore.rows(h, storeId, productId)) {
      r.doc().path("option_values").forEach(v -> all.add(v.path("id").asLong()));
    }
    VariantStore.deleteUsing(h, storeId, product, all);
  }

  // ---- values ----

  Docs.Page values(Tenant t, long productId, Option.Kind kind, long optionId, Paging paging) {
    return db.read(
        h -> {
          ArrayNode values = Option.values(require(h, t.id(), productId, kind, optionId));
          List<byte[]> docs = new ArrayList<>();
          for (long i = paging.offset(); i < values.size() && docs.size() < paging.limit(); i++) {
            docs.add(Json.write(values.get((int) i)));
          }
          return new Docs.Page(docs, values.size());
        });
  }

  byte[] value(Tenant t, long productId, Option.Kind kind, long optionId, long valueId) {
    return db.read(
        h -> Json.write(valueIn(require(h, t.id(), productId, kind, optionId), kind, valueId)));
  }

  private static ObjectNode valueIn(ObjectNode option, Option.Kind kind, long valueId) {
    for (JsonNode v : Option.values(option)) {
      if (v.get("id").asLong() == valueId) {
        return (ObjectNode) v;
      }
    }
    throw new ApiException.NotFound(
        "Value "
            + valueId
            + " of "
            + kind.noun.toLowerCase(java.util.Locale.ROOT)
            + " "
            + option.get("id").asLong()
            + " not found.");
  }

  ObjectNode createValue(
      Tenant t, long productId, Option.Kind kind, long optionId, ObjectNode input) {
    return db.write(
        h -> {
          ObjectNode d = requireForWrite(h, t.id(), productId, kind, optionId);
          if (!kind.takesValues(d.path("type").asText())) {
            throw ApiException.Invalid.field(
                "label", "a " + d.path("type").asText() + " modifier takes no values");
          }
          ArrayNode values = Option.values(d);
          t.limits()
              .check(
                  "values_per_option",
                  values.size() + 1L,
                  "values of " + kind.noun.toLowerCase(java.util.Locale.ROOT) + " " + optionId);
          checkLabel(values, input.path("label").asText(), 0, "label");
          ObjectNode v =
              Option.value(kind, Database.nextId(h, t.id(), "option_values"), optionId, input);
          values.add(v);
          save(h, t.id(), d);
          return v;
        });
  }

  ObjectNode updateValue(
      Tenant t, long productId, Option.Kind kind, long optionId, long valueId, ObjectNode input) {
    return db.write(
        h -> {
          ObjectNode d = requireForWrite(h, t.id(), productId, kind, optionId);
          ObjectNode v = valueIn(d, kind, valueId);
          if (input.has("label")) {
            checkLabel(Option.values(d), input.get("label").asText(), valueId, "label");
          }
          Option.mergeValue(v, input);
          save(h, t.id(), d);
          afterValuesChanged(h, t.id(), kind, d, Set.of());
          return v;
        });
  }

  void deleteValue(Tenant t, long productId, Option.Kind kind, long optionId, long valueId) {
    db.write(
        h -> {
          ObjectNode d = requireForWrite(h, t.id(), productId, kind, optionId);
          valueIn(d, kind, valueId);
          ArrayNode values = Option.values(d);
          if (kind == Option.Kind.OPTION && values.size() == 1) {
            throw new ApiException.Conflict(
                "Value "
                    + valueId
                    + " is the last value of option "
                    + optionId
                    + "; a variant option keeps at least one. Delete the option instead.",
                Map.of("id", "the last value of the option"));
          }
          for (int i = 0; i < values.size(); i++) {
            if (values.get(i).get("id").asLong() == valueId) {
              values.remove(i);
              break;
            }
          }
          save(h, t.id(), d);
          afterValuesChanged(h, t.id(), kind, d, Set.of(valueId));
          return null;
        });
  }

  private static void afterValuesChanged(
      Handle h, long storeId, Option.Kind kind, ObjectNode option, Set<Long> removed) {
    if (kind != Option.Kind.OPTION) {
      return;
    }
    long productId = option.get("product_id").asLong();
    Map<Long, String[]> labels = new HashMap<>();
    for (JsonNode v : Option.values(option)) {
      labels.put(
          v.get("id").asLong(),
          new String[] {v.path("label").asText(), option.path("display_name").asText()});
    }
    VariantStore.relabel(h, storeId, productId, labels);
    if (!removed.isEmpty()) {
      VariantStore.deleteUsing(h, storeId, ProductStore.docFor(h, storeId, productId), removed);
    }
  }

  private static void save(Handle h, long storeId, ObjectNode d) {
    h.createUpdate(
            "UPDATE product_options SET display_name = ?, sort_order = ?, doc = ? WHERE store_id = ? AND id = ?")
        .bind(0, d.path("display_name").asText())
        .bind(1, d.path("sort_order").asLong())
        .bind(2, Json.text(d))
        .bind(3, storeId)
        .bind(4, d.get("id").asLong())
        .execute();
  }

  private static void checkProductId(ObjectNode input, long productId, String prefix) {
    if (input.has("product_id") && input.get("product_id").asLong() != productId) {
      throw ApiException.Invalid.field(
          prefix + "product_id", "must be the product of the path (" + productId + ")");
    }
  }

  private static void checkName(List<ObjectNode> existing, String name, long self, String prefix) {
    for (ObjectNode o : existing) {
      if (o.get("id").asLong() != self && o.path("display_name").asText().equals(name)) {
        throw new ApiException.Conflict(
            "The name '"
                + name
                + "' is a duplicate; it is already used by "
                + o.get("id").asLong()
                + " on this product.",
            Map.of(prefix + "display_name", "duplicate of " + o.get("id").asLong()));
      }
    }
  }

  private static void checkLabel(ArrayNode values, String label, long self, String field) {
    for (JsonNode v : values) {
      if (v.path("id").asLong() != self && v.path("label").asText().equals(label)) {
        throw new ApiException.Conflict(
            "The value label '" + label + "' is a duplicate within this option.",
            Map.of(field, "duplicate of value " + v.path("id").asLong()));
      }
    }
  }

  private static void requireValueFields(JsonNode v, String prefix) {
    Map<String, String> errors = new LinkedHashMap<>();
    if (!v.has("label")) {
      errors.put(prefix + "label", "is required");
    }
    if (!v.has("sort_order")) {
      errors.put(prefix + "sort_order", "is required");
    }
    if (!errors.isEmpty()) {
      throw new ApiException.Invalid("JSON data is missing or invalid", errors);
    }
  }

  /**
   * A product POST's {@code variants}: options and values are made from each variant's
   * {option_display_name, label} pairs (in order of first use), then the variants.
   */
  public static void createFromProduct(
      Handle h, Tenant t, long productId, JsonNode variants, long now) {
    Map<String, ObjectNode> options = new LinkedHashMap<>();
    Map<String, List<String>> labels = new LinkedHashMap<>();
    for (JsonNode v : variants) {
      for (JsonNode ov : v.path("option_values")) {
        labels
            .computeIfAbsent(ov.path("option_display_name").asText(), k -> new ArrayList<>())
            .add(ov.path("label").asText());
      }
    }
    for (var e : labels.entrySet()) {
      ObjectNode input = Json.MAPPER.createObjectNode();
      input.put("display_name", e.getKey());
      input.put("type", "rectangles");
      ArrayNode values = input.putArray("option_values");
      List<String> distinct = new ArrayList<>(new java.util.LinkedHashSet<>(e.getValue()));
      for (int i = 0; i < distinct.size(); i++) {
        values.addObject().put("label", distinct.get(i)).put("sort_order", i);
      }
      options.put(e.getKey(), create(h, t, productId, Option.Kind.OPTION, input, now, "variants."));
    }
    List<ObjectNode> resolved = new ArrayList<>();
    for (JsonNode v : variants) {
      ObjectNode in = ((ObjectNode) v).deepCopy();
      ArrayNode ovs = Json.MAPPER.createArrayNode();
      for (JsonNode ov : v.path("option_values")) {
        ObjectNode option = options.get(ov.path("option_display_name").asText());
        if (option == null) {
          continue;
        }
        for (JsonNode value : Option.values(option)) {
          if (value.path("label").asText().equals(ov.path("label").asText())) {
            ovs.addObject()
                .put("id", value.get("id").asLong())
                .put("option_id", option.get("id").asLong());
          }
        }
      }
      in.set("option_values", ovs);
      resolved.add(in);
    }
    VariantStore.createAll(h, t, productId, resolved, now);
  }
}
