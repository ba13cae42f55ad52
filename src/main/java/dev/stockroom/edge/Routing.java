package dev.stockroom.edge;

import dev.stockroom.api.ApiException;
import dev.stockroom.api.Router;
import dev.stockroom.api.Status;
import java.util.Map;

/** Route lookup of the pipelines that check no store first: 501, then 404 or 405 with Allow. */
final class Routing {
  private Routing() {}

  /**
   * The matched route of {@code ex}, or the error: {@code notFound} for an unknown path, {@code
   * allowedPrefix} followed by the allowed methods for a known path and another method.
   */
  static Router.Match match(Router router, Exchange ex, String notFound, String allowedPrefix) {
    if (!StorePipeline.IMPLEMENTED.contains(ex.method())) {
      throw new ApiException.Refused(
          Status.NOT_IMPLEMENTED, "The " + ex.method() + " method is not supported.");
    }
    Router.Match m = router.match(ex.method(), ex.path());
    if (m.route() == null) {
      if (m.allowed().isEmpty()) {
        throw new ApiException.NotFound(notFound);
      }
      throw new ApiException.Refused(
          Status.METHOD_NOT_ALLOWED,
          allowedPrefix + String.join(", ", m.allowed()) + ".",
          Map.of(),
          Map.of("Allow", String.join(", ", m.allowed())));
    }
    return m;
  }
}
