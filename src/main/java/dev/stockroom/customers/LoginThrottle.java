package dev.stockroom.customers;

import dev.stockroom.api.ApiException;
import dev.stockroom.api.Status;
import java.time.Clock;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The validate endpoints' "special rate limiting protections" (customers.v3 validate-credentials,
 * customers.v2 validate): after {@value #MAX_FAILURES} wrong passwords for one account within
 * {@value #WINDOW_MS} ms, further checks of that account get 429 until the oldest failure leaves
 * the window, so that the endpoints cannot be used to guess passwords. Kept in memory per node.
 */
final class LoginThrottle {
  static final int MAX_FAILURES = 10;
  static final long WINDOW_MS = 60_000;
  private static final int MAX_KEYS = 100_000;

  private final Clock clock;
  private final Map<String, Deque<Long>> failures = new ConcurrentHashMap<>();

  LoginThrottle(Clock clock) {
    this.clock = clock;
  }

  /** Refuses (429) a check of {@code account} that has failed too often lately. */
  void check(long storeId, String account) {
    Deque<Long> recent = failures.get(key(storeId, account));
    if (recent == null) {
      return;
    }
    long now = clock.millis();
    synchronized (recent) {
      while (!recent.isEmpty() && recent.peekFirst() <= now - WINDOW_MS) {
        recent.pollFirst();
      }
      if (recent.size() >= MAX_FAILURES) {
        long retryMs = recent.peekFirst() + WINDOW_MS - now;
        throw new ApiException.Refused(
            Status.TOO_MANY_REQUESTS,
            "Too many requests: too many failed password checks for this customer. Retry in "
                + Math.max(1, (retryMs + 999) / 1000)
                + " seconds.",
            Map.of(),
            Map.of("Retry-After", String.valueOf(Math.max(1, (retryMs + 999) / 1000))));
      }
    }
  }

  /** Records the outcome of a check: a success forgets the account's failures. */
  void record(long storeId, String account, boolean valid) {
    String key = key(storeId, account);
    if (valid) {
      failures.remove(key);
      return;
    }
    if (failures.size() > MAX_KEYS) {
      prune();
    }
    Deque<Long> recent = failures.computeIfAbsent(key, k -> new ArrayDeque<>());
    synchronized (recent) {
      recent.addLast(clock.millis());
      while (recent.size() > MAX_FAILURES) {
        recent.pollFirst();
      }
    }
  }

  private void prune() {
    long cutoff = clock.millis() - WINDOW_MS;
    failures
        .entrySet()
        .removeIf(
            e -> {
              synchronized (e.getValue()) {
                Long last = e.getValue().peekLast();
                return last == null || last <= cutoff;
              }
            });
  }

  private static String key(long storeId, String account) {
    return storeId + "/" + account;
  }
}
