package dev.stockroom.tenancy;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.stockroom.api.ApiException;
import dev.stockroom.api.Json;
import dev.stockroom.db.Database;
import dev.stockroom.db.Events;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import org.jdbi.v3.core.Handle;
import org.jdbi.v3.core.mapper.RowMapper;

/** SQL for stores and their API accounts. */
public final class TenantStore {
  private static final RowMapper<Tenant> TENANT =
      (rs, ctx) ->
          new Tenant(
              rs.getLong("id"),
              rs.getString("store_hash"),
              rs.getString("name"),
              Plan.of(rs.getString("plan")),
              rs.getString("status"),
              rs.getLong("product_limit"),
              rs.getLong("rate_quota"),
              rs.getLong("rate_window_ms"),
              PlatformLimits.parse(rs.getString("platform_limits")),
              rs.getLong("created_at"),
              rs.getLong("updated_at"));

  private static final RowMapper<ApiAccount> ACCOUNT =
      (rs, ctx) ->
          new ApiAccount(
              rs.getLong("store_id"),
              rs.getLong("id"),
              rs.getString("name"),
              rs.getString("client_id"),
              splitScopes(rs.getString("scopes")),
              rs.getLong("created_at"));

  private final Database db;

  public TenantStore(Database db) {
    this.db = db;
  }

  public Tenant insert(
      String hash,
      String name,
      Plan plan,
      long productLimit,
      long quota,
      long windowMs,
      PlatformLimits limits,
      long now) {
    return db.write(
        h -> {
          long id = Database.nextId(h, 0, "store");
          h.createUpdate(
                  """
                  INSERT INTO stores (id, store_hash, name, plan, status, product_limit, rate_quota,
                    rate_window_ms, platform_limits, created_at, updated_at)
                  VALUES (?, ?, ?, ?, 'live', ?, ?, ?, ?, ?, ?)""")
              .bind(0, id)
              .bind(1, hash)
              .bind(2, name)
              .bind(3, plan.label())
              .bind(4, productLimit)
              .bind(5, quota)
              .bind(6, windowMs)
              .bind(7, limits.stored())
              .bind(8, now)
              .bind(9, now)
              .execute();
          return byId(h, id).orElseThrow();
        });
  }

  public Tenant update(Tenant t) {
    return db.write(
        h -> {
          Optional<Tenant> old = byId(h, t.id());
          if (old.isPresent()
              && (!old.get().name().equals(t.name()) || old.get().plan() != t.plan())) {
            // contract: spec-digest §7 — the store's name and plan are store information
            ObjectNode data = Json.MAPPER.createObjectNode().put("type", "store");
            Events.emit(h, t.id(), t.updatedAt(), "store/information/updated", data);
          }
          h.createUpdate(
                  """
                  UPDATE stores SET name = ?, plan = ?, status = ?, product_limit = ?, rate_quota = ?,
                    rate_window_ms = ?, platform_limits = ?, updated_at = ? WHERE id = ?""")
              .bind(0, t.name())
              .bind(1, t.plan().label())
              .bind(2, t.status())
              .bind(3, t.productLimit())
              .bind(4, t.rateQuota())
              .bind(5, t.rateWindowMs())
              .bind(6, t.limits().stored())
              .bind(7, t.updatedAt())
              .bind(8, t.id())
              .execute();
          return byId(h, t.id()).orElseThrow();
        });
  }

  private static Optional<Tenant> byId(Handle h, long id) {
    return h.createQuery("SELECT * FROM stores WHERE id = ?").bind(0, id).map(TENANT).findOne();
  }

  public Optional<Tenant> byHash(String hash) {
    return db.read(
        h ->
            h.createQuery("SELECT * FROM stores WHERE store_hash = ?")
                .bind(0, hash)
                .map(TENANT)
                .findOne());
  }

  public List<Tenant> all() {
    return db.read(h -> h.createQuery("SELECT * FROM stores ORDER BY id").map(TENANT).list());
  }

  /** Removes the store and every row of every table keyed by it. */
  public void delete(Tenant t) {
    db.write(
        h -> {
          for (String table : storeTables(h)) {
            h.createUpdate("DELETE FROM " + table + " WHERE store_id = ?")
                .bind(0, t.id())
                .execute();
          }
          h.createUpdate("DELETE FROM stores WHERE id = ?").bind(0, t.id()).execute();
          return null;
        });
  }

  /** Every table with a store_id column, read from the database's own catalog. */
  private List<String> storeTables(Handle h) {
    if (db.dialect() == Database.Dialect.POSTGRES) {
      return h.createQuery(
              """
              SELECT table_name FROM information_schema.columns
              WHERE column_name = 'store_id' AND table_schema = current_schema()""")
          .mapTo(String.class)
          .list();
    }
    List<String> out = new ArrayList<>();
    for (String table :
        h.createQuery("SELECT name FROM sqlite_master WHERE type = 'table'")
            .mapTo(String.class)
            .list()) {
      boolean keyed =
          h.createQuery("SELECT COUNT(*) FROM pragma_table_info(?) WHERE name = 'store_id'")
                  .bind(0, table)
                  .mapTo(Integer.class)
                  .one()
              > 0;
      if (keyed) {
        out.add(table);
      }
    }
    return out;
  }

  public ApiAccount insertAccount(
      Tenant t, String name, String clientId, String tokenHash, List<String> scopes, long now) {
    return db.write(
        h -> {
          long id = Database.nextId(h, t.id(), "api_account");
          h.createUpdate(
                  """
                  INSERT INTO api_accounts (store_id, id, name, client_id, token_hash, scopes, created_at)
                  VALUES (?, ?, ?, ?, ?, ?, ?)""")
              .bind(0, t.id())
              .bind(1, id)
              .bind(2, name)
              .bind(3, clientId)
              .bind(4, tokenHash)
              .bind(5, String.join(" ", scopes))
              .bind(6, now)
              .execute();
          return new ApiAccount(t.id(), id, name, clientId, List.copyOf(scopes), now);
        });
  }

  public List<ApiAccount> accounts(Tenant t) {
    return db.read(
        h ->
            h.createQuery("SELECT * FROM api_accounts WHERE store_id = ? ORDER BY id")
                .bind(0, t.id())
                .map(ACCOUNT)
                .list());
  }

  public Optional<ApiAccount> accountByTokenHash(String tokenHash) {
    return db.read(
        h ->
            h.createQuery("SELECT * FROM api_accounts WHERE token_hash = ?")
                .bind(0, tokenHash)
                .map(ACCOUNT)
                .findOne());
  }

  /** Work that goes with an API account's deletion, in its transaction (its webhooks go too). */
  public interface AccountDeleted {
    void deleted(Handle h, long storeId, String clientId);
  }

  private final List<AccountDeleted> onAccountDelete =
      new java.util.concurrent.CopyOnWriteArrayList<>();

  public void onAccountDelete(AccountDeleted hook) {
    onAccountDelete.add(hook);
  }

  public void deleteAccount(Tenant t, long id) {
    boolean deleted =
        db.write(
            h -> {
              Optional<String> client =
                  h.createQuery("SELECT client_id FROM api_accounts WHERE store_id = ? AND id = ?")
                      .bind(0, t.id())
                      .bind(1, id)
                      .mapTo(String.class)
                      .findOne();
              if (client.isEmpty()) {
                return false;
              }
              onAccountDelete.forEach(hook -> hook.deleted(h, t.id(), client.get()));
              h.createUpdate("DELETE FROM api_accounts WHERE store_id = ? AND id = ?")
                  .bind(0, t.id())
                  .bind(1, id)
                  .execute();
              return true;
            });
    if (!deleted) {
      throw new ApiException.NotFound(
          "API account " + id + " not found in store " + t.hash() + ".");
    }
  }

  private static List<String> splitScopes(String s) {
    return s.isBlank() ? List.of() : Arrays.asList(s.split(" "));
  }
}
