package dev.stockroom.faults;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.stockroom.api.ApiException;
import dev.stockroom.api.Call;
import dev.stockroom.api.Json;
import dev.stockroom.api.Reply;
import dev.stockroom.api.Router;
import dev.stockroom.api.Routes;
import dev.stockroom.api.Schema;
import dev.stockroom.api.Status;
import dev.stockroom.ratelimit.RateLimiter;
import dev.stockroom.tenancy.Tenant;
import dev.stockroom.tenancy.Tenants;
import java.time.Clock;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.stream.Collectors;
import org.jspecify.annotations.Nullable;

/**
 * The control plane of failure rehearsal: {@code /admin/api/stores/{store_hash}/faults} (rules that
 * make store API requests fail) and {@code …/rate-limit/drain} (the next request gets 429).
 */
public final class FaultRoutes implements Routes {
  private static final String STORE = "/admin/api/stores/{store_hash}";
  private static final String FAULTS = STORE + "/faults";
  private static final String FAULT = FAULTS + "/{fault_id}";
  private static final String DRAIN = STORE + "/rate-limit/drain";

  /** Long enough for any client timeout worth rehearsing; short enough not to pin a connection. */
  static final long MAX_LATENCY_MS = 300_000;

  private static final Schema RULE =
      Schema.of("id", "remaining", "fired", "created_at")
          .enumeration("method", "*", "GET", "HEAD", "POST", "PUT", "DELETE")
          .string("path", 1, 500)
          .integer("status", 100, 599)
          .nullable()
          .integer("latency_ms", 0, MAX_LATENCY_MS)
          .nullable()
          .bool("drop")
          .integer("times", 1, 1_000_000)
          .nullable()
          .number("probability", 0, 1)
          .nullable();

  private final Tenants tenants;
  private final Faults faults;
  private final RateLimiter limiter;
  private final Clock clock;

  public FaultRoutes(Tenants tenants, Faults faults, RateLimiter limiter, Clock clock) {
    this.tenants = tenants;
    this.faults = faults;
    this.limiter = limiter;
    this.clock = clock;
  }

  @Override
  public void register(Router r) {
    r.get(FAULTS, this::list)
        .post(FAULTS, this::create)
        .delete(FAULTS, this::clear)
        .get(FAULT, this::get)
        .delete(FAULT, this::delete)
        .post(DRAIN, this::drain);
  }

  private Tenant tenant(Call c) {
    return tenants.get(c.param("store_hash"));
  }

  private static ObjectNode wrap(JsonNode data) {
    ObjectNode body = Json.MAPPER.createObjectNode();
    body.set("data", data);
    body.putObject("meta");
    return body;
  }

  private Reply list(Call c) {
    ArrayNode data = Json.MAPPER.createArrayNode();
    faults.store().list(tenant(c).id()).forEach(f -> data.add(f.json()));
    ObjectNode body = Json.MAPPER.createObjectNode();
    body.set("data", data);
    body.putObject("meta").put("total", data.size());
    return Reply.ok(body);
  }

  private Reply get(Call c) {
    Tenant t = tenant(c);
    return Reply.ok(wrap(faults.store().get(t.id(), t.hash(), c.id("fault_id")).json()));
  }

  private Reply create(Call c) {
    Tenant t = tenant(c);
    FaultRule rule = faults.store().insert(t.id(), input(c.json()), clock.millis());
    faults.reload();
    return Reply.created(
        Json.write(wrap(rule.json())), FAULTS.replace("{store_hash}", t.hash()) + "/" + rule.id());
  }

  private Reply delete(Call c) {
    Tenant t = tenant(c);
    faults.store().delete(t.id(), t.hash(), c.id("fault_id"));
    faults.reload();
    return Reply.noContent();
  }

  private Reply clear(Call c) {
    faults.store().deleteAll(tenant(c).id());
    faults.reload();
    return Reply.noContent();
  }

  /** Uses up this node's current window of the store's quota (the limiter is per node). */
  private Reply drain(Call c) {
    Tenant t = tenant(c);
    limiter.drain(t.id(), t.rateQuota(), t.rateWindowMs());
    RateLimiter.Decision d = limiter.peek(t.id(), t.rateQuota(), t.rateWindowMs());
    ObjectNode data = Json.MAPPER.createObjectNode();
    data.put("requests_left", d.left());
    data.put("requests_quota", d.quota());
    data.put("time_reset_ms", d.resetMs());
    data.put("time_window_ms", d.windowMs());
    return Reply.ok(wrap(data));
  }

  /** The checked rule: every bad field of the body in one 422. */
  static FaultRule.Input input(JsonNode body) {
    JsonNode given = body;
    if (body.isObject() && body.path("method").isTextual()) {
      given = ((ObjectNode) body.deepCopy()).put("method", upper(body.path("method").asText()));
    }
    ObjectNode in = RULE.check(given, "", List.of());
    Map<String, String> errors = new LinkedHashMap<>();
    @Nullable Status status = null;
    if (in.hasNonNull("status")) {
      status = errorStatus(in.get("status").asInt());
      if (status == null) {
        errors.put("status", "must be one of the contract's error codes: " + errorCodes());
      }
    }
    boolean drop = in.path("drop").asBoolean(false);
    Long latency = in.hasNonNull("latency_ms") ? in.get("latency_ms").asLong() : null;
    if (!in.hasNonNull("status") && latency == null && !drop) {
      errors.put("status", "give at least one of status, latency_ms or drop");
    }
    if (drop && in.hasNonNull("status")) {
      errors.put("drop", "a dropped connection answers nothing: leave out status");
    }
    String path = in.path("path").asText("*");
    if (!path.startsWith("/") && !path.startsWith("*")) {
      errors.put(
          "path",
          "must start with / or *: it matches what follows /stores/{store_hash}, for example"
              + " /v3/catalog/products*");
    }
    if (!errors.isEmpty()) {
      throw new ApiException.Invalid("JSON data is missing or invalid", errors);
    }
    return new FaultRule.Input(
        in.path("method").asText("*"),
        path,
        status,
        latency,
        drop,
        in.hasNonNull("times") ? in.get("times").asLong() : null,
        in.hasNonNull("probability") ? in.get("probability").asDouble() : null);
  }

  private static String upper(String s) {
    return s.toUpperCase(Locale.ROOT);
  }

  /** The contract's codes that are failures (4xx and 5xx): a rule never fakes a success. */
  private static @Nullable Status errorStatus(int code) {
    return Arrays.stream(Status.values())
        .filter(s -> s.code() == code && s.code() >= 400)
        .findFirst()
        .orElse(null);
  }

  private static String errorCodes() {
    return Arrays.stream(Status.values())
        .filter(s -> s.code() >= 400)
        .map(s -> Integer.toString(s.code()))
        .collect(Collectors.joining(", "));
  }
}
