package dev.stockroom.webhooks;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.stockroom.api.Call;
import dev.stockroom.api.Paging;
import dev.stockroom.api.Reply;
import dev.stockroom.api.Router;
import dev.stockroom.api.Routes;
import dev.stockroom.tenancy.Tenant;
import dev.stockroom.tenancy.Tenants;
import java.time.Clock;
import java.time.Instant;

/**
 * The control plane's view of a store's webhooks: every hook of every API account with its backlog
 * and whether its domain is blocked, the delivery log of one hook (each attempt: time, status,
 * latency, error, when the next retry is due), and "retry now", which makes pending retries due at
 * once so that a developer sees the whole schedule without waiting for it.
 */
public final class WebhookAdminRoutes implements Routes {
  private static final String HOOKS = "/admin/api/stores/{store_hash}/webhooks";

  private final Tenants tenants;
  private final WebhookStore hooks;
  private final DeliveryStore deliveries;
  private final DomainHealth health;
  private final Clock clock;

  WebhookAdminRoutes(
      Tenants tenants,
      WebhookStore hooks,
      DeliveryStore deliveries,
      DomainHealth health,
      Clock clock) {
    this.tenants = tenants;
    this.hooks = hooks;
    this.deliveries = deliveries;
    this.health = health;
    this.clock = clock;
  }

  @Override
  public void register(Router r) {
    r.get(HOOKS, this::list)
        .get(HOOKS + "/{id}/deliveries", this::log)
        .post(HOOKS + "/retry-now", c -> retryNow(c, false))
        .post(HOOKS + "/{id}/retry-now", c -> retryNow(c, true));
  }

  private Tenant tenant(Call c) {
    return tenants.get(c.param("store_hash"));
  }

  private Reply list(Call c) {
    Tenant t = tenant(c);
    ArrayNode data = JsonNodeFactory.instance.arrayNode();
    long now = clock.millis();
    for (Webhook w : hooks.list(t, null, 0, Integer.MAX_VALUE)) {
      ObjectNode o = w.toJson();
      long[] backlog = deliveries.backlog(t.id(), w.id());
      o.put("pending_deliveries", backlog[0]);
      o.put("failed_deliveries", backlog[1]);
      long blocked = health.blockedUntil(DomainHealth.domainOf(w.destination()), now);
      if (blocked == 0) {
        o.putNull("domain_blocked_until");
      } else {
        o.put("domain_blocked_until", Instant.ofEpochMilli(blocked).toString());
      }
      data.add(o);
    }
    return Reply.ok(wrap(data));
  }

  private Reply log(Call c) {
    Tenant t = tenant(c);
    Webhook w = hooks.get(t, null, c.id("id"));
    int limit = Paging.of(c.query(), 100).limit();
    return Reply.ok(wrap(deliveries.attempts(t.id(), w.id(), limit)));
  }

  private Reply retryNow(Call c, boolean oneHook) {
    Tenant t = tenant(c);
    Long hook = null;
    if (oneHook) {
      hook = hooks.get(t, null, c.id("id")).id();
    }
    int n = deliveries.retryNow(t.id(), hook, clock.millis());
    ObjectNode data = JsonNodeFactory.instance.objectNode().put("rescheduled", n);
    return Reply.ok(wrap(data));
  }

  private static ObjectNode wrap(JsonNode data) {
    ObjectNode body = JsonNodeFactory.instance.objectNode();
    body.set("data", data);
    body.putObject("meta");
    return body;
  }
}
