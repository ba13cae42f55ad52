package dev.stockroom.tasks;

import dev.stockroom.api.Replay;
import dev.stockroom.api.Reply;
import dev.stockroom.api.Router;
import dev.stockroom.tenancy.Tenant;
import dev.stockroom.tenancy.Tenants;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The background thread of a node that runs due tasks: every poll interval it claims one with a
 * lease, runs it while renewing the lease, and writes the result. A task whose node died is claimed
 * again once its lease runs out; the operations are safe to resume.
 */
final class TaskRunner implements AutoCloseable {
  private static final Logger LOG = LoggerFactory.getLogger(TaskRunner.class);
  static final long LEASE_MS = 30_000;
  private static final int MAX_ATTEMPTS = 5;

  private final TaskStore store;
  private final Router router;
  private final Tenants tenants;
  private final Clock clock;
  private final long pollMs;
  private final String node = UUID.randomUUID().toString();
  private final Thread thread;
  private final java.util.concurrent.Semaphore wake = new java.util.concurrent.Semaphore(0);
  private volatile boolean stopped;

  TaskRunner(TaskStore store, Router router, Tenants tenants, Clock clock, long pollMs) {
    this.store = store;
    this.router = router;
    this.tenants = tenants;
    this.clock = clock;
    this.pollMs = Math.max(1, pollMs);
    this.thread = Thread.ofPlatform().name("stockroom-tasks").daemon().unstarted(this::loop);
  }

  void start() {
    thread.start();
  }

  private void loop() {
    while (!stopped) {
      try {
        // Sleep first: a node that just started lets its server come up before resuming work.
        if (wake.tryAcquire(pollMs, TimeUnit.MILLISECONDS)) {
          return; // only close() wakes the runner up
        }
        while (!stopped && runOne()) {
          // drain the due tasks before sleeping again
        }
      } catch (InterruptedException e) {
        return;
      } catch (RuntimeException e) {
        LOG.error("task runner failed; retrying after the poll interval", e);
      }
    }
  }

  /** Claims and runs one due task; false when none was due. */
  private boolean runOne() throws InterruptedException {
    long wall = System.currentTimeMillis();
    Optional<Task> claimed = store.claim(node, wall, wall + LEASE_MS, clock.millis());
    if (claimed.isEmpty()) {
      return false;
    }
    Task t = claimed.get();
    if (t.attempts() > MAX_ATTEMPTS) {
      finish(t, failure("The task was started " + MAX_ATTEMPTS + " times without finishing."));
      return true;
    }
    AtomicReference<@Nullable Result> result = new AtomicReference<>();
    Thread work = Thread.ofVirtual().start(() -> result.set(run(t)));
    while (!work.join(java.time.Duration.ofMillis(LEASE_MS / 3))) {
      store.renew(t, node, System.currentTimeMillis() + LEASE_MS);
    }
    Result r = result.get();
    if (r != null) {
      finish(t, r);
    } else {
      store.release(t, node); // paused by close(): the next node resumes it at once
    }
    return true;
  }

  /** A finished task's answer; {@code done} is its final progress. */
  record Result(int status, @Nullable String body, long done) {}

  private static Result failure(String message) {
    String body =
        "{\"status\":500,\"title\":\"The task could not be run\",\"type\":\"\",\"errors\":"
            + "{\"task\":"
            + dev.stockroom.api.Json.text(message)
            + "}}";
    return new Result(500, body, 0);
  }

  /** The task's result, or null when the node is stopping and the task was paused. */
  private @Nullable Result run(Task t) {
    try {
      Optional<Tenant> tenant = tenants.find(hashOf(t.path()));
      if (tenant.isEmpty()) {
        return failure("The store of the task no longer exists.");
      }
      if (t.kind().equals(Task.SAMPLE_DATA)) {
        return new SampleData(router, t, tenant.get()).run(() -> stopped);
      }
      Reply reply =
          Replay.run(
              router,
              new Replay.Request(
                  tenant.get(),
                  t.clientId() == null ? "" : t.clientId(),
                  t.method(),
                  t.path(),
                  t.rawQuery(),
                  t.body().getBytes(StandardCharsets.UTF_8)),
              "task-" + t.id());
      String body =
          reply.body().length == 0 ? null : new String(reply.body(), StandardCharsets.UTF_8);
      return new Result(reply.status(), body, reply.status() < 400 ? t.total() : t.done());
    } catch (RuntimeException e) {
      LOG.error("task {} of store {} failed", t.id(), t.storeId(), e);
      return failure("The task failed unexpectedly; the server log has the details.");
    }
  }

  private void finish(Task t, Result r) {
    store.finish(t, node, r.status(), r.body(), r.done(), clock.millis());
  }

  /** The store hash in a task's path: {@code /stores/{hash}/…} or {@code /admin/api/stores/…}. */
  static String hashOf(String path) {
    String[] parts = path.split("/");
    return path.startsWith("/admin/") ? parts[4] : parts[2];
  }

  /** Stops the thread; a task in progress finishes or, for sample data, pauses at its next step. */
  @Override
  public void close() {
    stopped = true;
    wake.release();
    try {
      thread.join(TimeUnit.SECONDS.toMillis(30));
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }
}
