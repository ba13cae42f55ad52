package dev.stockroom.catalog.brands;

import com.fasterxml.jackson.databind.node.ObjectNode;
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

/** {@code /v3/catalog/brands}: list, create, get, update, delete, collection delete. */
public final class BrandRoutes implements Routes {
  private static final String BRANDS = "/stores/{store_hash}/v3/catalog/brands";
  private static final String BRAND = BRANDS + "/{brand_id}";

  private static final Filters LIST =
      new Filters()
          .integer("id", "id", Filters.RANGE)
          .text("name", "name", EnumSet.of(Filters.Op.EQ, Filters.Op.LIKE, Filters.Op.IN))
          .text("page_title", "page_title", EnumSet.of(Filters.Op.EQ, Filters.Op.LIKE));

  private final BrandStore store;
  private final Scheduler scheduler;

  public BrandRoutes(BrandStore store, Scheduler scheduler) {
    this.store = store;
    this.scheduler = scheduler;
  }

  @Override
  public void register(Router r) {
    r.get(BRANDS, this::list)
        .post(BRANDS, this::create)
        .delete(BRANDS, this::deleteMany)
        .get(BRAND, this::get)
        .put(BRAND, this::update)
        .delete(BRAND, this::delete);
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
        Status.OK, Envelope.doc(store.get(c.tenant(), c.id("brand_id")), Fields.of(c.query())));
  }

  private Reply create(Call c) {
    ObjectNode input = Brand.SCHEMA.check(c.json(), "", List.of("name"));
    ObjectNode doc = store.create(c.tenant(), input);
    return Reply.created(
        Json.write(Envelope.single(doc)),
        c.basePath() + "/catalog/brands/" + doc.get("id").asLong());
  }

  private Reply update(Call c) {
    long id = c.id("brand_id");
    // contract: catalog.v3 brand_Full.name is x-required [post, put]
    ObjectNode input = Brand.SCHEMA.check(c.json(), "", List.of("name"));
    return Reply.ok(Envelope.single(store.update(c.tenant(), id, input)));
  }

  private Reply delete(Call c) {
    store.deleteOne(c.tenant(), c.id("brand_id"));
    return Reply.noContent();
  }

  /** contract: catalog.v3 — without a filter this deletes every brand (spec-digest §8 #10). */
  private Reply deleteMany(Call c) {
    Filters.Where where = LIST.parse(c.query());
    long matched = store.page(c.tenant(), where, new Paging(1, 1)).total();
    if (scheduler.defers(c, matched)) {
      return scheduler.schedule(c, "brands.delete", c.basePath() + "/catalog/brands", matched);
    }
    store.delete(c.tenant(), where);
    return Reply.noContent();
  }
}
