package dev.stockroom.customers;

import dev.stockroom.api.Filters;
import dev.stockroom.db.Docs;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.jdbi.v3.core.Handle;

/**
 * Small SQL helpers shared by the customer tables (all keyed by store_id, with a per-store count).
 */
final class Rows {
  private Rows() {}

  /** Deletes the rows whose {@code column} is one of {@code values}, keeping the count in step. */
  static int deleteBy(Handle h, String table, long storeId, String column, List<Long> values) {
    return Docs.deleteBy(h, table, storeId, column, values);
  }

  /** How many rows of {@code table} each of {@code ids} has in {@code column}. */
  static Map<Long, Long> countBy(
      Handle h, String table, long storeId, String column, List<Long> ids) {
    Map<Long, Long> out = new HashMap<>();
    if (ids.isEmpty()) {
      return out;
    }
    var q =
        h.createQuery(
            "SELECT "
                + column
                + ", COUNT(*) FROM "
                + table
                + " WHERE store_id = ? AND "
                + column
                + " IN ("
                + Filters.marks(ids.size())
                + ") GROUP BY "
                + column);
    q.bind(0, storeId);
    for (int i = 0; i < ids.size(); i++) {
      q.bind(i + 1, ids.get(i));
    }
    q.map((rs, ctx) -> Map.entry(rs.getLong(1), rs.getLong(2)))
        .forEach(e -> out.put(e.getKey(), e.getValue()));
    return out;
  }

  /** The ids among {@code ids} that have a row in {@code table}. */
  static java.util.Set<Long> existing(Handle h, String table, long storeId, List<Long> ids) {
    java.util.Set<Long> out = new java.util.HashSet<>();
    if (ids.isEmpty()) {
      return out;
    }
    var q =
        h.createQuery(
            "SELECT id FROM "
                + table
                + " WHERE store_id = ? AND id IN ("
                + Filters.marks(ids.size())
                + ")");
    q.bind(0, storeId);
    for (int i = 0; i < ids.size(); i++) {
      q.bind(i + 1, ids.get(i));
    }
    out.addAll(q.mapTo(Long.class).list());
    return out;
  }
}
