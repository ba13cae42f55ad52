package dev.stockroom.catalog.products.variants;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.stockroom.api.Call;
import dev.stockroom.api.Envelope;
import dev.stockroom.api.Fields;
import dev.stockroom.api.Json;
import dev.stockroom.api.Paging;
import dev.stockroom.api.Reply;
import dev.stockroom.api.Router;
import dev.stockroom.api.Routes;
import dev.stockroom.api.Status;
import dev.stockroom.db.Docs;
import java.util.List;

/**
 * {@code …/products/{product_id}/options} and {@code …/modifiers}, each with {@code …/values}: the
 * same shape of routes over the two kinds.
 */
public final class OptionRoutes implements Routes {
  private static final String PRODUCT = "/stores/{store_hash}/v3/catalog/products/{product_id}";

  private final OptionStore store;

  public OptionRoutes(OptionStore store) {
    this.store = store;
  }

  @Override
  public void register(Router r) {
    for (Option.Kind kind : Option.Kind.values()) {
      String all = PRODUCT + "/" + kind.path;
      String one = all + "/{option_id}";
      String values = one + "/values";
      String value = values + "/{value_id}";
      r.get(all, c -> list(c, kind))
          .post(all, c -> create(c, kind))
          .get(one, c -> get(c, kind))
          .put(one, c -> update(c, kind))
          .delete(one, c -> delete(c, kind))
          .get(values, c -> values(c, kind))
          .post(values, c -> createValue(c, kind))
          .get(value, c -> value(c, kind))
          .put(value, c -> updateValue(c, kind))
          .delete(value, c -> deleteValue(c, kind));
    }
  }

  private static Reply page(Call c, Docs.Page page, Paging paging) {
    return Reply.json(
        Status.OK,
        Envelope.docs(page.docs(), page.total(), paging, c.query(), Fields.of(c.query())));
  }

  private Reply list(Call c, Option.Kind kind) {
    Paging paging = Paging.of(c.query());
    return page(c, store.page(c.tenant(), c.id("product_id"), kind, paging), paging);
  }

  private Reply get(Call c, Option.Kind kind) {
    return Reply.json(
        Status.OK,
        Envelope.doc(
            store.get(c.tenant(), c.id("product_id"), kind, c.id("option_id")),
            Fields.of(c.query())));
  }

  private Reply create(Call c, Option.Kind kind) {
    List<String> required =
        kind == Option.Kind.OPTION
            ? List.of("display_name", "type", "option_values")
            : List.of("display_name", "type", "required");
    ObjectNode in = kind.schema().check(c.json(), "", required);
    long productId = c.id("product_id");
    ObjectNode doc = store.create(c.tenant(), productId, kind, in);
    return Reply.created(
        Json.write(Envelope.single(doc)),
        c.basePath()
            + "/catalog/products/"
            + productId
            + "/"
            + kind.path
            + "/"
            + doc.get("id").asLong());
  }

  private Reply update(Call c, Option.Kind kind) {
    ObjectNode in = kind.schema().check(c.json(), "", List.of());
    return Reply.ok(
        Envelope.single(store.update(c.tenant(), c.id("product_id"), kind, c.id("option_id"), in)));
  }

  private Reply delete(Call c, Option.Kind kind) {
    store.delete(c.tenant(), c.id("product_id"), kind, c.id("option_id"));
    return Reply.noContent();
  }

  private Reply values(Call c, Option.Kind kind) {
    Paging paging = Paging.of(c.query());
    return page(
        c, store.values(c.tenant(), c.id("product_id"), kind, c.id("option_id"), paging), paging);
  }

  private Reply value(Call c, Option.Kind kind) {
    return Reply.json(
        Status.OK,
        Envelope.doc(
            store.value(c.tenant(), c.id("product_id"), kind, c.id("option_id"), c.id("value_id")),
            Fields.of(c.query())));
  }

  private Reply createValue(Call c, Option.Kind kind) {
    ObjectNode in = kind.valueSchema().check(c.json(), "", List.of("label", "sort_order"));
    long productId = c.id("product_id");
    long optionId = c.id("option_id");
    ObjectNode v = store.createValue(c.tenant(), productId, kind, optionId, in);
    return Reply.created(
        Json.write(Envelope.single(v)),
        c.basePath()
            + "/catalog/products/"
            + productId
            + "/"
            + kind.path
            + "/"
            + optionId
            + "/values/"
            + v.get("id").asLong());
  }

  private Reply updateValue(Call c, Option.Kind kind) {
    ObjectNode in = kind.valueSchema().check(c.json(), "", List.of());
    return Reply.ok(
        Envelope.single(
            store.updateValue(
                c.tenant(), c.id("product_id"), kind, c.id("option_id"), c.id("value_id"), in)));
  }

  private Reply deleteValue(Call c, Option.Kind kind) {
    store.deleteValue(c.tenant(), c.id("product_id"), kind, c.id("option_id"), c.id("value_id"));
    return Reply.noContent();
  }
}
