package dev.stockroom.catalog.products.variants;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.stockroom.api.ApiException;
import dev.stockroom.api.Batch;
import dev.stockroom.api.Call;
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
import dev.stockroom.db.Docs;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * {@code /v3/catalog/products/{product_id}/variants} and {@code /v3/catalog/variants} (list and
 * batch PUT, at most {@value #BATCH_LIMIT} items: spec-digest §8 #13).
 */
public final class VariantRoutes implements Routes {
  static final int BATCH_LIMIT = 50;
  private static final String PRODUCT = "/stores/{store_hash}/v3/catalog/products/{product_id}";
  private static final String VARIANTS = PRODUCT + "/variants";
  private static final String VARIANT = VARIANTS + "/{variant_id}";
  private static final String ALL = "/stores/{store_hash}/v3/catalog/variants";

  static final Filters FILTERS =
      new Filters()
          .integer("id", "id", Filters.RANGE)
          .integer(
              "product_id",
              "product_id",
              EnumSet.of(Filters.Op.EQ, Filters.Op.IN, Filters.Op.NOT_IN))
          .custom(
              "sku",
              EnumSet.of(Filters.Op.EQ, Filters.Op.IN),
              (op, values, binds) -> {
                binds.addAll(values);
                // "sku <> ''" lets both databases use the partial unique index on sku.
                return "sku IN (" + Filters.marks(values.size()) + ") AND sku <> ''";
              });

  private final VariantStore store;
  private final Scheduler scheduler;

  public VariantRoutes(VariantStore store, Scheduler scheduler) {
    this.store = store;
    this.scheduler = scheduler;
  }

  @Override
  public void register(Router r) {
    r.get(VARIANTS, this::list)
        .post(VARIANTS, this::create)
        .get(VARIANT, this::get)
        .put(VARIANT, this::update)
        .delete(VARIANT, this::delete)
        .get(ALL, this::listAll)
        .put(ALL, this::updateBatch)
        .get("/stores/{store_hash}/v3/catalog/summary", this::summary);
  }

  private Reply summary(Call c) {
    return Reply.ok(Envelope.single(store.summary(c.tenant())));
  }

  private Reply list(Call c) {
    Paging paging = Paging.of(c.query());
    Docs.Page page = store.page(c.tenant(), c.id("product_id"), paging);
    return Reply.json(
        Status.OK,
        Envelope.docs(page.docs(), page.total(), paging, c.query(), Fields.of(c.query())));
  }

  private Reply listAll(Call c) {
    Paging paging = Paging.of(c.query());
    Docs.Page page = store.pageAll(c.tenant(), FILTERS.parse(c.query()), paging);
    return Reply.json(
        Status.OK,
        Envelope.docs(page.docs(), page.total(), paging, c.query(), Fields.of(c.query())));
  }

  private Reply get(Call c) {
    return Reply.json(
        Status.OK,
        Envelope.doc(
            store.get(c.tenant(), c.id("product_id"), c.id("variant_id")), Fields.of(c.query())));
  }

  private Reply create(Call c) {
    long productId = c.id("product_id");
    ObjectNode in = Variant.SCHEMA.check(c.json(), "", List.of("sku", "option_values"));
    if (in.has("product_id") && in.get("product_id").asLong() != productId) {
      throw ApiException.Invalid.field(
          "product_id", "must be the product of the path (" + productId + ")");
    }
    ObjectNode doc = store.create(c.tenant(), productId, in);
    return Reply.created(
        Json.write(Envelope.single(doc)),
        c.basePath() + "/catalog/products/" + productId + "/variants/" + doc.get("id").asLong());
  }

  private Reply update(Call c) {
    ObjectNode in = Variant.SCHEMA.check(c.json(), "", List.of());
    return Reply.ok(
        Envelope.single(store.update(c.tenant(), c.id("product_id"), c.id("variant_id"), in)));
  }

  private Reply delete(Call c) {
    store.delete(c.tenant(), c.id("product_id"), c.id("variant_id"));
    return Reply.noContent();
  }

  private Reply updateBatch(Call c) {
    JsonNode body = c.json();
    Batch.check(body, BATCH_LIMIT, "variants");
    Map<String, String> errors = new LinkedHashMap<>();
    List<ObjectNode> items = new ArrayList<>();
    for (int i = 0; i < body.size(); i++) {
      String prefix = i + ".";
      JsonNode item = body.get(i);
      ObjectNode in = Variant.BATCH.collect(item, prefix, List.of(), errors);
      if (item.isObject() && !item.has("id")) {
        for (String f : List.of("product_id", "sku", "option_values")) {
          if (!item.has(f)) {
            errors.put(
                prefix + f, "is required to create a variant (or give the id to update one)");
          }
        }
      }
      items.add(in);
    }
    if (!errors.isEmpty()) {
      throw new ApiException.Invalid("JSON data is missing or invalid", errors);
    }
    if (scheduler.defers(c, items.size())) {
      return scheduler.schedule(
          c, "variants.update", c.basePath() + "/catalog/variants", items.size());
    }
    return Reply.ok(Envelope.batch(store.updateAll(c.tenant(), items)));
  }
}
