package dev.stockroom.webhooks;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.stockroom.api.Call;
import dev.stockroom.api.Json;
import dev.stockroom.api.Paging;
import dev.stockroom.api.Reply;
import dev.stockroom.api.Router;
import dev.stockroom.api.Routes;
import java.util.List;

/**
 * {@code /v3/hooks} and {@code /v2/hooks} (webhooks.v3 serves both): v3 wraps in {@code {data,
 * meta}} with the webhooks-only pagination {@code {offset, limit, total_items}}, v2 answers bare.
 * Any API account of the store may manage webhooks (the "default" scope); each sees its own.
 */
public final class WebhookRoutes implements Routes {
  private static final String V3 = "/stores/{store_hash}/v3/hooks";
  private static final String V2 = "/stores/{store_hash}/v2/hooks";

  private final WebhookStore store;
  private final Destinations destinations;

  WebhookRoutes(WebhookStore store, Destinations destinations) {
    this.store = store;
    this.destinations = destinations;
  }

  @Override
  public void register(Router r) {
    for (String base : List.of(V3, V2)) {
      boolean v3 = base.equals(V3);
      r.add("GET", base, null, c -> list(c, v3))
          .add("POST", base, null, c -> create(c, v3))
          .add("GET", base + "/{id}", null, c -> one(c, v3))
          .add("PUT", base + "/{id}", null, c -> update(c, v3))
          .add("DELETE", base + "/{id}", null, c -> delete(c, v3));
    }
  }

  private Reply list(Call c, boolean v3) {
    Paging paging = Paging.of(c.query());
    List<Webhook> hooks = store.list(c.tenant(), c.clientId(), paging.offset(), paging.limit());
    ArrayNode data = JsonNodeFactory.instance.arrayNode();
    hooks.forEach(h -> data.add(h.toJson()));
    if (!v3) {
      return data.isEmpty() ? Reply.noContent() : Reply.ok(data);
    }
    ObjectNode body = JsonNodeFactory.instance.objectNode();
    body.set("data", data);
    // contract: webhooks.v3 — Pagination {offset, limit, total_items}, used only here
    body.putObject("meta")
        .putObject("pagination")
        .put("offset", paging.offset())
        .put("limit", paging.limit())
        .put("total_items", store.count(c.tenant(), c.clientId()));
    return Reply.ok(body);
  }

  private Reply create(Call c, boolean v3) {
    Webhook hook =
        store.create(c.tenant(), c.clientId(), Webhook.Input.of(c.json(), true, destinations));
    // contract: the seed answers 201 to a create (webhooks.v3 says 200; the seed wins)
    return Reply.created(body(hook, v3), c.basePath() + "/hooks/" + hook.id());
  }

  private Reply one(Call c, boolean v3) {
    return Reply.json(
        dev.stockroom.api.Status.OK, body(store.get(c.tenant(), c.clientId(), c.id("id")), v3));
  }

  private Reply update(Call c, boolean v3) {
    Webhook.Input in = Webhook.Input.of(c.json(), false, destinations);
    return Reply.json(
        dev.stockroom.api.Status.OK,
        body(store.update(c.tenant(), c.clientId(), c.id("id"), in), v3));
  }

  /** contract: webhooks.v3 — DELETE answers 200 with the deleted hook (spec-digest §8 #22). */
  private Reply delete(Call c, boolean v3) {
    return Reply.json(
        dev.stockroom.api.Status.OK, body(store.delete(c.tenant(), c.clientId(), c.id("id")), v3));
  }

  private static byte[] body(Webhook hook, boolean v3) {
    if (!v3) {
      return Json.write(hook.toJson());
    }
    ObjectNode body = JsonNodeFactory.instance.objectNode();
    body.set("data", hook.toJson());
    body.putObject("meta");
    return Json.write(body);
  }
}
