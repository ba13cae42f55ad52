package dev.stockroom.tasks;

import dev.stockroom.api.Routes;
import dev.stockroom.api.Scheduler;
import dev.stockroom.config.Config;
import dev.stockroom.db.Database;
import dev.stockroom.tenancy.Tenants;
import org.jspecify.annotations.Nullable;

/**
 * The tasks feature as {@code App} wires it: the scheduler routes use, the route tables (store API
 * and control plane), and the node's runner, started once every route is registered.
 */
public final class Tasks implements AutoCloseable {
  private final TaskStore store;
  private final Tenants tenants;
  private final Config config;
  private final TaskScheduler scheduler;
  private @Nullable TaskRunner runner;

  public Tasks(Database db, Tenants tenants, Config config) {
    this.store = new TaskStore(db);
    this.tenants = tenants;
    this.config = config;
    this.scheduler = new TaskScheduler(store, config.clock(), config.background().taskThreshold());
  }

  public Scheduler scheduler() {
    return scheduler;
  }

  /** {@code /stores/{hash}/v3/tasks[/{id}]}. */
  public Routes routes() {
    return new TaskRoutes(store);
  }

  /** {@code /admin/api/stores/{hash}/tasks[/{id}]} and {@code …/sample-data}. */
  public Routes adminRoutes() {
    return new TaskAdminRoutes(store, tenants, config.clock());
  }

  /** Starts this node's runner; tasks replay their requests through {@code storeRouter}. */
  public void start(dev.stockroom.api.Router storeRouter) {
    TaskRunner r =
        new TaskRunner(
            store, storeRouter, tenants, config.clock(), config.background().webhookPollMs());
    runner = r;
    r.start();
  }

  @Override
  public void close() {
    TaskRunner r = runner;
    if (r != null) {
      r.close();
    }
  }
}
