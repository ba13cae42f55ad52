package dev.stockroom.tasks;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.stockroom.api.Dates;
import dev.stockroom.api.Json;
import org.jspecify.annotations.Nullable;

/**
 * One scheduled task: the request it runs, where it is (queued, running, completed, failed), its
 * progress and, once finished, the answer the request gave.
 */
record Task(
    long storeId,
    long id,
    String kind,
    String status,
    long done,
    long total,
    String method,
    String path,
    String rawQuery,
    String body,
    @Nullable String clientId,
    @Nullable Integer resultStatus,
    @Nullable String resultBody,
    long createdAt,
    @Nullable Long startedAt,
    @Nullable Long finishedAt,
    int attempts) {

  static final String QUEUED = "queued";
  static final String RUNNING = "running";
  static final String COMPLETED = "completed";
  static final String FAILED = "failed";

  /** The kind of the sample-data task, which is not a replayed request. */
  static final String SAMPLE_DATA = "sample_data";

  /** The task resource: {@code {id, kind, status, progress, result, created_at, …}}. */
  ObjectNode json() {
    ObjectNode n = Json.MAPPER.createObjectNode();
    n.put("id", id);
    n.put("kind", kind);
    n.put("status", status);
    ObjectNode p = n.putObject("progress");
    p.put("done", done);
    p.put("total", total);
    if (resultStatus == null) {
      n.putNull("result");
    } else {
      ObjectNode r = n.putObject("result");
      r.put("status", resultStatus);
      JsonNode body = resultBody == null || resultBody.isEmpty() ? null : Json.tree(resultBody);
      r.set("body", body == null ? Json.MAPPER.nullNode() : body);
    }
    n.put("created_at", Dates.v3(createdAt));
    time(n, "started_at", startedAt);
    time(n, "finished_at", finishedAt);
    return n;
  }

  private static void time(ObjectNode n, String field, @Nullable Long at) {
    if (at == null) {
      n.putNull(field);
    } else {
      n.put(field, Dates.v3(at));
    }
  }
}
