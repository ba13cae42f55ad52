package dev.stockroom.requestlog;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.stockroom.api.ApiException;
import dev.stockroom.api.Call;
import dev.stockroom.api.Dates;
import dev.stockroom.api.Json;
import dev.stockroom.api.Reply;
import dev.stockroom.api.Router;
import dev.stockroom.api.Routes;
import dev.stockroom.ratelimit.RateLimiter;
import dev.stockroom.tenancy.Tenant;
import dev.stockroom.tenancy.Tenants;

/** {@code GET /admin/api/stores/{store_hash}/requests?limit=}: the store's recent requests. */
public final class RequestLogRoutes implements Routes {
  private static final String REQUESTS = "/admin/api/stores/{store_hash}/requests";
  static final int DEFAULT_LIMIT = 50;

  private final Tenants tenants;
  private final RequestLog log;

  public RequestLogRoutes(Tenants tenants, RequestLog log) {
    this.tenants = tenants;
    this.log = log;
  }

  @Override
  public void register(Router r) {
    r.get(REQUESTS, this::list);
  }

  private Reply list(Call c) {
    Tenant t =
        tenants
            .find(c.param("store_hash"))
            .orElseThrow(
                () -> new ApiException.NotFound("Store " + c.param("store_hash") + " not found."));
    int limit = limit(c);
    ArrayNode data = Json.MAPPER.createArrayNode();
    log.recent(t.id(), limit).forEach(l -> data.add(json(l)));
    ObjectNode body = Json.MAPPER.createObjectNode();
    body.set("data", data);
    body.putObject("meta").put("total", data.size()).put("capacity", RequestLog.CAPACITY);
    return Reply.ok(body);
  }

  private static int limit(Call c) {
    String raw = c.query().first("limit").orElse(Integer.toString(DEFAULT_LIMIT));
    try {
      int n = Integer.parseInt(raw.trim());
      if (n >= 1 && n <= RequestLog.CAPACITY) {
        return n;
      }
    } catch (NumberFormatException e) {
      // answered below
    }
    throw ApiException.Invalid.field(
        "limit", "must be a whole number from 1 to " + RequestLog.CAPACITY);
  }

  static ObjectNode json(RequestLog.Logged logged) {
    RequestLog.Entry e = logged.entry();
    ObjectNode n = Json.MAPPER.createObjectNode();
    n.put("at", Dates.v3(logged.at()));
    n.put("request_id", e.requestId());
    n.put("method", e.method());
    n.put("path", e.path());
    n.put("query", e.query());
    n.put("status", e.status() == 0 ? null : e.status());
    n.put("dropped", e.status() == 0);
    n.put("latency_ms", Math.round(e.nanos() / 10_000.0) / 100.0);
    RateLimiter.Decision d = e.rateLimit();
    if (d == null) {
      n.putNull("rate_limit_headers");
    } else {
      ObjectNode h = n.putObject("rate_limit_headers");
      h.put("X-Rate-Limit-Requests-Left", Long.toString(d.left()));
      h.put("X-Rate-Limit-Requests-Quota", Long.toString(d.quota()));
      h.put("X-Rate-Limit-Time-Reset-Ms", Long.toString(d.resetMs()));
      h.put("X-Rate-Limit-Time-Window-Ms", Long.toString(d.windowMs()));
      if (!d.allowed()) {
        h.put("X-Retry-After", Long.toString(d.retryAfterSeconds()));
      }
    }
    n.put("fault_rule_id", e.faultRuleId() == 0 ? null : e.faultRuleId());
    n.put("hint", Hints.of(e.status()));
    return n;
  }
}
