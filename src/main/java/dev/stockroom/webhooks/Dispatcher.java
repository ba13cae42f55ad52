package dev.stockroom.webhooks;

import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.stockroom.api.Json;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Clock;
import java.util.HexFormat;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Each node's delivery loop: claims due deliveries, sends each on its own virtual thread, records
 * the attempt. Time comes from the injected clock, so a test moves the whole retry schedule by
 * moving the clock.
 */
final class Dispatcher implements AutoCloseable {
  private static final Logger LOG = LoggerFactory.getLogger(Dispatcher.class);
  static final int MAX_IN_FLIGHT = 64;

  private final DeliveryStore store;
  private final Destinations destinations;
  private final Sender sender;
  private final DomainHealth health;
  private final Clock clock;
  private final long pollMs;
  private final long leaseMs;
  private final Set<String> inFlight = ConcurrentHashMap.newKeySet();
  private final ExecutorService senders = Executors.newVirtualThreadPerTaskExecutor();
  private final Thread loop;
  private volatile boolean running = true;

  Dispatcher(
      DeliveryStore store,
      Destinations destinations,
      Sender sender,
      DomainHealth health,
      Clock clock,
      long pollMs,
      long timeoutMs) {
    this.store = store;
    this.destinations = destinations;
    this.sender = sender;
    this.health = health;
    this.clock = clock;
    this.pollMs = pollMs;
    this.leaseMs = timeoutMs + 15_000; // a dead node's deliveries go again soon after
    this.loop = Thread.ofPlatform().daemon().name("webhook-dispatcher").unstarted(this::run);
  }

  void start() {
    loop.start();
  }

  private void run() {
    while (running) {
      int claimed = 0;
      try {
        claimed = poll();
      } catch (RuntimeException e) {
        LOG.warn("webhook dispatch failed; trying again in {} ms", pollMs, e);
      }
      if (claimed == 0) {
        try {
          Thread.sleep(pollMs);
        } catch (InterruptedException e) {
          return;
        }
      }
    }
  }

  /** Claims what is due and hands it to senders; returns how many were claimed. */
  int poll() {
    long now = clock.millis();
    var due = store.claim(now, now + leaseMs, MAX_IN_FLIGHT - inFlight.size());
    int started = 0;
    for (DeliveryStore.Due d : due) {
      String key = d.storeId() + "/" + d.id();
      if (inFlight.add(key)) {
        started++;
        senders.execute(
            () -> {
              try {
                deliver(d);
              } catch (RuntimeException e) {
                LOG.warn(
                    "webhook delivery {} of store {} failed to record", d.id(), d.storeId(), e);
              } finally {
                inFlight.remove(key);
              }
            });
      }
    }
    return started;
  }

  private void deliver(DeliveryStore.Due d) {
    if (d.destination() == null || !d.active()) {
      store.drop(d);
      return;
    }
    String domain = DomainHealth.domainOf(d.destination());
    long blocked = health.blockedUntil(domain, clock.millis());
    if (blocked > 0) {
      store.postpone(d, blocked);
      return;
    }
    ObjectNode payload = payload(d);
    String hash = payload.get("hash").asText();
    Map<String, String> headers = Webhook.headers(d.headers());
    long at = clock.millis();
    Sender.Outcome o;
    try {
      o =
          sender.post(
              destinations.target(d.destination()),
              headers == null ? Map.of() : headers,
              Json.write(payload));
    } catch (Destinations.Refused e) {
      o = new Sender.Outcome(0, 0, "not sent: " + e.getMessage());
    }
    long now = clock.millis();
    health.record(domain, o.delivered(), now);
    store.record(d, hash, at, o, now);
  }

  /**
   * BigCommerce's light payload. The hash is a SHA-1 of the rest of the payload and the delivery's
   * id: every attempt of one delivery carries the same hash, so receivers can drop duplicates.
   */
  static ObjectNode payload(DeliveryStore.Due d) {
    ObjectNode p = JsonNodeFactory.instance.objectNode();
    p.put("scope", d.scope());
    p.put("store_id", Long.toString(d.storeId()));
    p.set("data", Json.tree(d.data()));
    p.put("hash", ""); // its place in BigCommerce's field order; filled in below
    p.put("created_at", d.createdAt() / 1000);
    p.put("producer", "stores/" + d.storeHash());
    ObjectNode unsigned = p.deepCopy();
    unsigned.remove("hash");
    p.put("hash", sha1(Json.text(unsigned) + "#" + d.id()));
    return p;
  }

  private static String sha1(String s) {
    try {
      return HexFormat.of()
          .formatHex(MessageDigest.getInstance("SHA-1").digest(s.getBytes(StandardCharsets.UTF_8)));
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("SHA-1 is missing from this JDK", e);
    }
  }

  @Override
  public void close() {
    running = false;
    loop.interrupt();
    senders.shutdown();
    try {
      if (!senders.awaitTermination(5, TimeUnit.SECONDS)) {
        senders.shutdownNow();
      }
      loop.join(5_000);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }
}
