package dev.stockroom.edge;

import dev.stockroom.api.ApiException;
import dev.stockroom.api.Status;
import dev.stockroom.faults.FaultRule;
import dev.stockroom.faults.Faults;
import dev.stockroom.ratelimit.RateLimiter;
import dev.stockroom.requestlog.RequestLog;
import org.jspecify.annotations.Nullable;

/** What the store pipeline does when a fault rule fires, and what it writes to the request log. */
final class FaultInjection {
  private FaultInjection() {}

  /**
   * Applies a fault rule that fired: waits its latency, then throws its status (an injected 429
   * reports the window as used up, so that X-Retry-After comes with it). Returns the rate-limit
   * state to report when the request goes on (latency only) or is dropped.
   */
  static RateLimiter.Decision inject(FaultRule rule, RateLimiter.Decision decision) {
    Faults.pause(rule);
    Status status = rule.status();
    if (status == null) {
      return decision;
    }
    RateLimiter.Decision d = decision;
    if (status == Status.TOO_MANY_REQUESTS) {
      d = new RateLimiter.Decision(false, d.left(), d.quota(), d.resetMs(), d.windowMs());
    }
    throw new Injected(Faults.failure(rule, status, d.resetMs()), d);
  }

  /** An injected error with the rate-limit state its answer reports. */
  static final class Injected extends RuntimeException {
    private static final long serialVersionUID = 1L;
    final transient ApiException error;
    final transient RateLimiter.Decision decision;

    Injected(ApiException error, RateLimiter.Decision decision) {
      super(null, null, false, false);
      this.error = error;
      this.decision = decision;
    }
  }

  static RequestLog.Entry entry(
      Exchange request,
      int status,
      long started,
      RateLimiter.@Nullable Decision decision,
      long fired) {
    return new RequestLog.Entry(
        request.requestId(),
        request.method(),
        request.path(),
        request.rawQuery(),
        status,
        System.nanoTime() - started,
        decision,
        fired);
  }
}
