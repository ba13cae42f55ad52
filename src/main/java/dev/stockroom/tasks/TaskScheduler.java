package dev.stockroom.tasks;

import dev.stockroom.api.Call;
import dev.stockroom.api.Envelope;
import dev.stockroom.api.Json;
import dev.stockroom.api.Reply;
import dev.stockroom.api.Scheduler;
import java.nio.charset.StandardCharsets;
import java.time.Clock;

/** Records a large operation as a queued task and answers 202 with where to follow it. */
final class TaskScheduler implements Scheduler {
  private final TaskStore store;
  private final Clock clock;
  private final int threshold;

  TaskScheduler(TaskStore store, Clock clock, int threshold) {
    this.store = store;
    this.clock = clock;
    this.threshold = threshold;
  }

  @Override
  public int threshold() {
    return threshold;
  }

  @Override
  public Reply schedule(Call call, String kind, String path, long total) {
    Task t =
        store.create(
            new TaskStore.NewTask(
                call.tenant().id(),
                kind,
                total,
                call.method(),
                path,
                call.query().raw(),
                new String(call.body(), StandardCharsets.UTF_8),
                call.clientId()),
            clock.millis());
    return accepted(t, "/stores/" + call.tenant().hash() + "/v3/tasks/" + t.id());
  }

  static Reply accepted(Task t, String location) {
    return Reply.accepted(Json.write(Envelope.single(t.json())), location);
  }
}
