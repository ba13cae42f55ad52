package dev.stockroom.tasks;

import dev.stockroom.api.ApiException;
import dev.stockroom.api.Call;
import dev.stockroom.api.Envelope;
import dev.stockroom.api.Paging;
import dev.stockroom.api.Reply;
import dev.stockroom.api.Router;
import dev.stockroom.api.Routes;
import dev.stockroom.tenancy.Tenant;
import dev.stockroom.tenancy.Tenants;
import java.nio.charset.StandardCharsets;
import java.time.Clock;

/**
 * The control plane's view of a store's tasks ({@code /admin/api/stores/{hash}/tasks}), and {@code
 * POST …/sample-data}, which fills a store with sample products, customers and orders as a task.
 */
final class TaskAdminRoutes implements Routes {
  private static final String STORE = "/admin/api/stores/{store_hash}";
  private static final String TASKS = STORE + "/tasks";

  private final TaskStore store;
  private final Tenants tenants;
  private final Clock clock;

  TaskAdminRoutes(TaskStore store, Tenants tenants, Clock clock) {
    this.store = store;
    this.tenants = tenants;
    this.clock = clock;
  }

  @Override
  public void register(Router r) {
    r.get(TASKS, this::list)
        .get(TASKS + "/{task_id}", this::get)
        .post(STORE + "/sample-data", this::sampleData);
  }

  private Tenant tenant(Call c) {
    return tenants.get(c.param("store_hash"));
  }

  private Reply list(Call c) {
    Paging paging = Paging.of(c.query());
    return Reply.ok(TaskRoutes.page(store, tenant(c).id(), paging, c));
  }

  private Reply get(Call c) {
    return Reply.ok(Envelope.single(store.get(tenant(c).id(), c.id("task_id")).json()));
  }

  /** {@code {products, customers, orders}} (each 0 … 100,000) → 202 and the task. */
  private Reply sampleData(Call c) {
    Tenant t = tenant(c);
    long total = SampleData.total(c.json());
    if (total == 0) {
      throw ApiException.Invalid.field(
          "products", "ask for at least one product, customer or order");
    }
    String path = "/admin/api/stores/" + t.hash() + "/sample-data";
    Task task =
        store.create(
            new TaskStore.NewTask(
                t.id(),
                Task.SAMPLE_DATA,
                total,
                "POST",
                path,
                "",
                new String(c.body(), StandardCharsets.UTF_8),
                null),
            clock.millis());
    return TaskScheduler.accepted(task, "/admin/api/stores/" + t.hash() + "/tasks/" + task.id());
  }
}
