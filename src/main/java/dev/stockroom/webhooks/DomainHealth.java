package dev.stockroom.webhooks;

import java.util.ArrayDeque;
import java.util.HashMap;
import java.util.Map;

/**
 * The hosted API's blacklisting, per destination domain (host and port), kept by each node: once a
 * domain has had at least 100 attempts in a sliding 2-minute window and fewer than 90% of them
 * succeeded, it is blocked for 3 minutes; deliveries due meanwhile wait without spending a retry
 * (spec-digest §7).
 */
final class DomainHealth {
  static final long WINDOW_MS = 120_000;
  static final long BLOCK_MS = 180_000;
  static final int MIN_ATTEMPTS = 100;
  static final double MIN_SUCCESS = 0.9;
  private static final int MAX_KEPT = 10_000;

  private static final class Window {
    final ArrayDeque<long[]> outcomes = new ArrayDeque<>(); // {at, 1 if delivered}
    long successes;
    long blockedUntil;
  }

  private final Map<String, Window> domains = new HashMap<>();

  synchronized void record(String domain, boolean delivered, long now) {
    Window w = domains.computeIfAbsent(domain, d -> new Window());
    evict(w, now);
    w.outcomes.addLast(new long[] {now, delivered ? 1 : 0});
    w.successes += delivered ? 1 : 0;
    if (w.outcomes.size() > MAX_KEPT) {
      w.successes -= w.outcomes.removeFirst()[1];
    }
    if (w.outcomes.size() >= MIN_ATTEMPTS
        && w.successes < MIN_SUCCESS * w.outcomes.size()
        && w.blockedUntil <= now) {
      w.blockedUntil = now + BLOCK_MS;
      w.outcomes.clear();
      w.successes = 0;
    }
  }

  /** Until when the domain is blocked; 0 when it is not. */
  synchronized long blockedUntil(String domain, long now) {
    Window w = domains.get(domain);
    return w == null || w.blockedUntil <= now ? 0 : w.blockedUntil;
  }

  private static void evict(Window w, long now) {
    while (!w.outcomes.isEmpty() && w.outcomes.peekFirst()[0] <= now - WINDOW_MS) {
      w.successes -= w.outcomes.removeFirst()[1];
    }
  }

  /** The domain of a destination URL as the hosted API judges it: host and port. */
  static String domainOf(String destination) {
    try {
      java.net.URI u = new java.net.URI(destination);
      String host = u.getHost() == null ? "" : u.getHost().toLowerCase(java.util.Locale.ROOT);
      int port =
          u.getPort() != -1 ? u.getPort() : "https".equalsIgnoreCase(u.getScheme()) ? 443 : 80;
      return host + ":" + port;
    } catch (java.net.URISyntaxException e) {
      return destination;
    }
  }
}
