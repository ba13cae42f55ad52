package dev.stockroom.ratelimit;

import static org.assertj.core.api.Assertions.assertThat;

import dev.stockroom.testing.TestClock;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.atomic.AtomicInteger;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.IntRange;

/** The limiter never grants more than the quota in a window, however many callers race. */
class RateLimiterProperties {
  @Property(tries = 40)
  void concurrentCallersGetExactlyTheQuota(
      @ForAll @IntRange(min = 1, max = 300) int quota,
      @ForAll @IntRange(min = 2, max = 32) int threads,
      @ForAll @IntRange(min = 1, max = 40) int callsEach)
      throws InterruptedException {
    TestClock clock = new TestClock();
    RateLimiter limiter = new RateLimiter(clock);
    AtomicInteger granted = new AtomicInteger();
    AtomicInteger negativeLeft = new AtomicInteger();
    CountDownLatch start = new CountDownLatch(1);
    List<Thread> workers = new ArrayList<>();
    for (int t = 0; t < threads; t++) {
      workers.add(
          Thread.ofVirtual()
              .start(
                  () -> {
                    try {
                      start.await();
                    } catch (InterruptedException e) {
                      Thread.currentThread().interrupt();
                    }
                    for (int i = 0; i < callsEach; i++) {
                      RateLimiter.Decision d = limiter.acquire(7, quota, 3_600_000);
                      if (d.allowed()) {
                        granted.incrementAndGet();
                      }
                      if (d.left() < 0 || d.resetMs() < 0 || d.resetMs() > 3_600_000) {
                        negativeLeft.incrementAndGet();
                      }
                    }
                  }));
    }
    start.countDown();
    for (Thread w : workers) {
      w.join();
    }
    assertThat(granted.get()).isEqualTo(Math.min(quota, threads * callsEach));
    assertThat(negativeLeft.get()).isZero();
  }

  @Property(tries = 100)
  void eachWindowGrantsAtMostTheQuota(
      @ForAll @IntRange(min = 1, max = 50) int quota,
      @ForAll @IntRange(min = 10, max = 1000) int windowMs,
      @ForAll java.util.List<@IntRange(min = 0, max = 300) Integer> steps) {
    TestClock clock = new TestClock();
    RateLimiter limiter = new RateLimiter(clock);
    long windowStart = -1;
    int grantedInWindow = 0;
    for (int step : steps) {
      clock.advance(step);
      RateLimiter.Decision d = limiter.acquire(1, quota, windowMs);
      long start = clock.millis() - (windowMs - d.resetMs());
      if (start != windowStart) {
        windowStart = start;
        grantedInWindow = 0;
      }
      if (d.allowed()) {
        grantedInWindow++;
      } else {
        assertThat(d.retryAfterSeconds()).isGreaterThanOrEqualTo(1);
        assertThat(d.left()).isZero();
      }
      assertThat(grantedInWindow).isLessThanOrEqualTo(quota);
      assertThat(d.quota()).isEqualTo(quota);
    }
  }
}
