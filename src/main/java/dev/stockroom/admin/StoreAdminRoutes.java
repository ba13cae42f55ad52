package dev.stockroom.admin;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.stockroom.api.ApiException;
import dev.stockroom.api.Call;
import dev.stockroom.api.Dates;
import dev.stockroom.api.Json;
import dev.stockroom.api.Reply;
import dev.stockroom.api.Router;
import dev.stockroom.api.Routes;
import dev.stockroom.api.Schema;
import dev.stockroom.ratelimit.RateLimiter;
import dev.stockroom.tenancy.ApiAccount;
import dev.stockroom.tenancy.Plan;
import dev.stockroom.tenancy.PlatformLimits;
import dev.stockroom.tenancy.Scopes;
import dev.stockroom.tenancy.Tenant;
import dev.stockroom.tenancy.Tenants;
import java.time.Clock;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * {@code /admin/api/stores} and {@code …/api-accounts}: what a developer sets up before calling the
 * API.
 */
public final class StoreAdminRoutes implements Routes {
  private static final String STORES = "/admin/api/stores";
  private static final String STORE = STORES + "/{store_hash}";
  private static final String ACCOUNTS = STORE + "/api-accounts";
  private static final String ACCOUNT = ACCOUNTS + "/{account_id}";

  private static final Schema RATE =
      Schema.of().integer("quota", 1, 1_000_000_000L).integer("window_ms", 100, 86_400_000L);
  private static final Schema STORE_SCHEMA =
      Schema.of("store_hash", "created_at", "updated_at", "api_path")
          .string("name", 1, 255)
          .enumeration("plan", "standard", "plus", "pro", "enterprise")
          .enumeration("status", "live", "maintenance", "upgrading")
          .integer("product_limit", 0, 1_000_000_000L)
          .object("rate_limit", RATE)
          .object("platform_limits", limitsSchema());

  private static Schema limitsSchema() {
    Schema s = Schema.of();
    for (String name : PlatformLimits.DEFAULTS.keySet()) {
      s = s.integer(name, 0, 1_000_000_000_000L);
    }
    return s;
  }

  private static final Schema ACCOUNT_SCHEMA =
      Schema.of().string("name", 1, 255).stringArray("scopes");

  private final Tenants tenants;
  private final RateLimiter limiter;
  private final Clock clock;

  public StoreAdminRoutes(Tenants tenants, RateLimiter limiter, Clock clock) {
    this.tenants = tenants;
    this.limiter = limiter;
    this.clock = clock;
  }

  @Override
  public void register(Router r) {
    r.get(STORES, this::list)
        .post(STORES, this::create)
        .get(STORE, this::get)
        .put(STORE, this::update)
        .delete(STORE, this::delete)
        .get(ACCOUNTS, this::accounts)
        .post(ACCOUNTS, this::createAccount)
        .delete(ACCOUNT, this::revoke);
  }

  private Tenant tenant(Call c) {
    return tenants.get(c.param("store_hash"));
  }

  static ObjectNode json(Tenant t) {
    ObjectNode n = Json.MAPPER.createObjectNode();
    n.put("store_hash", t.hash());
    n.put("name", t.name());
    n.put("plan", t.plan().label());
    n.put("status", t.status());
    n.put("product_limit", t.productLimit());
    ObjectNode rl = n.putObject("rate_limit");
    rl.put("quota", t.rateQuota());
    rl.put("window_ms", t.rateWindowMs());
    n.set("platform_limits", t.limits().json());
    n.put("api_path", "/stores/" + t.hash() + "/v3/");
    n.put("created_at", Dates.v3(t.createdAt()));
    n.put("updated_at", Dates.v3(t.updatedAt()));
    return n;
  }

  private Reply list(Call c) {
    ArrayNode data = Json.MAPPER.createArrayNode();
    tenants.store().all().forEach(t -> data.add(json(t)));
    ObjectNode body = Json.MAPPER.createObjectNode();
    body.set("data", data);
    body.putObject("meta").put("total", data.size());
    return Reply.ok(body);
  }

  private Reply get(Call c) {
    return Reply.ok(wrap(json(tenant(c))));
  }

  private static ObjectNode wrap(JsonNode data) {
    ObjectNode body = Json.MAPPER.createObjectNode();
    body.set("data", data);
    body.putObject("meta");
    return body;
  }

  private Reply create(Call c) {
    ObjectNode in = STORE_SCHEMA.check(c.json(), "", List.of("name"));
    if (in.has("status")) {
      throw ApiException.Invalid.field("status", "a new store is live; change its status with PUT");
    }
    Plan plan = Plan.of(in.path("plan").asText("standard"));
    long limit = in.path("product_limit").asLong(plan.productLimit());
    JsonNode rate = in.path("rate_limit");
    Tenant t =
        tenants.create(
            in.get("name").asText(),
            plan,
            limit,
            rate.path("quota").asLong(plan.quota()),
            rate.path("window_ms").asLong(plan.windowMs()),
            PlatformLimits.NONE.with(in.path("platform_limits")));
    return Reply.created(Json.write(wrap(json(t))), STORES + "/" + t.hash());
  }

  private Reply update(Call c) {
    Tenant t = tenant(c);
    ObjectNode in = STORE_SCHEMA.check(c.json(), "", List.of());
    Plan plan = in.has("plan") ? Plan.of(in.get("plan").asText()) : t.plan();
    boolean planChanged = plan != t.plan();
    // A plan change brings that plan's defaults unless explicit values come with it.
    long limit =
        in.path("product_limit").asLong(planChanged ? plan.productLimit() : t.productLimit());
    JsonNode rate = in.path("rate_limit");
    long quota = rate.path("quota").asLong(planChanged ? plan.quota() : t.rateQuota());
    long window = rate.path("window_ms").asLong(planChanged ? plan.windowMs() : t.rateWindowMs());
    Tenant updated =
        tenants.update(
            new Tenant(
                t.id(),
                t.hash(),
                in.path("name").asText(t.name()),
                plan,
                in.path("status").asText(t.status()),
                limit,
                quota,
                window,
                t.limits().with(in.path("platform_limits")),
                t.createdAt(),
                clock.millis()));
    // No reset: the limiter starts a new window by itself when the quota or window changes.
    return Reply.ok(wrap(json(updated)));
  }

  private Reply delete(Call c) {
    Tenant t = tenant(c);
    tenants.delete(t);
    limiter.reset(t.id());
    return Reply.noContent();
  }

  private static ObjectNode json(ApiAccount a) {
    ObjectNode n = Json.MAPPER.createObjectNode();
    n.put("id", a.id());
    n.put("name", a.name());
    n.put("client_id", a.clientId());
    ArrayNode scopes = n.putArray("scopes");
    a.scopes().forEach(scopes::add);
    n.put("created_at", Dates.v3(a.createdAt()));
    return n;
  }

  private Reply accounts(Call c) {
    Tenant t = tenant(c);
    ArrayNode data = Json.MAPPER.createArrayNode();
    tenants.store().accounts(t).forEach(a -> data.add(json(a)));
    ObjectNode body = Json.MAPPER.createObjectNode();
    body.set("data", data);
    body.putObject("meta").put("total", data.size());
    return Reply.ok(body);
  }

  private Reply createAccount(Call c) {
    Tenant t = tenant(c);
    ObjectNode in = ACCOUNT_SCHEMA.check(c.json(), "", List.of("name", "scopes"));
    List<String> scopes = new ArrayList<>();
    Map<String, String> errors = new LinkedHashMap<>();
    JsonNode list = in.get("scopes");
    for (int i = 0; i < list.size(); i++) {
      String s = list.get(i).asText();
      if (!Scopes.isKnown(s)) {
        errors.put(
            "scopes." + i,
            "'"
                + s
                + "' is not a BigCommerce scope (for example store_v2_products or store_v2_products_read_only)");
      } else if (!scopes.contains(s)) {
        scopes.add(s);
      }
    }
    if (!errors.isEmpty()) {
      throw new ApiException.Invalid("Unknown scopes", errors);
    }
    Tenants.NewAccount created = tenants.createAccount(t, in.get("name").asText(), scopes);
    ObjectNode body = json(created.account());
    body.put("access_token", created.accessToken());
    return Reply.created(
        Json.write(wrap(body)),
        ACCOUNTS.replace("{store_hash}", t.hash()) + "/" + created.account().id());
  }

  private Reply revoke(Call c) {
    Tenant t = tenant(c);
    tenants.revoke(t, c.id("account_id"));
    return Reply.noContent();
  }
}
