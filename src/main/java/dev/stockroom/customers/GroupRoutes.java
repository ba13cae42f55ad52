package dev.stockroom.customers;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.stockroom.api.Call;
import dev.stockroom.api.Filters;
import dev.stockroom.api.Json;
import dev.stockroom.api.Paging;
import dev.stockroom.api.Reply;
import dev.stockroom.api.Router;
import dev.stockroom.api.Routes;
import dev.stockroom.api.V2;
import dev.stockroom.tenancy.Scopes;
import java.util.List;

/** {@code /v2/customer_groups}: list, create, get, update, delete, delete all, count. */
final class GroupRoutes implements Routes {
  private static final String GROUPS = "/stores/{store_hash}/v2/customer_groups";
  private static final String GROUP = GROUPS + "/{customer_group_id}";

  static final Filters LIST =
      new Filters()
          .text("name", "name", java.util.EnumSet.of(Filters.Op.EQ))
          .bool("is_default", "is_default");

  private final GroupStore store;

  GroupRoutes(GroupStore store) {
    this.store = store;
  }

  @Override
  public void register(Router r) {
    r.add("GET", GROUPS, Scopes.CUSTOMERS, this::list)
        .add("POST", GROUPS, Scopes.CUSTOMERS, this::create)
        .add("DELETE", GROUPS, Scopes.CUSTOMERS, this::deleteAll)
        .add("GET", GROUPS + "/count", Scopes.CUSTOMERS, this::count)
        .add("GET", GROUP, Scopes.CUSTOMERS, this::get)
        .add("PUT", GROUP, Scopes.CUSTOMERS, this::update)
        .add("DELETE", GROUP, Scopes.CUSTOMERS, this::delete);
  }

  private Reply list(Call c) {
    Paging paging = V2.paging(c);
    return V2.list(c, store.list(c.tenant(), LIST.parse(c.query()), paging));
  }

  private Reply count(Call c) {
    return V2.one(Json.MAPPER.createObjectNode().put("count", store.count(c.tenant())));
  }

  private Reply get(Call c) {
    return V2.one(store.get(c.tenant(), c.id("customer_group_id")));
  }

  private Reply create(Call c) {
    ObjectNode in = GroupStore.SCHEMA.check(c.json(), "", List.of("name"));
    ObjectNode doc = store.create(c.tenant(), in);
    return V2.created(c, doc, "/customer_groups/" + doc.get("id").asLong());
  }

  private Reply update(Call c) {
    long id = c.id("customer_group_id");
    store.requireExists(c.tenant(), id);
    ObjectNode in = GroupStore.SCHEMA.check(c.json(), "", List.of());
    return V2.one(store.update(c.tenant(), id, in));
  }

  private Reply delete(Call c) {
    store.deleteOne(c.tenant(), c.id("customer_group_id"));
    return Reply.noContent();
  }

  /** contract: customers.v2 — "By default, it deletes all Customer Groups". */
  private Reply deleteAll(Call c) {
    store.delete(c.tenant(), store.all(c.tenant()));
    return Reply.noContent();
  }
}
