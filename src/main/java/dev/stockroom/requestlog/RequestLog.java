package dev.stockroom.requestlog;

import dev.stockroom.ratelimit.RateLimiter;
import java.time.Clock;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicReferenceArray;
import org.jspecify.annotations.Nullable;

/**
 * The last {@link #CAPACITY} store API requests of each store, as this node answered them (memory
 * only: per node, gone on restart). Recording is lock-free: one atomic increment and one array
 * store of values the pipeline already has; nothing is formatted until the log is read.
 */
public final class RequestLog {
  public static final int CAPACITY = 1_000;

  /** Rings kept at most; a new store beyond this replaces the one whose last request is oldest. */
  static final int MAX_STORES = 1_000;

  /**
   * One answered request.
   *
   * @param status the status answered; 0 when a fault rule dropped the connection
   * @param nanos how long the pipeline took (with any fault latency)
   * @param rateLimit the rate-limit state the answer's X-Rate-Limit-* headers reported
   * @param faultRuleId the fault rule that fired, 0 for none
   */
  public record Entry(
      String requestId,
      String method,
      String path,
      String query,
      int status,
      long nanos,
      RateLimiter.@Nullable Decision rateLimit,
      long faultRuleId) {}

  /** An entry with its place in the store's log and when it was recorded. */
  public record Logged(long seq, long at, Entry entry) {}

  private static final class Ring {
    final AtomicLong next = new AtomicLong();
    final AtomicReferenceArray<@Nullable Logged> slots = new AtomicReferenceArray<>(CAPACITY);

    long lastAt() {
      long n = next.get();
      Logged last = n == 0 ? null : slots.getAcquire((int) ((n - 1) % CAPACITY));
      return last == null ? Long.MIN_VALUE : last.at();
    }
  }

  private final Clock clock;
  private final ConcurrentHashMap<Long, Ring> rings = new ConcurrentHashMap<>();

  public RequestLog(Clock clock) {
    this.clock = clock;
  }

  public void record(long storeId, Entry entry) {
    Ring ring = rings.get(storeId);
    if (ring == null) {
      ring = ring(storeId);
    }
    long seq = ring.next.getAndIncrement();
    ring.slots.setRelease((int) (seq % CAPACITY), new Logged(seq, clock.millis(), entry));
  }

  private synchronized Ring ring(long storeId) {
    Ring existing = rings.get(storeId);
    if (existing != null) {
      return existing;
    }
    if (rings.size() >= MAX_STORES) {
      rings.entrySet().stream()
          .min(Comparator.comparingLong((Map.Entry<Long, Ring> e) -> e.getValue().lastAt()))
          .ifPresent(e -> rings.remove(e.getKey()));
    }
    Ring ring = new Ring();
    rings.put(storeId, ring);
    return ring;
  }

  /** Up to {@code limit} of the store's latest requests, newest first. */
  public List<Logged> recent(long storeId, int limit) {
    Ring ring = rings.get(storeId);
    if (ring == null) {
      return List.of();
    }
    List<Logged> out = new ArrayList<>();
    for (int i = 0; i < CAPACITY; i++) {
      Logged l = ring.slots.getAcquire(i);
      if (l != null) {
        out.add(l);
      }
    }
    out.sort(Comparator.comparingLong(Logged::seq).reversed());
    return List.copyOf(out.subList(0, Math.min(limit, out.size())));
  }

  /** Forgets a deleted store's requests. */
  public void forget(long storeId) {
    rings.remove(storeId);
  }
}
