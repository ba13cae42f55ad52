package dev.stockroom.edge;

import dev.stockroom.api.ApiException;
import dev.stockroom.api.ApiVersion;
import dev.stockroom.api.Call;
import dev.stockroom.api.ErrorRenderer;
import dev.stockroom.api.Json;
import dev.stockroom.api.Multipart;
import dev.stockroom.api.Query;
import dev.stockroom.api.Reply;
import dev.stockroom.api.Router;
import dev.stockroom.api.Status;
import dev.stockroom.api.Xml;
import dev.stockroom.faults.FaultRule;
import dev.stockroom.faults.Faults;
import dev.stockroom.ratelimit.RateLimiter;
import dev.stockroom.requestlog.RequestLog;
import dev.stockroom.tenancy.ApiAccount;
import dev.stockroom.tenancy.Scopes;
import dev.stockroom.tenancy.Tenant;
import dev.stockroom.tenancy.Tenants;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The store API pipeline, in the contract's order: store (404), status (503), token (401), rate
 * limit (429), method (501) and route (404, 405), Accept (406), Content-Type (415), scope (403),
 * body size (413), then the handler. Every answer for a known store carries the rate-limit headers.
 * Fault rules apply after the rate limit and before routing, so that their answers look and count
 * like real ones; every answer for a known store goes into its request log.
 */
final class StorePipeline {
  private static final Logger LOG = LoggerFactory.getLogger(StorePipeline.class);
  static final Set<String> IMPLEMENTED = Set.of("GET", "HEAD", "POST", "PUT", "DELETE");

  /** Uploads are held in memory: no store's image_bytes lets a body grow past this. */
  static final long MAX_UPLOAD = 64L * 1024 * 1024;

  /** Room for the form around an image file (boundaries, headers, small fields). */
  static final long FORM_OVERHEAD = 64L * 1024;

  /** What {@link #handle} returns when a fault rule drops the connection: the edge closes it. */
  static final Reply DROPPED = new Reply(0, Map.of(), new byte[0]);

  private final Tenants tenants;
  private final RateLimiter limiter;
  private final Router router;
  private final long maxBodyBytes;
  private final Faults faults;
  private final RequestLog requests;

  StorePipeline(
      Tenants tenants,
      RateLimiter limiter,
      Router router,
      long maxBodyBytes,
      Faults faults,
      RequestLog requests) {
    this.tenants = tenants;
    this.limiter = limiter;
    this.router = router;
    this.maxBodyBytes = maxBodyBytes;
    this.faults = faults;
    this.requests = requests;
  }

  /**
   * The most body bytes the edge reads for this request. Uploads may be larger than JSON bodies: an
   * authenticated {@code multipart/form-data} POST to an upload route may send its store's {@code
   * image_bytes} limit and the form around it, up to {@link #MAX_UPLOAD}; the route then answers
   * 413 for a file over the limit. Anything else, and any request that will be refused before its
   * body counts (unknown store, bad token, missing scope), keeps the configured cap.
   */
  long bodyCap(String method, String path, Map<String, String> headers) {
    if (!method.equals("POST") || !Multipart.isFormData(headers.get("content-type"))) {
      return maxBodyBytes;
    }
    try {
      Router.Route route = router.match(method, path).route();
      String[] parts = path.split("/", 5);
      String token = headers.get("x-auth-token");
      if (route == null || !route.body().takesForm() || parts.length < 4 || token == null) {
        return maxBodyBytes;
      }
      Optional<Tenant> t = tenants.find(parts[2]);
      Optional<ApiAccount> account = tenants.authenticate(token.trim());
      if (t.isEmpty()
          || account.isEmpty()
          || account.get().storeId() != t.get().id()
          || !Scopes.allows(account.get().scopes(), route.scope(), method)) {
        return maxBodyBytes;
      }
      long image = Math.min(t.get().limits().of("image_bytes"), MAX_UPLOAD);
      return Math.max(maxBodyBytes, image + FORM_OVERHEAD);
    } catch (RuntimeException e) {
      return maxBodyBytes; // the pipeline meets the same failure and answers it properly
    }
  }

  Reply handle(Exchange request) {
    long started = System.nanoTime();
    ApiVersion version = ApiVersion.ofPath(request.path());
    RateLimiter.Decision decision = null;
    Reply reply;
    // v2 answers in XML on Accept: application/xml or a .xml suffix; a .json suffix forces JSON.
    Exchange ex = request;
    Format format = Format.JSON;
    if (version == ApiVersion.V2) {
      String p = request.path();
      if (p.endsWith(".xml") || p.endsWith(".json")) {
        format = p.endsWith(".xml") ? Format.XML_BY_SUFFIX : Format.JSON_BY_SUFFIX;
        ex = withPath(request, p.substring(0, p.lastIndexOf('.')));
      } else if (Negotiation.prefersXml(request.headers().get("accept"))) {
        format = Format.XML;
      }
    }
    String[] template = {""};
    Tenant tenant = null;
    long fired = 0;
    try {
      String[] parts = ex.path().split("/", 5);
      if (parts.length < 4 || !(parts[3].equals("v2") || parts[3].equals("v3"))) {
        throw new ApiException.NotFound("The requested resource was not found.");
      }
      Optional<Tenant> found = tenants.find(parts[2]);
      if (found.isEmpty()) {
        throw new ApiException.NotFound(
            "Store " + parts[2] + " not found. Check the store hash in the URL.");
      }
      Tenant t = found.get();
      tenant = t;
      if (t.unavailable()) {
        decision = limiter.peek(t.id(), t.rateQuota(), t.rateWindowMs());
        throw new ApiException.Refused(
            Status.UNAVAILABLE,
            t.status().equals("maintenance")
                ? "The store is down for maintenance. Try again later."
                : "The store is being upgraded to a new version. Try again later.");
      }
      String token = ex.headers().get("x-auth-token");
      Optional<ApiAccount> account =
          token == null || token.isBlank() ? Optional.empty() : tenants.authenticate(token.trim());
      if (account.isEmpty() || account.get().storeId() != t.id()) {
        decision = limiter.peek(t.id(), t.rateQuota(), t.rateWindowMs());
        throw new ApiException.Refused(
            Status.UNAUTHORIZED,
            token == null || token.isBlank()
                ? "Missing X-Auth-Token header: send the access token of an API account of this store."
                : "The X-Auth-Token is not valid for this store: check the access token and store hash.");
      }
      decision = limiter.acquire(t.id(), t.rateQuota(), t.rateWindowMs());
      if (!decision.allowed()) {
        throw new ApiException.RateLimited(decision.resetMs());
      }
      FaultRule rule = faults.pick(t.id(), request.method(), request.path());
      if (rule != null) {
        fired = rule.id();
        decision = FaultInjection.inject(rule, decision);
        if (rule.drop()) {
          requests.record(t.id(), FaultInjection.entry(request, 0, started, decision, fired));
          return DROPPED;
        }
      }
      reply = dispatch(ex, t, account.get(), parts, format, template);
    } catch (FaultInjection.Injected e) {
      decision = e.decision;
      reply = ErrorRenderer.render(version, e.error);
    } catch (ApiException e) {
      reply = ErrorRenderer.render(version, e);
    } catch (RuntimeException e) {
      LOG.error("request {} {} {} failed", ex.requestId(), ex.method(), ex.path(), e);
      reply = ErrorRenderer.unexpected(version, ex.requestId());
    }
    if (format.xml()) {
      reply = toXml(reply, template[0]);
    }
    if (reply.status() == Status.OK.code()
        && (ex.method().equals("GET") || ex.method().equals("HEAD"))) {
      reply = Conditional.apply(ex.headers(), reply);
    }
    if (decision != null) {
      reply.header("X-Rate-Limit-Requests-Left", Long.toString(decision.left()));
      reply.header("X-Rate-Limit-Requests-Quota", Long.toString(decision.quota()));
      reply.header("X-Rate-Limit-Time-Reset-Ms", Long.toString(decision.resetMs()));
      reply.header("X-Rate-Limit-Time-Window-Ms", Long.toString(decision.windowMs()));
      if (!decision.allowed()) {
        reply.header("X-Retry-After", Long.toString(decision.retryAfterSeconds()));
      }
    }
    if (fired != 0) {
      reply.header("X-Stockroom-Fault-Rule", Long.toString(fired));
    }
    if (tenant != null) {
      requests.record(
          tenant.id(), FaultInjection.entry(request, reply.status(), started, decision, fired));
    }
    return reply;
  }

  /** How a v2 answer is written; v3 is always JSON. */
  private enum Format {
    JSON,
    JSON_BY_SUFFIX,
    XML,
    XML_BY_SUFFIX;

    boolean xml() {
      return this == XML || this == XML_BY_SUFFIX;
    }

    boolean bySuffix() {
      return this == JSON_BY_SUFFIX || this == XML_BY_SUFFIX;
    }
  }

  private static Exchange withPath(Exchange ex, String path) {
    return new Exchange(
        ex.method(),
        path,
        ex.rawQuery(),
        ex.headers(),
        ex.body(),
        ex.bodyTooLarge(),
        ex.requestId());
  }

  /**
   * The XML form of a JSON answer (v2 only). The element names come from the matched route's path:
   * {@code /orders/{order_id}/shipments} lists {@code <shipments><shipment>…}, one shipment is
   * {@code <shipment>}, a count is {@code <response><count>…}, and errors are {@code
   * <errors><error>…}.
   */
  private static Reply toXml(Reply reply, String template) {
    if (reply.body().length == 0 || reply.headers().containsKey("Content-Type")) {
      return reply;
    }
    com.fasterxml.jackson.databind.JsonNode json = Json.tree(reply.body());
    byte[] xml;
    if (reply.status() >= 400 || template.isEmpty()) {
      xml = Xml.render(json, "errors", "");
    } else {
      String[] segs = template.split("/");
      String last = segs[segs.length - 1];
      String literal = last;
      for (int i = segs.length - 1; i >= 0 && literal.startsWith("{"); i--) {
        literal = segs[i];
      }
      xml = Xml.render(json, literal, literal.equals("count") ? "response" : "");
    }
    return new Reply(reply.status(), new java.util.LinkedHashMap<>(reply.headers()), xml)
        .header("Content-Type", Xml.MEDIA_TYPE);
  }

  private Reply dispatch(
      Exchange ex, Tenant t, ApiAccount account, String[] parts, Format format, String[] template) {
    if (!IMPLEMENTED.contains(ex.method())) {
      throw new ApiException.Refused(
          Status.NOT_IMPLEMENTED,
          "The "
              + ex.method()
              + " method is not supported by this API. Use GET, POST, PUT or DELETE.");
    }
    Router.Match m = router.match(ex.method(), ex.path());
    Router.Route route = m.route();
    if (route == null) {
      if (m.allowed().isEmpty()) {
        throw new ApiException.NotFound("The requested resource was not found.");
      }
      throw new ApiException.Refused(
          Status.METHOD_NOT_ALLOWED,
          "The "
              + ex.method()
              + " method is not allowed on this resource. Allowed: "
              + String.join(", ", m.allowed())
              + ".",
          Map.of(),
          Map.of("Allow", String.join(", ", m.allowed())));
    }
    template[0] = route.template();
    boolean v2 = parts[3].equals("v2");
    if (!format.bySuffix()
        && !format.xml()
        && !Negotiation.acceptsJson(ex.headers().get("accept"))) {
      throw new ApiException.Refused(
          Status.NOT_ACCEPTABLE,
          v2
              ? "The Accept header rules out JSON and XML, the formats served here. Send Accept:"
                  + " application/json or application/xml, or end the path with .json or .xml."
              : "The Accept header rules out JSON, the only format served here. Send Accept:"
                  + " application/json.");
    }
    boolean writes = ex.method().equals("POST") || ex.method().equals("PUT");
    boolean xmlBody = writes && v2 && Negotiation.isXml(ex.headers().get("content-type"));
    if (writes && !xmlBody) {
      Negotiation.checkBody(route.body(), ex.headers().get("content-type"));
    }
    if (!Scopes.allows(account.scopes(), route.scope(), ex.method())) {
      throw new ApiException.Refused(
          Status.FORBIDDEN,
          "You do not have permission to make this request: the API account lacks the "
              + route.scope()
              + (ex.method().equals("GET") || ex.method().equals("HEAD")
                  ? " (or its read-only) "
                  : " ")
              + "scope.");
    }
    if (ex.bodyTooLarge()) {
      long cap = bodyCap(ex.method(), ex.path(), ex.headers());
      throw new ApiException.Refused(
          Status.TOO_LARGE,
          "The request body is larger than the maximum of " + cap + " bytes.",
          Map.of("max_bytes", cap),
          Map.of());
    }
    // v2 takes XML bodies too: read into the same JSON tree a JSON body gives (after the scope
    // and size checks, so a refused request is never parsed).
    byte[] body = xmlBody ? Json.write(Xml.toJson(ex.body())) : ex.body();
    String base = "/" + parts[1] + "/" + parts[2] + "/" + parts[3];
    Call call =
        new Call(
            t,
            account.clientId(),
            ex.method(),
            m.params(),
            Query.parse(ex.rawQuery()),
            body,
            base,
            ex.headers());
    return route.handler().handle(call);
  }
}
