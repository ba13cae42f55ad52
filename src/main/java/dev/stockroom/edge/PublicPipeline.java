package dev.stockroom.edge;

import dev.stockroom.api.ApiException;
import dev.stockroom.api.ApiVersion;
import dev.stockroom.api.Call;
import dev.stockroom.api.ErrorRenderer;
import dev.stockroom.api.Query;
import dev.stockroom.api.Reply;
import dev.stockroom.api.Router;
import dev.stockroom.api.Status;
import java.util.Map;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Public reads without a token, as from a CDN: the image files that uploads store ({@code
 * /images/{store_hash}/{file}}). Only GET and HEAD; errors in the v3 envelope.
 */
final class PublicPipeline {
  private static final Logger LOG = LoggerFactory.getLogger(PublicPipeline.class);

  private final Router router;

  PublicPipeline(Router router) {
    this.router = router;
  }

  Reply handle(Exchange ex) {
    try {
      if (!StorePipeline.IMPLEMENTED.contains(ex.method())) {
        throw new ApiException.Refused(
            Status.NOT_IMPLEMENTED, "The " + ex.method() + " method is not supported.");
      }
      Router.Match m = router.match(ex.method(), ex.path());
      Router.Route route = m.route();
      if (route == null) {
        if (m.allowed().isEmpty()) {
          throw new ApiException.NotFound("No file is served at " + ex.path() + ".");
        }
        throw new ApiException.Refused(
            Status.METHOD_NOT_ALLOWED,
            "Files are read-only here. Allowed: " + String.join(", ", m.allowed()) + ".",
            Map.of(),
            Map.of("Allow", String.join(", ", m.allowed())));
      }
      Call call =
          new Call(
              null,
              ex.method(),
              m.params(),
              Query.parse("") /* a cache-busting query is ignored */,
              new byte[0],
              "",
              ex.headers());
      return route.handler().handle(call);
    } catch (ApiException e) {
      return ErrorRenderer.render(ApiVersion.V3, e);
    } catch (RuntimeException e) {
      LOG.error("request {} {} {} failed", ex.requestId(), ex.method(), ex.path(), e);
      return ErrorRenderer.unexpected(ApiVersion.V3, ex.requestId());
    }
  }
}
