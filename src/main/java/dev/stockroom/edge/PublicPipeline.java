package dev.stockroom.edge;

import dev.stockroom.api.ApiException;
import dev.stockroom.api.ApiVersion;
import dev.stockroom.api.Call;
import dev.stockroom.api.ErrorRenderer;
import dev.stockroom.api.Query;
import dev.stockroom.api.Reply;
import dev.stockroom.api.Router;
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
      Router.Match m =
          Routing.match(
              router,
              ex,
              "No file is served at " + ex.path() + ".",
              "Files are read-only here. Allowed: ");
      Router.Route route = java.util.Objects.requireNonNull(m.route());
      Call call =
          new Call(
              null,
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
