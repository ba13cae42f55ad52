package dev.stockroom.faults;

import dev.stockroom.api.ApiException;
import dev.stockroom.api.Status;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.OptionalLong;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;
import java.util.regex.Pattern;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * This node's copy of the fault rules that can still fire, by store. The copy is replaced whole
 * when this node's control plane changes a rule and re-read every second, so rules made through
 * another node sharing the database apply within about a second. With no rules at all the store API
 * pays one read of a volatile field per request.
 */
public final class Faults implements AutoCloseable {
  private static final Logger LOG = LoggerFactory.getLogger(Faults.class);
  static final long REFRESH_MS = 1_000;

  private record Armed(FaultRule rule, Pattern path) {
    boolean matches(String method, String rest) {
      return (rule.method().equals("*") || rule.method().equals(method))
          && path.matcher(rest).matches();
    }
  }

  private final FaultStore store;
  private final ScheduledExecutorService refresher;
  private volatile Map<Long, List<Armed>> armed = Map.of();
  private volatile boolean failing;

  public Faults(FaultStore store) {
    this.store = store;
    reload();
    this.refresher =
        Executors.newSingleThreadScheduledExecutor(
            r -> Thread.ofPlatform().name("stockroom-faults").daemon(true).unstarted(r));
    var unused =
        refresher.scheduleWithFixedDelay(
            this::refresh, REFRESH_MS, REFRESH_MS, TimeUnit.MILLISECONDS);
  }

  public FaultStore store() {
    return store;
  }

  /** Re-reads every store's live rules (after a change, and every second). */
  public synchronized void reload() {
    Map<Long, List<Armed>> next = new HashMap<>();
    for (FaultRule r : store.armed()) {
      next.computeIfAbsent(r.storeId(), id -> new ArrayList<>())
          .add(new Armed(r, FaultRule.compile(r.path())));
    }
    next.replaceAll((id, rules) -> List.copyOf(rules));
    armed = Map.copyOf(next);
  }

  private void refresh() {
    try {
      reload();
      failing = false;
    } catch (RuntimeException e) {
      if (!failing) { // once per outage, not every second
        LOG.warn("could not re-read the fault rules; keeping the last copy", e);
      }
      failing = true;
    }
  }

  /**
   * The rule that answers this request, or null (nearly always). Rules are tried in the order they
   * were made; the first that matches, wins its coin toss and has some count left fires, and the
   * firing is counted in the database.
   *
   * @param path the request path, {@code /stores/{store_hash}/…}; rules match what follows the hash
   */
  public @Nullable FaultRule pick(long storeId, String method, String path) {
    Map<Long, List<Armed>> all = armed;
    if (all.isEmpty()) {
      return null;
    }
    List<Armed> rules = all.get(storeId);
    if (rules == null) {
      return null;
    }
    int afterHash = path.indexOf('/', "/stores/".length());
    String rest = afterHash < 0 ? "" : path.substring(afterHash);
    for (Armed a : rules) {
      FaultRule r = a.rule();
      Double p = r.probability();
      if (!a.matches(method, rest)
          || (p != null && ThreadLocalRandom.current().nextDouble() >= p)) {
        continue;
      }
      OptionalLong left = store.fire(storeId, r.id(), r.times() != null);
      if (left.isEmpty() || left.getAsLong() == 0) {
        reload(); // used up (by this request or another node's) or deleted: stop trying it here
      }
      if (left.isPresent()) {
        return r;
      }
    }
    return null;
  }

  /** Waits the rule's latency, if it has one (request threads are virtual: waiting is cheap). */
  public static void pause(FaultRule rule) {
    Long ms = rule.latencyMs();
    if (ms == null || ms <= 0) {
      return;
    }
    try {
      Thread.sleep(ms);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }

  /**
   * The error a rule answers, in the shape the same status has elsewhere in the API; the message
   * names the rule so that a client's log shows which answers were rehearsals.
   */
  public static ApiException failure(FaultRule rule, Status status, long resetMs) {
    String tag = " (injected by Stockroom fault rule " + rule.id() + ")";
    return switch (status) {
      case TOO_MANY_REQUESTS -> new ApiException.RateLimited(resetMs);
      case NOT_FOUND -> new ApiException.NotFound("The requested resource was not found." + tag);
      case UNPROCESSABLE ->
          new ApiException.Invalid("JSON data is missing or invalid" + tag, Map.of());
      case CONFLICT ->
          new ApiException.Conflict("The request conflicts with the store's data" + tag, Map.of());
      case UNAVAILABLE ->
          new ApiException.Refused(
              status, "The store is down for maintenance. Try again later." + tag);
      case INTERNAL_ERROR ->
          new ApiException.Refused(
              status, "An internal error occurred. Retry the request later." + tag);
      default -> new ApiException.Refused(status, status.title() + tag);
    };
  }

  @Override
  public void close() {
    refresher.shutdownNow();
    try {
      refresher.awaitTermination(5, TimeUnit.SECONDS);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }
}
