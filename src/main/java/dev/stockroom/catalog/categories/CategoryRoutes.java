package dev.stockroom.catalog.categories;

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
import dev.stockroom.api.Scheduler;
import dev.stockroom.api.Status;
import dev.stockroom.db.Docs;
import java.util.EnumSet;
import java.util.List;
import java.util.Locale;

/** {@code /v3/catalog/categories}: list, create, get, update, delete, collection delete. */
public final class CategoryRoutes implements Routes {
  private static final String CATEGORIES = "/stores/{store_hash}/v3/catalog/categories";
  private static final String CATEGORY = CATEGORIES + "/{category_id}";

  private static final Filters LIST =
      new Filters()
          .integer("id", "id", Filters.RANGE)
          .text("name", "name", EnumSet.of(Filters.Op.EQ, Filters.Op.LIKE))
          .integer(
              "parent_id",
              "parent_id",
              EnumSet.of(
                  Filters.Op.EQ,
                  Filters.Op.IN,
                  Filters.Op.MIN,
                  Filters.Op.MAX,
                  Filters.Op.GREATER,
                  Filters.Op.LESS))
          .text("page_title", "page_title", EnumSet.of(Filters.Op.EQ, Filters.Op.LIKE))
          .custom(
              "keyword",
              EnumSet.of(Filters.Op.EQ),
              (op, values, binds) -> {
                binds.add("%" + values.get(0).toLowerCase(Locale.ROOT) + "%");
                return "keywords LIKE ?";
              })
          .bool("is_visible", "is_visible");

  private final CategoryStore store;
  private final Scheduler scheduler;

  public CategoryRoutes(CategoryStore store, Scheduler scheduler) {
    this.store = store;
    this.scheduler = scheduler;
  }

  @Override
  public void register(Router r) {
    r.get(CATEGORIES, this::list)
        .post(CATEGORIES, this::create)
        .delete(CATEGORIES, this::deleteMany)
        .get(CATEGORY, this::get)
        .put(CATEGORY, this::update)
        .delete(CATEGORY, this::delete)
        .get(CATEGORIES + "/tree", this::tree);
  }

  /** {@code categoriesTree_Resp}: every category once, children under their parent. */
  private Reply tree(Call c) {
    ObjectNode body = Json.MAPPER.createObjectNode();
    body.set("data", store.tree(c.tenant()));
    body.putObject("meta");
    return Reply.ok(body);
  }

  private Reply list(Call c) {
    Paging paging = Paging.of(c.query());
    Fields fields = Fields.of(c.query());
    Docs.Page page = store.page(c.tenant(), LIST.parse(c.query()), paging);
    return Reply.json(
        Status.OK, Envelope.docs(page.docs(), page.total(), paging, c.query(), fields));
  }

  private Reply get(Call c) {
    return Reply.json(
        Status.OK, Envelope.doc(store.get(c.tenant(), c.id("category_id")), Fields.of(c.query())));
  }

  private Reply create(Call c) {
    ObjectNode input = Category.SCHEMA.check(c.json(), "", List.of("parent_id", "name"));
    ObjectNode doc = store.create(c.tenant(), input);
    return Reply.created(
        Json.write(Envelope.single(doc)),
        c.basePath() + "/catalog/categories/" + doc.get("id").asLong());
  }

  private Reply update(Call c) {
    long id = c.id("category_id");
    ObjectNode input = Category.SCHEMA.check(c.json(), "", List.of());
    return Reply.ok(Envelope.single(store.update(c.tenant(), id, input)));
  }

  private Reply delete(Call c) {
    store.delete(c.tenant(), null, c.id("category_id"));
    return Reply.noContent();
  }

  /** contract: catalog.v3 — "a DELETE request without specifying a filter … 422". */
  private Reply deleteMany(Call c) {
    Filters.Where where = LIST.parse(c.query());
    if (where.isEmpty()) {
      throw ApiException.Invalid.field(
          "filter",
          "DELETE /catalog/categories needs at least one filter (for example id:in=1,2,3); nothing was deleted");
    }
    long matched = store.page(c.tenant(), where, new Paging(1, 1)).total();
    if (scheduler.defers(c, matched)) {
      store.checkDelete(c.tenant(), where); // contract: 409 for orphans, not a failed task
      return scheduler.schedule(
          c, "categories.delete", c.basePath() + "/catalog/categories", matched);
    }
    store.delete(c.tenant(), where, null);
    return Reply.noContent();
  }
}
