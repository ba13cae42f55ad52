package dev.stockroom.db;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import org.jdbi.v3.core.Handle;
import org.jdbi.v3.core.HandleCallback;
import org.jdbi.v3.core.Jdbi;
import org.jspecify.annotations.Nullable;
import org.slf4j.LoggerFactory;

/**
 * SQLite's single writer, with group commit. One thread takes the writes that arrive together and
 * runs each in its own savepoint of one transaction, so a failing write rolls back alone. It
 * commits once and only then acknowledges them all: an acknowledged write is committed, and the
 * batch shares the cost of the commit.
 */
final class WriteLane implements AutoCloseable {
  private static final int MAX_BATCH = 64;
  private static final long WAIT_SECONDS = 120;

  private static final class Task<T> {
    final HandleCallback<T, RuntimeException> work;
    final CompletableFuture<T> future = new CompletableFuture<>();
    @Nullable T value;
    @Nullable RuntimeException error;

    Task(HandleCallback<T, RuntimeException> work) {
      this.work = work;
    }

    void run(Handle h) {
      h.savepoint("w");
      try {
        value = work.withHandle(h);
        h.releaseSavepoint("w");
      } catch (RuntimeException e) {
        error = e;
        h.rollbackToSavepoint("w"); // JDBI forgets the savepoint here; the commit releases it
      }
    }

    void acknowledge() {
      if (error != null) {
        future.completeExceptionally(error);
      } else {
        future.complete(value);
      }
    }
  }

  private final LinkedBlockingQueue<Task<?>> queue = new LinkedBlockingQueue<>();
  private final Jdbi jdbi;
  private final Thread thread;
  private volatile boolean closed;

  WriteLane(Jdbi jdbi) {
    this.jdbi = jdbi;
    this.thread =
        Thread.ofPlatform().name("stockroom-write-lane").daemon(true).unstarted(this::loop);
    thread.start();
  }

  <T> T submit(HandleCallback<T, RuntimeException> work) {
    if (closed) {
      throw new IllegalStateException("the database is closed");
    }
    Task<T> task = new Task<>(work);
    queue.add(task);
    if (closed && queue.remove(task)) {
      throw new IllegalStateException("the database is closed");
    }
    try {
      return task.future.get(WAIT_SECONDS, TimeUnit.SECONDS);
    } catch (java.util.concurrent.TimeoutException e) {
      throw new IllegalStateException("the write lane did not answer in " + WAIT_SECONDS + " s", e);
    } catch (ExecutionException e) {
      if (e.getCause() instanceof RuntimeException re) {
        throw re;
      }
      if (e.getCause() instanceof Error err) {
        throw err;
      }
      throw new IllegalStateException(e.getCause());
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException("interrupted while waiting for a write", e);
    }
  }

  private void loop() {
    try (Handle h = jdbi.open()) {
      h.setStatementBuilder(new CachedStatements());
      // Checkpoint less often (default 1,000 pages): a page written many times in the WAL is
      // copied back once per checkpoint, so fewer checkpoints copy less.
      h.execute("PRAGMA wal_autocheckpoint = 8000");
      // Each write runs in a savepoint; its undo pages (the statement journal) otherwise go to a
      // temp file once past 64 KB, two pwrite calls a page: most of a product create's system
      // time, and half its cost. In memory they cost a copy and are dropped at commit. Only pages
      // that earlier writes of the same batch changed are kept, so the batch bounds the memory.
      h.execute("PRAGMA temp_store = MEMORY");
      List<Task<?>> batch = new ArrayList<>(MAX_BATCH);
      while (!closed) {
        Task<?> first = queue.poll(200, TimeUnit.MILLISECONDS);
        if (first == null) {
          continue;
        }
        batch.clear();
        batch.add(first);
        queue.drainTo(batch, MAX_BATCH - 1);
        commit(h, batch);
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    } catch (RuntimeException e) {
      LoggerFactory.getLogger(WriteLane.class).error("the SQLite write lane stopped", e);
    } finally {
      closed = true;
      List<Task<?>> left = new ArrayList<>();
      queue.drainTo(left);
      left.forEach(
          t -> t.future.completeExceptionally(new IllegalStateException("the database is closed")));
    }
  }

  /** Never throws: whatever goes wrong fails this batch's writes and the lane goes on. */
  private static void commit(Handle h, List<Task<?>> batch) {
    try {
      h.begin();
      for (Task<?> t : batch) {
        t.run(h);
      }
      h.commit();
    } catch (RuntimeException | Error e) {
      try {
        h.rollback();
      } catch (RuntimeException ignored) {
        // the commit failed; the rollback is best effort and the error below is what counts
      }
      RuntimeException failure =
          e instanceof RuntimeException re
              ? re
              : new IllegalStateException("write failed: " + e, e);
      batch.forEach(t -> t.future.completeExceptionally(failure));
      return;
    }
    batch.forEach(Task::acknowledge);
  }

  @Override
  public void close() {
    closed = true;
    try {
      thread.join(5_000);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }
}
