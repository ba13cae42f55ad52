package dev.stockroom.catalog.products.variants;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.stockroom.api.ApiException;
import dev.stockroom.api.Call;
import dev.stockroom.api.Envelope;
import dev.stockroom.api.Fields;
import dev.stockroom.api.Filters;
import dev.stockroom.api.Json;
import dev.stockroom.api.Paging;
import dev.stockroom.api.Reply;
import dev.stockroom.api.Router;
import dev.stockroom.api.Routes;
import dev.stockroom.api.Schema;
import dev.stockroom.api.Status;
import dev.stockroom.catalog.products.ProductStore;
import dev.stockroom.db.Database;
import dev.stockroom.db.Docs;
import dev.stockroom.tenancy.Tenant;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.jdbi.v3.core.Handle;

/**
 * {@code …/products/{product_id}/complex-rules}: price, weight, image and purchasing adjustments
 * when a combination of modifier values and/or a variant is chosen. Stored with the product's
 * options (kind {@code rule}); every condition must name the product's own modifier values or
 * variants.
 */
public final class ComplexRuleRoutes implements Routes {
  private static final String RULES =
      "/stores/{store_hash}/v3/catalog/products/{product_id}/complex-rules";
  private static final String RULE = RULES + "/{complex_rule_id}";
  private static final String KIND = "rule";

  private static final Schema ADJUSTER =
      Schema.of()
          .enumeration("adjuster", "relative", "percentage")
          .nullable()
          .number("adjuster_value", -1e13, 1e13);

  static final Schema SCHEMA =
      Schema.of("id")
          .integer("product_id", 1, 1_000_000_000L)
          .integer("sort_order", Integer.MIN_VALUE, Integer.MAX_VALUE)
          .bool("enabled")
          .bool("stop")
          .bool("purchasing_disabled")
          .string("purchasing_disabled_message", 0, 255)
          .bool("purchasing_hidden")
          .string("image_url", 0, 255)
          .object("price_adjuster", ADJUSTER)
          .object("weight_adjuster", ADJUSTER)
          .objectArray(
              "conditions",
              Schema.of("id", "rule_id", "combination_id")
                  .integer("modifier_id", 1, 1_000_000_000L)
                  .nullable()
                  .integer("modifier_value_id", 1, 1_000_000_000L)
                  .nullable()
                  .integer("variant_id", 1, 1_000_000_000L)
                  .nullable(),
              250);

  private final Database db;

  public ComplexRuleRoutes(Database db) {
    this.db = db;
  }

  @Override
  public void register(Router r) {
    r.get(RULES, this::list)
        .post(RULES, this::create)
        .get(RULE, this::get)
        .put(RULE, this::update)
        .delete(RULE, this::delete);
  }

  private Reply list(Call c) {
    Paging paging = Paging.of(c.query());
    long productId = c.id("product_id");
    Docs.Page page =
        db.read(
            h -> {
              ProductStore.require(h, c.tenant().id(), productId);
              return Docs.page(
                  h,
                  OptionStore.TABLE,
                  c.tenant().id(),
                  new Filters.Where("product_id = ? AND kind = ?", List.of(productId, KIND), 2),
                  "sort_order asc, id asc",
                  paging);
            });
    return Reply.json(
        Status.OK,
        Envelope.docs(page.docs(), page.total(), paging, c.query(), Fields.of(c.query())));
  }

  private static ObjectNode find(Handle h, Tenant t, long productId, long id) {
    ProductStore.require(h, t.id(), productId);
    return h.createQuery(
            "SELECT doc FROM product_options WHERE store_id = ? AND product_id = ? AND kind = ? AND id = ?")
        .bind(0, t.id())
        .bind(1, productId)
        .bind(2, KIND)
        .bind(3, id)
        .map((rs, ctx) -> (ObjectNode) Json.tree(rs.getString(1)))
        .findOne()
        .orElseThrow(
            () ->
                new ApiException.NotFound(
                    "Complex rule " + id + " of product " + productId + " not found."));
  }

  private Reply get(Call c) {
    long productId = c.id("product_id");
    long id = c.id("complex_rule_id");
    byte[] doc = db.read(h -> Json.write(find(h, c.tenant(), productId, id)));
    return Reply.json(Status.OK, Envelope.doc(doc, Fields.of(c.query())));
  }

  private Reply create(Call c) {
    long productId = c.id("product_id");
    ObjectNode in = SCHEMA.check(c.json(), "", List.of("conditions"));
    ObjectNode doc =
        db.write(
            h -> {
              ProductStore.require(h, c.tenant().id(), productId);
              long id = Database.nextId(h, c.tenant().id(), "options"); // one id space: same table
              ObjectNode d = Json.MAPPER.createObjectNode();
              d.put("id", id);
              d.put("product_id", productId);
              d.put("sort_order", 0);
              d.put("enabled", true);
              d.put("stop", false);
              d.put("purchasing_disabled", false);
              d.put("purchasing_disabled_message", "");
              d.put("purchasing_hidden", false);
              d.put("image_url", "");
              d.putObject("price_adjuster").putNull("adjuster").put("adjuster_value", 0);
              d.putObject("weight_adjuster").putNull("adjuster").put("adjuster_value", 0);
              d.putArray("conditions");
              apply(h, c.tenant(), productId, d, in);
              h.createUpdate(
                      "INSERT INTO product_options (store_id, id, product_id, kind, display_name, sort_order, doc)"
                          + " VALUES (?, ?, ?, ?, '', ?, ?)")
                  .bind(0, c.tenant().id())
                  .bind(1, id)
                  .bind(2, productId)
                  .bind(3, KIND)
                  .bind(4, d.path("sort_order").asLong())
                  .bind(5, Json.text(d))
                  .execute();
              return d;
            });
    return Reply.created(
        Json.write(Envelope.single(doc)),
        c.basePath()
            + "/catalog/products/"
            + productId
            + "/complex-rules/"
            + doc.get("id").asLong());
  }

  private Reply update(Call c) {
    long productId = c.id("product_id");
    long id = c.id("complex_rule_id");
    ObjectNode in = SCHEMA.check(c.json(), "", List.of());
    ObjectNode doc =
        db.write(
            h -> {
              ObjectNode d = find(h, c.tenant(), productId, id);
              apply(h, c.tenant(), productId, d, in);
              h.createUpdate(
                      "UPDATE product_options SET sort_order = ?, doc = ? WHERE store_id = ? AND id = ?")
                  .bind(0, d.path("sort_order").asLong())
                  .bind(1, Json.text(d))
                  .bind(2, c.tenant().id())
                  .bind(3, id)
                  .execute();
              return d;
            });
    return Reply.ok(Envelope.single(doc));
  }

  private Reply delete(Call c) {
    long productId = c.id("product_id");
    long id = c.id("complex_rule_id");
    db.write(
        h -> {
          find(h, c.tenant(), productId, id);
          return h.createUpdate("DELETE FROM product_options WHERE store_id = ? AND id = ?")
              .bind(0, c.tenant().id())
              .bind(1, id)
              .execute();
        });
    return Reply.noContent();
  }

  /** Merges the input; conditions (replaced as a whole) must name the product's own choices. */
  private static void apply(Handle h, Tenant t, long productId, ObjectNode d, ObjectNode in) {
    if (in.has("product_id") && in.get("product_id").asLong() != productId) {
      throw ApiException.Invalid.field(
          "product_id", "must be the product of the path (" + productId + ")");
    }
    ObjectNode w = in.deepCopy();
    w.remove("product_id");
    JsonNode conditions = w.remove("conditions");
    dev.stockroom.api.Schema.merge(d, w);
    if (conditions == null) {
      return;
    }
    if (conditions.isEmpty()) {
      throw ApiException.Invalid.field("conditions", "a rule needs at least one condition");
    }
    Map<Long, Set<Long>> modifierValues = new LinkedHashMap<>();
    for (ObjectNode m : OptionStore.docs(h, t.id(), productId, Option.Kind.MODIFIER)) {
      Set<Long> values = new HashSet<>();
      Option.values(m).forEach(v -> values.add(v.get("id").asLong()));
      modifierValues.put(m.get("id").asLong(), values);
    }
    Set<Long> variants = new HashSet<>();
    VariantStore.rows(h, t.id(), productId).forEach(r -> variants.add(r.id()));
    Map<String, String> errors = new LinkedHashMap<>();
    ArrayNode out = Json.MAPPER.createArrayNode();
    long ruleId = d.get("id").asLong();
    for (int i = 0; i < conditions.size(); i++) {
      JsonNode cond = conditions.get(i);
      String at = "conditions." + i;
      JsonNode modifier = cond.path("modifier_id");
      JsonNode value = cond.path("modifier_value_id");
      JsonNode variant = cond.path("variant_id");
      boolean hasModifier = modifier.isIntegralNumber();
      boolean hasVariant = variant.isIntegralNumber();
      if (!hasModifier && !hasVariant) {
        errors.put(at, "needs a modifier_id with its modifier_value_id, or a variant_id");
        continue;
      }
      if (hasModifier) {
        Set<Long> values = modifierValues.get(modifier.asLong());
        if (values == null) {
          errors.put(at + ".modifier_id", "is not a modifier of product " + productId);
        } else if (!value.isIntegralNumber() || !values.contains(value.asLong())) {
          errors.put(at + ".modifier_value_id", "is not a value of modifier " + modifier.asLong());
        }
      }
      if (hasVariant && !variants.contains(variant.asLong())) {
        errors.put(at + ".variant_id", "is not a variant of product " + productId);
      }
      ObjectNode o = out.addObject();
      o.put("rule_id", ruleId);
      o.set("modifier_id", hasModifier ? modifier : Json.MAPPER.nullNode());
      o.set("modifier_value_id", hasModifier ? value : Json.MAPPER.nullNode());
      o.set("variant_id", hasVariant ? variant : Json.MAPPER.nullNode());
      o.put("combination_id", 0); // as in the spec's examples
    }
    if (!errors.isEmpty()) {
      throw new ApiException.Invalid("JSON data is missing or invalid", errors);
    }
    d.set("conditions", out);
  }
}
