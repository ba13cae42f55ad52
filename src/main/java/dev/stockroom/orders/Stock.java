package dev.stockroom.orders;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.stockroom.api.ApiException;
import dev.stockroom.api.Status;
import dev.stockroom.catalog.products.ProductStore;
import dev.stockroom.catalog.products.variants.VariantStore;
import dev.stockroom.db.Database;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.jdbi.v3.core.Handle;

/**
 * Orders taking and giving back tracked stock, in the caller's transaction. The products are locked
 * first (PostgreSQL: {@code FOR UPDATE}, in id order so two orders never deadlock; SQLite: the
 * write lane already runs one writer), then every level is read, then checked, and only when every
 * line fits is anything written: an order that asks for more than there is changes nothing (409).
 */
final class Stock {
  private Stock() {}

  /** A line and how many units it takes (negative: gives back). */
  record Claim(Line line, long quantity) {}

  /** One stock level that the claims draw on: a product's or a variant's. */
  private static final class Need {
    final long productId;
    final long variantId;
    final String mode;
    final long available;
    final String label;
    long requested;

    Need(long productId, long variantId, String mode, long available, String label) {
      this.productId = productId;
      this.variantId = variantId;
      this.mode = mode;
      this.available = available;
      this.label = label;
    }
  }

  /**
   * Takes stock for the claims. A line that took nothing yet takes by its product's tracking now; a
   * line that took stock before moves the same level. Refuses the whole with 409 naming the first
   * level that is short.
   */
  static void take(Handle h, long storeId, List<Claim> claims, long now) {
    List<Long> productIds =
        claims.stream()
            .map(c -> c.line().productId())
            .filter(p -> p > 0)
            .distinct()
            .sorted()
            .toList();
    Database.lock(h, "products", storeId, productIds, false);
    Map<String, Need> needs = new LinkedHashMap<>();
    List<Map.Entry<Claim, Need>> drawn = new ArrayList<>();
    for (Claim c : claims) {
      long pid = c.line().productId();
      if (pid == 0 || c.quantity() == 0 || !ProductStore.exists(h, storeId, pid)) {
        continue;
      }
      ObjectNode product = ProductStore.docFor(h, storeId, pid);
      String tracking = product.path("inventory_tracking").asText("none");
      String mode = c.line().stockMode.isEmpty() ? tracking : c.line().stockMode;
      if (!mode.equals(tracking) || mode.equals("none")) {
        continue; // untracked, or tracking changed since the line took stock: nothing to move
      }
      Need need;
      if (mode.equals("product")) {
        need =
            needs.computeIfAbsent(
                "p" + pid,
                k ->
                    new Need(
                        pid,
                        0,
                        mode,
                        product.path("inventory_level").asLong(),
                        "'" + product.path("name").asText() + "' (product " + pid + ")"));
      } else {
        long vid = c.line().variantId();
        Optional<ObjectNode> v = VariantStore.variantOf(h, storeId, pid, vid);
        if (v.isEmpty()) {
          continue;
        }
        need =
            needs.computeIfAbsent(
                "v" + vid,
                k ->
                    new Need(
                        pid,
                        vid,
                        mode,
                        v.get().path("inventory_level").asLong(),
                        "'"
                            + product.path("name").asText()
                            + "' (product "
                            + pid
                            + ", variant "
                            + vid
                            + (v.get().path("sku").asText("").isEmpty()
                                ? ""
                                : ", SKU '" + v.get().path("sku").asText() + "'")
                            + ")"));
      }
      need.requested += c.quantity();
      drawn.add(Map.entry(c, need));
    }
    for (Need n : needs.values()) {
      if (n.requested > n.available) {
        throw shortOf(n);
      }
    }
    for (Need n : needs.values()) {
      if (n.requested == 0) {
        continue;
      }
      if (n.mode.equals("product")) {
        ProductStore.adjustInventory(h, storeId, n.productId, -n.requested, now);
      } else {
        VariantStore.adjustInventory(h, storeId, n.productId, n.variantId, -n.requested, now);
      }
    }
    for (var e : drawn) {
      Line line = e.getKey().line();
      line.stockMode = e.getValue().mode;
      line.stockTaken += e.getKey().quantity();
      if (line.stockTaken <= 0) {
        line.stockMode = "";
        line.stockTaken = 0;
      }
    }
  }

  /** Gives back everything the lines took (an order cancelled or refunded), once. */
  static void giveBack(Handle h, long storeId, List<Line> lines, long now) {
    List<Claim> claims = new ArrayList<>();
    for (Line l : lines) {
      if (!l.stockMode.isEmpty() && l.stockTaken > 0) {
        claims.add(new Claim(l, -l.stockTaken));
      }
    }
    take(h, storeId, claims, now);
    for (Line l : lines) {
      // Whatever could not go back (product deleted, tracking changed) is forgotten, not retried.
      l.stockMode = "";
      l.stockTaken = 0;
    }
  }

  private static ApiException shortOf(Need n) {
    Map<String, Object> details = new LinkedHashMap<>();
    details.put("product_id", n.productId);
    details.put("variant_id", n.variantId);
    details.put("requested", n.requested);
    details.put("available", n.available);
    // A Refused with CONFLICT rather than a Conflict: v2 details keep their numbers.
    return new ApiException.Refused(
        Status.CONFLICT,
        "Not enough stock of "
            + n.label
            + ": the order asks for "
            + n.requested
            + " and "
            + n.available
            + " are left. Nothing was changed.",
        details,
        Map.of());
  }
}
