package dev.stockroom.edge;

import dev.stockroom.api.ApiException;
import dev.stockroom.api.ApiVersion;
import dev.stockroom.api.Call;
import dev.stockroom.api.ErrorRenderer;
import dev.stockroom.api.Query;
import dev.stockroom.api.Reply;
import dev.stockroom.api.Router;
import dev.stockroom.api.Status;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** The control plane under {@code /admin/api}: bearer admin token (401), then routing. */
final class AdminPipeline {
  private static final Logger LOG = LoggerFactory.getLogger(AdminPipeline.class);

  private final byte[] adminToken;
  private final Router router;

  AdminPipeline(String adminToken, Router router) {
    this.adminToken = adminToken.getBytes(StandardCharsets.UTF_8);
    this.router = router;
  }

  Reply handle(Exchange ex) {
    try {
      String auth = ex.headers().get("authorization");
      String presented =
          auth != null && auth.regionMatches(true, 0, "Bearer ", 0, 7)
              ? auth.substring(7).trim()
              : "";
      if (!MessageDigest.isEqual(adminToken, presented.getBytes(StandardCharsets.UTF_8))) {
        throw new ApiException.Refused(
            Status.UNAUTHORIZED,
            "Send the admin token as Authorization: Bearer <token> (STOCKROOM_ADMIN_TOKEN, or the"
                + " admin-token file in the data directory).");
      }
      Router.Match m =
          Routing.match(
              router, ex, "No control-plane resource at " + ex.path() + ".", "Allowed methods: ");
      Router.Route route = java.util.Objects.requireNonNull(m.route());
      if (!Negotiation.acceptsJson(ex.headers().get("accept"))) {
        throw new ApiException.Refused(
            Status.NOT_ACCEPTABLE, "Only JSON is served: send Accept: application/json.");
      }
      boolean writes = ex.method().equals("POST") || ex.method().equals("PUT");
      // A POST without a body (rate-limit/drain) needs no Content-Type.
      boolean hasBody = ex.body().length > 0 || ex.bodyTooLarge();
      if (writes && hasBody && !Negotiation.isJson(ex.headers().get("content-type"))) {
        throw new ApiException.Refused(
            Status.UNSUPPORTED_MEDIA_TYPE,
            "Send the body as JSON with Content-Type: application/json.");
      }
      if (ex.bodyTooLarge()) {
        throw new ApiException.Refused(Status.TOO_LARGE, "The request body is too large.");
      }
      Call call =
          new Call(
              null,
              null,
              ex.method(),
              m.params(),
              Query.parse(ex.rawQuery()),
              ex.body(),
              "/admin/api",
              ex.headers());
      return route.handler().handle(call);
    } catch (ApiException e) {
      return ErrorRenderer.render(ApiVersion.ADMIN, e);
    } catch (RuntimeException e) {
      LOG.error("request {} {} {} failed", ex.requestId(), ex.method(), ex.path(), e);
      return ErrorRenderer.unexpected(ApiVersion.ADMIN, ex.requestId());
    }
  }
}
