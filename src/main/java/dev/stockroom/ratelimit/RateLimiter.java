package dev.stockroom.ratelimit;

import java.time.Clock;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Per-store fixed-window limiter shared by all of a store's API accounts (spec-digest §5). Exact on
 * one node: each store's window is guarded by its own monitor, so no more than the quota is granted
 * per window however many callers race.
 */
public final class RateLimiter {
  /** The state after one request, as the four X-Rate-Limit-* headers report it. */
  public record Decision(boolean allowed, long left, long quota, long resetMs, long windowMs) {
    /** X-Retry-After: whole seconds, at least 1 (node-bigcommerce waits on it). */
    public long retryAfterSeconds() {
      return Math.max(1, (resetMs + 999) / 1000);
    }
  }

  private static final class Window {
    long start;
    long used;
    long quota;
    long windowMs;
  }

  private final Clock clock;
  private final ConcurrentHashMap<Long, Window> windows = new ConcurrentHashMap<>();

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
    Window w = windows.computeIfAbsent(storeId, id -> new Window());
    synchronized (w) {
      roll(w, quota, windowMs, clock.millis());
      w.used = w.quota;
    }
  }

  private Decision step(long storeId, long quota, long windowMs, boolean take) {
    Window w = windows.computeIfAbsent(storeId, id -> new Window());
    long now = clock.millis();
    synchronized (w) {
      roll(w, quota, windowMs, now);
      boolean allowed = !take || w.used < w.quota;
      if (take && allowed) {
        w.used++;
      }
      long reset = Math.max(0, w.start + w.windowMs - now);
      return new Decision(allowed, Math.max(0, w.quota - w.used), w.quota, reset, w.windowMs);
    }
  }

  private static void roll(Window w, long quota, long windowMs, long now) {
    if (w.quota != quota
        || w.windowMs != windowMs
        || now >= w.start + w.windowMs
        || now < w.start) {
      w.start = now;
      w.used = 0;
      w.quota = quota;
      w.windowMs = windowMs;
    }
  }
}
