package dev.stockroom.db;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.OptionalLong;
import java.util.concurrent.ConcurrentHashMap;
import org.jdbi.v3.core.Handle;
import org.jdbi.v3.core.config.JdbiConfig;
import org.jspecify.annotations.Nullable;

/**
 * Deep pages of an unfiltered list in id order without walking the index from its first entry.
 * {@code ORDER BY id LIMIT 250 OFFSET 99750} steps over 99,750 index entries on every request
 * (about 2 ms on SQLite for a 100,000-product store, 20 ms for a million); here a page starts from
 * the nearest "rung" below its offset and steps over fewer than {@link #STEP} entries.
 *
 * <p>A ladder holds the id at every {@code STEP}-th position of one store's rows in one table. It
 * is valid for one version of that id set: the store's count of the table ({@code store_counts},
 * kept in the same transaction as every insert and delete, and the total every list reports) and
 * the last id handed out ({@code id_sequences}, ids never reused). An insert raises the last id and
 * a delete lowers the count, so the pair never comes back once it has changed: an unchanged pair
 * means an unchanged set. Only tables whose ids come from a sequence of their own name use ladders;
 * others (no such sequence) page with OFFSET as before.
 *
 * <p>A changed set rebuilds the ladder, one short statement per rung (every entry is stepped over
 * once, about what two deep OFFSET pages cost), and at most once a second per store and table:
 * while writes keep coming faster than that, deep pages use OFFSET. One instance per {@code Jdbi}
 * (its handles share it through {@link #createCopy}), so two databases in one JVM never mix.
 */
public final class IdLadders implements JdbiConfig<IdLadders> {
  /** Positions between two rungs: at most this many index entries are stepped over per page. */
  static final int STEP = 512;

  private static final long REBUILD_NANOS = 1_000_000_000L;
  private static final int MAX_LADDERS = 4096;

  private record Key(long storeId, String table) {}

  private record Ladder(long count, long lastId, long[] rungs, long builtAt) {}

  private final ConcurrentHashMap<Key, Ladder> ladders;

  /** The instance a {@code Jdbi} creates for itself. */
  public IdLadders() {
    this(new ConcurrentHashMap<>());
  }

  private IdLadders(ConcurrentHashMap<Key, Ladder> ladders) {
    this.ladders = ladders;
  }

  @Override
  public IdLadders createCopy() {
    return new IdLadders(ladders);
  }

  /**
   * The ids of one page of the store's rows of {@code table} ordered by {@code orderBy} ({@code
   * id}, {@code id asc} or {@code id desc}), {@code total} being the store's count of them; null
   * when a ladder does not apply (another order, no sequence of the table's name, or a set that
   * changed less than a second after the last rebuild): then the caller pages with OFFSET.
   */
  public static @Nullable List<Long> pageIds(
      Handle h, String table, long storeId, long total, String orderBy, long offset, int limit) {
    String order = orderBy.trim().toLowerCase(Locale.ROOT);
    boolean asc = order.equals("id") || order.equals("id asc");
    if ((!asc && !order.equals("id desc")) || offset >= total || limit <= 0) {
      return null;
    }
    // Ascending, the page starts at position offset; descending, its first (highest) id sits at
    // ascending position total - 1 - offset.
    long position = asc ? offset : total - 1 - offset;
    Ladder ladder = h.getConfig(IdLadders.class).current(h, table, storeId, total);
    if (ladder == null || position / STEP >= ladder.rungs.length) {
      return null;
    }
    long rung = ladder.rungs[(int) (position / STEP)];
    long skip = position % STEP;
    String from = " FROM " + table + " WHERE store_id = ? AND ";
    if (asc) {
      return Sql.longs(
          h,
          "SELECT id" + from + "id >= ? ORDER BY id LIMIT " + limit + " OFFSET " + skip,
          storeId,
          rung);
    }
    OptionalLong first =
        Sql.firstLong(
            h, "SELECT id" + from + "id >= ? ORDER BY id LIMIT 1 OFFSET " + skip, storeId, rung);
    if (first.isEmpty()) {
      return null; // the set changed since the count was read: let OFFSET answer
    }
    return Sql.longs(
        h,
        "SELECT id" + from + "id <= ? ORDER BY id DESC LIMIT " + limit,
        storeId,
        first.getAsLong());
  }

  /** The ladder of the set as it is now, or null when there is none to trust. */
  private @Nullable Ladder current(Handle h, String table, long storeId, long total) {
    OptionalLong last =
        Sql.firstLong(
            h,
            "SELECT last_id FROM id_sequences WHERE store_id = ? AND entity = ?",
            storeId,
            table);
    if (last.isEmpty()) {
      return null;
    }
    long lastId = last.getAsLong();
    if (ladders.size() > MAX_LADDERS) {
      ladders.clear();
    }
    Key key = new Key(storeId, table);
    Ladder known = ladders.get(key);
    if (known != null && known.count == total && known.lastId == lastId) {
      // The common case reads without compute(), which locks a bin of the map: a virtual thread
      // that finds it locked waits for a wake-up that a busy server delivers last.
      return known;
    }
    Ladder ladder =
        ladders.compute(
            key,
            (k, old) -> {
              if (old != null && old.count == total && old.lastId == lastId) {
                return old;
              }
              long now = System.nanoTime();
              if (old != null && now - old.builtAt < REBUILD_NANOS) {
                return old; // stale, and rebuilt too recently: this request uses OFFSET
              }
              return new Ladder(total, lastId, rungs(h, table, storeId), now);
            });
    return ladder.count == total && ladder.lastId == lastId ? ladder : null;
  }

  /** The id at positions 0, STEP, 2·STEP … of the store's rows, ascending. */
  private static long[] rungs(Handle h, String table, long storeId) {
    List<Long> rungs = new ArrayList<>();
    OptionalLong next =
        Sql.firstLong(
            h, "SELECT id FROM " + table + " WHERE store_id = ? ORDER BY id LIMIT 1", storeId);
    String step =
        "SELECT id FROM "
            + table
            + " WHERE store_id = ? AND id > ? ORDER BY id LIMIT 1 OFFSET "
            + (STEP - 1);
    while (next.isPresent()) {
      rungs.add(next.getAsLong());
      next = Sql.firstLong(h, step, storeId, next.getAsLong());
    }
    return rungs.stream().mapToLong(Long::longValue).toArray();
  }
}
