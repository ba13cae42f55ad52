package dev.stockroom.db;

import com.zaxxer.hikari.HikariConfig;
import com.zaxxer.hikari.HikariDataSource;
import dev.stockroom.api.ApiException;
import java.nio.file.Path;
import java.sql.SQLException;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.Semaphore;
import org.flywaydb.core.Flyway;
import org.jdbi.v3.core.Handle;
import org.jdbi.v3.core.HandleCallback;
import org.jdbi.v3.core.Jdbi;
import org.jspecify.annotations.Nullable;
import org.sqlite.SQLiteConfig;
import org.sqlite.SQLiteDataSource;
import org.sqlite.SQLiteOpenMode;

/**
 * The one database of a node: SQLite (embedded default, WAL) or PostgreSQL, one set of migrations.
 * On SQLite every write goes through one {@link WriteLane} (SQLite has one writer at a time; a
 * queue with group commit is cheaper and fairer than busy retries); readers run in parallel (WAL).
 */
public final class Database implements AutoCloseable {
  static final int READERS = 4;

  /** Readers for platform threads (background work), apart from the requests' own. */
  static final int BACKGROUND_READERS = 2;

  public enum Dialect {
    SQLITE,
    POSTGRES
  }

  private final HikariDataSource dataSource;
  private final Jdbi jdbi;
  private final Dialect dialect;
  private final @Nullable WriteLane lane;
  private final @Nullable Readers readers;
  private final @Nullable Readers background;

  private Database(HikariDataSource dataSource, Dialect dialect) {
    this.dataSource = dataSource;
    this.dialect = dialect;
    this.jdbi = Jdbi.create(dataSource);
    // Caches kept as configurations of this Jdbi: created here, before any handle, so that every
    // handle (each copies the Jdbi's configurations when it opens) shares the same ones.
    jdbi.getConfig(IdLadders.class);
    jdbi.getConfig(Events.KnownHooks.class);
    if (dialect == Dialect.SQLITE) {
      this.lane = new WriteLane(jdbi);
      // Long-lived reader handles keep their prepared statements (SQLite compiles SQL on every
      // prepare); WAL lets them read while the lane writes.
      this.readers = new Readers(jdbi, READERS);
      this.background = new Readers(jdbi, BACKGROUND_READERS);
    } else {
      this.lane = null;
      this.readers = null;
      this.background = null;
    }
  }

  /**
   * Opens (and migrates) the database named by {@code url}; null or empty means a SQLite file
   * {@code stockroom.db} in {@code dataDir}.
   *
   * @param syncFull SQLite {@code synchronous=FULL} (survives power loss) instead of NORMAL
   *     (survives a process crash, which is what {@code kill -9} tests)
   */
  public static Database open(@Nullable String url, Path dataDir, boolean syncFull) {
    HikariConfig cfg = new HikariConfig();
    cfg.setPoolName("stockroom");
    Dialect dialect;
    if (url == null || url.isBlank() || url.startsWith("jdbc:sqlite:")) {
      String jdbcUrl =
          (url == null || url.isBlank())
              ? "jdbc:sqlite:" + dataDir.resolve("stockroom.db").toAbsolutePath()
              : url;
      SQLiteConfig sc = new SQLiteConfig();
      sc.setJournalMode(SQLiteConfig.JournalMode.WAL);
      // Writes take the write lock when they begin: a second node on the same file then waits its
      // turn (busy timeout) instead of failing when a read inside the transaction turns into a
      // write.
      sc.setTransactionMode(SQLiteConfig.TransactionMode.IMMEDIATE);
      sc.setSynchronous(
          syncFull ? SQLiteConfig.SynchronousMode.FULL : SQLiteConfig.SynchronousMode.NORMAL);
      sc.setBusyTimeout(10_000);
      sc.setCacheSize(-16_000); // 16 MB a connection: it sits outside the Java heap
      // No memory map (PRAGMA mmap_size): it saves list 250 its read() calls, but GET one's p99
      // rose from 18-22 ms to 28-45 ms with it, twice (bench/RESULTS.md).
      // Each connection is used by one thread at a time (a reader turn, the write lane, a pooled
      // handle), so SQLite's own lock around every call only costs time.
      sc.setOpenMode(SQLiteOpenMode.NOMUTEX);
      SQLiteDataSource ds = new SQLiteDataSource(sc);
      ds.setUrl(jdbcUrl);
      cfg.setDataSource(ds);
      cfg.setMaximumPoolSize(READERS + BACKGROUND_READERS + 3);
      dialect = Dialect.SQLITE;
    } else if (url.startsWith("jdbc:postgresql:")) {
      cfg.setJdbcUrl(url);
      cfg.setMaximumPoolSize(16);
      dialect = Dialect.POSTGRES;
    } else {
      throw new IllegalArgumentException(
          "Unsupported database URL '"
              + url
              + "': use jdbc:sqlite:<file> or jdbc:postgresql://host/db");
    }
    cfg.setConnectionTimeout(10_000);
    HikariDataSource ds = new HikariDataSource(cfg);
    try {
      Flyway.configure()
          .dataSource(ds)
          .locations("classpath:db/migration")
          .loggers("slf4j")
          .load()
          .migrate();
    } catch (RuntimeException e) {
      ds.close();
      throw e;
    }
    return new Database(ds, dialect);
  }

  public Dialect dialect() {
    return dialect;
  }

  /** Reads waiting for a turn at a reader (SQLite). */
  int waitingReads() {
    return readers == null ? 0 : readers.turns.getQueueLength();
  }

  public <T> T read(HandleCallback<T, RuntimeException> work) {
    if (readers == null || background == null) {
      return jdbi.withHandle(work);
    }
    // Requests run on virtual threads, background work (webhook deliveries, fault rules, tasks)
    // on platform threads: each kind has its own readers. A platform thread that hands a reader to
    // a waiting virtual thread wakes it through the scheduler's submission queue, which a busy
    // carrier reaches last; with fair turns every read waited behind that one.
    return (Thread.currentThread().isVirtual() ? readers : background).read(work);
  }

  /** Long-lived reader handles and the turns at them. */
  private static final class Readers {
    /**
     * Turns at a reader, first come first served. (A queue's own unfair lock let a newcomer take a
     * handle that a waiting caller had been woken for, and that caller waited again at the back.)
     */
    final Semaphore turns;

    private final ConcurrentLinkedQueue<Handle> handles = new ConcurrentLinkedQueue<>();

    Readers(Jdbi jdbi, int n) {
      turns = new Semaphore(n, true);
      for (int i = 0; i < n; i++) {
        Handle h = jdbi.open();
        h.setStatementBuilder(new CachedStatements());
        handles.add(h);
      }
    }

    <T> T read(HandleCallback<T, RuntimeException> work) {
      try {
        turns.acquire();
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        throw new IllegalStateException("interrupted while waiting for a reader", e);
      }
      Handle h = handles.poll();
      if (h == null) {
        turns.release();
        throw new IllegalStateException("a turn at a reader without a free reader");
      }
      try {
        return work.withHandle(h);
      } finally {
        handles.add(h);
        turns.release();
      }
    }

    void close() {
      handles.forEach(Handle::close);
    }
  }

  /**
   * Runs {@code work} in one transaction (SQLite: a savepoint of a group commit); the change is
   * committed when this returns. {@code work} must not call {@code write} itself.
   */
  public <T> T write(HandleCallback<T, RuntimeException> work) {
    work = Joined.into(work);
    try {
      if (lane != null) {
        return lane.submit(work);
      }
      return jdbi.inTransaction(work);
    } catch (ApiException e) {
      throw e;
    } catch (RuntimeException e) {
      if (isUniqueViolation(e)) {
        // A concurrent change won the race past the checks: the same answer the checks give.
        throw new ApiException.Conflict(
            "A concurrent request changed the same data; the values must be unique. Retry the request.",
            Map.of("unique", "another resource already has this value"));
      }
      throw e;
    }
  }

  /** The next id of {@code entity} in store {@code storeId}: 1, 2, 3 … with no reuse. */
  public static long nextId(Handle h, long storeId, String entity) {
    return nextIds(h, storeId, entity, 1);
  }

  /** Reserves {@code n} consecutive ids of {@code entity}; returns the first. */
  public static long nextIds(Handle h, long storeId, String entity, int n) {
    long last =
        Sql.firstLong(
                h,
                """
                INSERT INTO id_sequences (store_id, entity, last_id) VALUES (?, ?, ?)
                ON CONFLICT (store_id, entity) DO UPDATE SET last_id = id_sequences.last_id + ?
                RETURNING last_id""",
                storeId,
                entity,
                (long) n,
                (long) n)
            .orElseThrow();
    return last - n + 1;
  }

  /** Adds {@code delta} to a per-store count kept in the same transaction as the change. */
  public static void count(Handle h, long storeId, String entity, long delta) {
    Sql.update(
        h,
        """
        INSERT INTO store_counts (store_id, entity, n) VALUES (?, ?, ?)
        ON CONFLICT (store_id, entity) DO UPDATE SET n = store_counts.n + ?""",
        storeId,
        entity,
        delta,
        delta);
  }

  /**
   * Adds one to a per-store count unless it has reached {@code limit}; false (and nothing changed)
   * when it has. The row stays locked until commit, which serialises concurrent creators.
   */
  public static boolean countWithin(Handle h, long storeId, String entity, long limit) {
    if (limit <= 0) {
      return false;
    }
    return Sql.firstLong(
            h,
            """
            INSERT INTO store_counts (store_id, entity, n) VALUES (?, ?, 1)
            ON CONFLICT (store_id, entity) DO UPDATE SET n = store_counts.n + 1 WHERE store_counts.n < ?
            RETURNING n""",
            storeId,
            entity,
            limit)
        .isPresent();
  }

  public static long countOf(Handle h, long storeId, String entity) {
    return Sql.firstLong(
            h, "SELECT n FROM store_counts WHERE store_id = ? AND entity = ?", storeId, entity)
        .orElse(0L);
  }

  /**
   * Locks rows of {@code table} until commit on PostgreSQL ({@code FOR SHARE} or {@code FOR
   * UPDATE}), so that a check and the write that relies on it see the same rows under concurrent
   * transactions. SQLite has one writer at a time, which already gives that: nothing to do.
   */
  public static void lock(Handle h, String table, long storeId, List<Long> ids, boolean shared) {
    if (ids.isEmpty() || !isPostgres(h)) {
      return;
    }
    for (int from = 0; from < ids.size(); from += 500) {
      List<Long> chunk = ids.subList(from, Math.min(ids.size(), from + 500));
      var q =
          h.createQuery(
              "SELECT id FROM "
                  + table
                  + " WHERE store_id = ? AND id IN ("
                  + String.join(", ", java.util.Collections.nCopies(chunk.size(), "?"))
                  + ") ORDER BY id "
                  + (shared ? "FOR SHARE" : "FOR UPDATE"));
      q.bind(0, storeId);
      for (int i = 0; i < chunk.size(); i++) {
        q.bind(i + 1, chunk.get(i));
      }
      q.mapTo(Long.class).list();
    }
  }

  private static boolean isPostgres(Handle h) {
    try {
      return "PostgreSQL".equals(h.getConnection().getMetaData().getDatabaseProductName());
    } catch (SQLException e) {
      throw new IllegalStateException("cannot tell the database", e);
    }
  }

  /** True when {@code e} (or a cause) is a unique-constraint violation on either database. */
  public static boolean isUniqueViolation(Throwable e) {
    for (Throwable t = e; t != null; t = t.getCause()) {
      if (t instanceof SQLException sql) {
        if ("23505".equals(sql.getSQLState())) {
          return true;
        }
        String m = String.valueOf(sql.getMessage());
        if (m.contains("UNIQUE constraint failed")
            || m.contains("SQLITE_CONSTRAINT_UNIQUE")
            || m.contains("SQLITE_CONSTRAINT_PRIMARYKEY")) {
          return true;
        }
      }
    }
    return false;
  }

  @Override
  public void close() {
    if (lane != null) {
      lane.close();
    }
    if (readers != null) {
      readers.close();
    }
    if (background != null) {
      background.close();
    }
    dataSource.close();
  }
}
