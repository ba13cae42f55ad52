package dev.stockroom.ratelimit;

import java.time.Clock;
import java.util.Objects;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicReference;

/**
 * Per-store fixed-window limiter shared by all of a store's API accounts (spec-digest §5). Exact on
 * one node: each store's window is one immutable value swapped by compare-and-set, so no more than
 * the quota is granted per window however many callers race.
 *
 * <p>No lock: requests run on virtual threads, and one that blocks on a monitor is woken through
 * the scheduler's submission queue, which busy carriers reach last. With a monitor here, every
 * request of a saturated store queued behind the first one that found it held, for seconds.
 */
public final class RateLimiter {
  /** The state after one request, as the four X-Rate-Limit-* headers report it. */
  public record Decision(boolean allowed, long left, long quota, long resetMs, long windowMs) {
    /** X-Retry-After: whole seconds, at least 1 (node-bigcommerce waits on it). */
    public long retryAfterSeconds() {
      return Math.max(1, (resetMs + 999) / 1000);
    }
  }

  private record Window(long start, long used, long quota, long windowMs) {
    /** This window, or a new empty one when it has ended or its quota or length changed. */
    Window rolled(long quota, long windowMs, long now) {
      if (this.quota != quota
          || this.windowMs != windowMs
          || now >= start + this.windowMs
          || now < start) {
        return new Window(now, 0, quota, windowMs);
      }
      return this;
    }
  }

  private static final Window NONE = new Window(0, 0, -1, -1);

  private final Clock clock;
  private final ConcurrentHashMap<Long, AtomicReference<Window>> windows =
      new ConcurrentHashMap<>();

  public RateLimiter(Clock clock) {
    this.clock = clock;
  }

  /** Takes one request from the store's quota, or refuses it when the window is used up. */
  public Decision acquire(long storeId, long quota, long windowMs) {
    return step(storeId, quota, windowMs, true);
  }

  /** The store's state without taking a request (for answers given before the limiter). */
  public Decision peek(long storeId, long quota, long windowMs) {
    return step(storeId, quota, windowMs, false);
  }

  /** Forgets a store's window (its quota or window was changed, or it was deleted). */
  public void reset(long storeId) {
    windows.remove(storeId);
  }

  /** Uses up the rest of the current window (failure rehearsal: the next request gets 429). */
  public void drain(long storeId, long quota, long windowMs) {
    AtomicReference<Window> cell = cell(storeId);
    Window old;
    Window next;
    do {
      old = Objects.requireNonNull(cell.get());
      Window w = old.rolled(quota, windowMs, clock.millis());
      next = new Window(w.start, w.quota, w.quota, w.windowMs);
    } while (!cell.compareAndSet(old, next));
  }

  private Decision step(long storeId, long quota, long windowMs, boolean take) {
    AtomicReference<Window> cell = cell(storeId);
    while (true) {
      Window old = Objects.requireNonNull(cell.get()); // never null: cells start at NONE
      // The clock is read after the window: a window another caller just started is then never
      // from this caller's future, which would look like the clock going back and reset it.
      long now = clock.millis();
      Window w = old.rolled(quota, windowMs, now);
      boolean allowed = !take || w.used < w.quota;
      Window next = take && allowed ? new Window(w.start, w.used + 1, w.quota, w.windowMs) : w;
      if (next.equals(old) || cell.compareAndSet(old, next)) {
        long reset = Math.max(0, next.start + next.windowMs - now);
        return new Decision(
            allowed, Math.max(0, next.quota - next.used), next.quota, reset, next.windowMs);
      }
    }
  }

  private AtomicReference<Window> cell(long storeId) {
    AtomicReference<Window> cell = windows.get(storeId);
    // computeIfAbsent may lock a bin of the map: only a store's first request goes there.
    return cell != null
        ? cell
        : windows.computeIfAbsent(storeId, id -> new AtomicReference<>(NONE));
  }
}
