package dev.stockroom.tasks;

import com.fasterxml.jackson.databind.JsonNode;
import dev.stockroom.api.Call;
import dev.stockroom.api.Envelope;
import dev.stockroom.api.Paging;
import dev.stockroom.api.Reply;
import dev.stockroom.api.Router;
import dev.stockroom.api.Routes;
import java.util.List;

/**
 * {@code /v3/tasks} (a Stockroom extension): the store's scheduled tasks. No scope gates them: any
 * API account of the store may follow the task its request started, whatever its scopes.
 */
final class TaskRoutes implements Routes {
  static final String TASKS = "/stores/{store_hash}/v3/tasks";
  static final String TASK = TASKS + "/{task_id}";

  private final TaskStore store;

  TaskRoutes(TaskStore store) {
    this.store = store;
  }

  @Override
  public void register(Router r) {
    r.add("GET", TASKS, null, this::list).add("GET", TASK, null, this::get);
  }

  private Reply list(Call c) {
    Paging paging = Paging.of(c.query());
    return Reply.ok(page(store, c.tenant().id(), paging, c));
  }

  static JsonNode page(TaskStore store, long storeId, Paging paging, Call c) {
    TaskStore.Page p = store.page(storeId, paging);
    List<JsonNode> items = p.tasks().stream().map(t -> (JsonNode) t.json()).toList();
    return Envelope.page(items, p.total(), paging, c.query());
  }

  private Reply get(Call c) {
    return Reply.ok(Envelope.single(store.get(c.tenant().id(), c.id("task_id")).json()));
  }
}
