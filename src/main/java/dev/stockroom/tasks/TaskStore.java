package dev.stockroom.tasks;

import dev.stockroom.api.ApiException;
import dev.stockroom.api.Paging;
import dev.stockroom.db.Database;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.List;
import java.util.Optional;
import org.jdbi.v3.core.Handle;
import org.jdbi.v3.core.statement.StatementContext;
import org.jspecify.annotations.Nullable;

/** The tasks table: create, read, and the runner's claim, lease, progress and finish. */
final class TaskStore {
  private static final String COLUMNS =
      "store_id, id, kind, status, progress_done, progress_total, method, path, raw_query, body,"
          + " client_id, result_status, result_body, created_at, started_at, finished_at, attempts";

  private final Database db;

  TaskStore(Database db) {
    this.db = db;
  }

  /** What a new task runs; {@code clientId} is null for control-plane tasks. */
  record NewTask(
      long storeId,
      String kind,
      long total,
      String method,
      String path,
      String rawQuery,
      String body,
      @Nullable String clientId) {}

  Task create(NewTask t, long now) {
    return db.write(
        h -> {
          long id = Database.nextId(h, t.storeId(), "task");
          h.createUpdate(
                  """
                  INSERT INTO tasks (store_id, id, kind, status, progress_done, progress_total,
                    method, path, raw_query, body, client_id, created_at, claimed_until, attempts)
                  VALUES (?, ?, ?, 'queued', 0, ?, ?, ?, ?, ?, ?, ?, 0, 0)""")
              .bind(0, t.storeId())
              .bind(1, id)
              .bind(2, t.kind())
              .bind(3, t.total())
              .bind(4, t.method())
              .bind(5, t.path())
              .bind(6, t.rawQuery())
              .bind(7, t.body())
              .bind(8, t.clientId())
              .bind(9, now)
              .execute();
          return get(h, t.storeId(), id);
        });
  }

  Task get(long storeId, long id) {
    return db.read(h -> get(h, storeId, id));
  }

  private static Task get(Handle h, long storeId, long id) {
    return h.createQuery("SELECT " + COLUMNS + " FROM tasks WHERE store_id = ? AND id = ?")
        .bind(0, storeId)
        .bind(1, id)
        .map(TaskStore::row)
        .findOne()
        .orElseThrow(
            () -> new ApiException.NotFound("The requested task was not found: no task " + id));
  }

  /** A page of the store's tasks, newest first, and how many there are. */
  record Page(List<Task> tasks, long total) {}

  Page page(long storeId, Paging paging) {
    return db.read(
        h ->
            new Page(
                h.createQuery(
                        "SELECT "
                            + COLUMNS
                            + " FROM tasks WHERE store_id = ? ORDER BY id DESC LIMIT ? OFFSET ?")
                    .bind(0, storeId)
                    .bind(1, paging.limit())
                    .bind(2, paging.offset())
                    .map(TaskStore::row)
                    .list(),
                h.createQuery("SELECT COUNT(*) FROM tasks WHERE store_id = ?")
                    .bind(0, storeId)
                    .mapTo(Long.class)
                    .one()));
  }

  /**
   * Claims the oldest due task for {@code node} until {@code leaseUntil}: a queued one, or a
   * running one whose node's lease ran out (it crashed or stopped). PostgreSQL skips rows other
   * nodes are claiming; SQLite has one writer, which gives the same.
   */
  Optional<Task> claim(String node, long nowWall, long leaseUntil, long now) {
    String lock = db.dialect() == Database.Dialect.POSTGRES ? " FOR UPDATE SKIP LOCKED" : "";
    return db.write(
        h ->
            h.createQuery(
                    """
                    UPDATE tasks SET status = 'running', node = ?, claimed_until = ?,
                      attempts = attempts + 1, started_at = COALESCE(started_at, ?)
                    WHERE (store_id, id) IN (
                      SELECT store_id, id FROM tasks
                      WHERE status = 'queued' OR (status = 'running' AND claimed_until < ?)
                      ORDER BY created_at, store_id, id LIMIT 1"""
                        + lock
                        + ") RETURNING "
                        + COLUMNS)
                .bind(0, node)
                .bind(1, leaseUntil)
                .bind(2, now)
                .bind(3, nowWall)
                .map(TaskStore::row)
                .findOne());
  }

  /** Extends the lease of a task this node runs; false when another node took it over. */
  boolean renew(Task t, String node, long leaseUntil) {
    return db.write(
            h ->
                h.createUpdate(
                        "UPDATE tasks SET claimed_until = ? WHERE store_id = ? AND id = ?"
                            + " AND node = ? AND status = 'running'")
                    .bind(0, leaseUntil)
                    .bind(1, t.storeId())
                    .bind(2, t.id())
                    .bind(3, node)
                    .execute())
        > 0;
  }

  /** Gives up this node's lease of a running task, so that any node may resume it now. */
  void release(Task t, String node) {
    db.write(
        h ->
            h.createUpdate(
                    "UPDATE tasks SET claimed_until = 0 WHERE store_id = ? AND id = ?"
                        + " AND node = ? AND status = 'running'")
                .bind(0, t.storeId())
                .bind(1, t.id())
                .bind(2, node)
                .execute());
  }

  /** Records progress, inside the transaction of the step it reports when there is one. */
  static void progress(Handle h, Task t, long done) {
    h.createUpdate("UPDATE tasks SET progress_done = ? WHERE store_id = ? AND id = ?")
        .bind(0, done)
        .bind(1, t.storeId())
        .bind(2, t.id())
        .execute();
  }

  /** Writes the result of a task this node runs (nothing when another node took it over). */
  void finish(Task t, String node, int status, @Nullable String body, long done, long now) {
    db.write(
        h ->
            h.createUpdate(
                    """
                    UPDATE tasks SET status = ?, result_status = ?, result_body = ?,
                      progress_done = ?, finished_at = ?, claimed_until = 0
                    WHERE store_id = ? AND id = ? AND node = ? AND status = 'running'""")
                .bind(0, status < 400 ? Task.COMPLETED : Task.FAILED)
                .bind(1, status)
                .bind(2, body)
                .bind(3, done)
                .bind(4, now)
                .bind(5, t.storeId())
                .bind(6, t.id())
                .bind(7, node)
                .execute());
  }

  private static Task row(ResultSet rs, StatementContext ctx) throws SQLException {
    return new Task(
        rs.getLong("store_id"),
        rs.getLong("id"),
        rs.getString("kind"),
        rs.getString("status"),
        rs.getLong("progress_done"),
        rs.getLong("progress_total"),
        rs.getString("method"),
        rs.getString("path"),
        rs.getString("raw_query"),
        rs.getString("body"),
        rs.getString("client_id"),
        nullableInt(rs, "result_status"),
        rs.getString("result_body"),
        rs.getLong("created_at"),
        nullableLong(rs, "started_at"),
        nullableLong(rs, "finished_at"),
        rs.getInt("attempts"));
  }

  private static @Nullable Integer nullableInt(ResultSet rs, String col) throws SQLException {
    int v = rs.getInt(col);
    return rs.wasNull() ? null : v;
  }

  private static @Nullable Long nullableLong(ResultSet rs, String col) throws SQLException {
    long v = rs.getLong(col);
    return rs.wasNull() ? null : v;
  }
}
