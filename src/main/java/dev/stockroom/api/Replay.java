package dev.stockroom.api;

import dev.stockroom.tenancy.Tenant;
import java.util.Map;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Runs a stored request through a router as a scheduled run ({@link Call#scheduledRun()}), with
 * errors rendered as the API renders them: a scheduled operation behaves exactly as the same
 * request done synchronously, and its result is that request's answer.
 */
public final class Replay {
  private static final Logger LOG = LoggerFactory.getLogger(Replay.class);

  private Replay() {}

  /** One stored request; {@code path} is the full request path ({@code /stores/h/v3/…}). */
  public record Request(
      Tenant tenant, String clientId, String method, String path, String rawQuery, byte[] body) {}

  /** The answer of {@code r} as {@code router} gives it (never throws for API errors). */
  public static Reply run(Router router, Request r, String label) {
    ApiVersion version = ApiVersion.ofPath(r.path());
    try {
      Router.Match m = router.match(r.method(), r.path());
      Router.Route route = m.route();
      if (route == null) {
        throw new ApiException.NotFound("The requested resource was not found.");
      }
      String[] parts = r.path().split("/", 5);
      String base = "/" + parts[1] + "/" + parts[2] + "/" + parts[3];
      Call call =
          new Call(
              r.tenant(),
              r.clientId(),
              r.method(),
              m.params(),
              Query.parse(r.rawQuery()),
              r.body(),
              base,
              Map.of("content-type", "application/json"));
      return route.handler().handle(call.asScheduledRun());
    } catch (ApiException e) {
      return ErrorRenderer.render(version, e);
    } catch (RuntimeException e) {
      LOG.error("scheduled {} {} {} failed", label, r.method(), r.path(), e);
      return ErrorRenderer.unexpected(version, label);
    }
  }
}
