package dev.stockroom.db;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.stockroom.api.ApiException;
import dev.stockroom.api.Json;
import java.util.List;
import org.jdbi.v3.core.Handle;
import org.jdbi.v3.core.statement.PreparedBatch;
import org.jdbi.v3.core.statement.SqlStatement;

/**
 * contract: catalog.v3 productImage / productVideo {@code sort_order} — "When updating, if the
 * image is given a lower priority, all images with a sort_order the same as or greater than the
 * image's new sort_order value will have their sort_orders reordered." Stockroom reads this as
 * making room: the updated row gets exactly the value asked for, and when a sibling already holds
 * it, every other sibling at that value or above moves up by one, so the updated row comes right
 * before them and the rest keep their order. Values are kept, not renumbered (gaps stay).
 */
public final class SortOrders {
  private SortOrders() {}

  private record Row(long id, String doc, long sortOrder) {}

  /**
   * Makes room at {@code sortOrder} for row {@code id} among its siblings: the rows of {@code
   * table} matching {@code siblings} (a condition with {@code binds}, such as {@code store_id = ?
   * AND product_id = ?}). Nothing moves when no sibling holds the value. Moved documents get {@code
   * dateModified} if they have that field. The caller holds the lock that serialises writes to
   * these siblings. Returns how many rows moved; 422 (nothing moved) when one would pass the
   * largest int32.
   */
  public static int makeRoom(
      Handle h,
      String table,
      String siblings,
      List<?> binds,
      long id,
      long sortOrder,
      String dateModified) {
    // One read: the siblings at or after the value; nothing moves unless one holds it exactly.
    List<Row> moving =
        bind(
                h.createQuery(
                    "SELECT id, doc, sort_order FROM "
                        + table
                        + " WHERE "
                        + siblings
                        + " AND id <> ? AND sort_order >= ? ORDER BY id"),
                binds,
                id,
                sortOrder)
            .map((rs, ctx) -> new Row(rs.getLong(1), rs.getString(2), rs.getLong(3)))
            .list();
    if (moving.stream().noneMatch(r -> r.sortOrder() == sortOrder)) {
      return 0;
    }
    PreparedBatch batch =
        h.prepareBatch(
            "UPDATE " + table + " SET sort_order = ?, doc = ? WHERE " + siblings + " AND id = ?");
    for (Row row : moving) {
      ObjectNode doc = (ObjectNode) Json.tree(row.doc());
      long next = doc.path("sort_order").asLong() + 1;
      if (next > Integer.MAX_VALUE) {
        throw ApiException.Invalid.field(
            "sort_order",
            sortOrder
                + " is taken, and the others at or after it cannot move up to make room: one"
                + " already has the largest sort_order, "
                + Integer.MAX_VALUE);
      }
      doc.put("sort_order", next);
      if (doc.has("date_modified")) {
        doc.put("date_modified", dateModified);
      }
      batch.bind(0, next).bind(1, Json.text(doc));
      for (int i = 0; i < binds.size(); i++) {
        batch.bind(2 + i, binds.get(i));
      }
      batch.bind(2 + binds.size(), row.id()).add();
    }
    batch.execute();
    return moving.size();
  }

  private static <S extends SqlStatement<S>> S bind(S st, List<?> binds, long id, long sortOrder) {
    for (int i = 0; i < binds.size(); i++) {
      st.bind(i, binds.get(i));
    }
    return st.bind(binds.size(), id).bind(binds.size() + 1, sortOrder);
  }
}
