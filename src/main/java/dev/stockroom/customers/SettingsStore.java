package dev.stockroom.customers;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.stockroom.api.Json;
import dev.stockroom.db.Database;
import dev.stockroom.tenancy.Tenant;
import java.util.List;
import java.util.Optional;
import org.jdbi.v3.core.Handle;

/** SQL for customer settings (store-wide and per channel) and customers' cookie consent. */
final class SettingsStore {
  private final Database db;

  SettingsStore(Database db) {
    this.db = db;
  }

  /** The stored settings of a channel (0: the store-wide object), if any were ever saved. */
  Optional<ObjectNode> settings(Tenant t, long channelId) {
    return db.read(
        h ->
            h.createQuery("SELECT doc FROM customer_settings WHERE store_id = ? AND channel_id = ?")
                .bind(0, t.id())
                .bind(1, channelId)
                .map((rs, ctx) -> (ObjectNode) Json.tree(rs.getBytes(1)))
                .findOne());
  }

  void saveSettings(Tenant t, long channelId, ObjectNode doc) {
    db.write(
        h ->
            h.createUpdate(
                    """
                    INSERT INTO customer_settings (store_id, channel_id, doc) VALUES (?, ?, ?)
                    ON CONFLICT (store_id, channel_id) DO UPDATE SET doc = excluded.doc""")
                .bind(0, t.id())
                .bind(1, channelId)
                .bind(2, Json.text(doc))
                .execute());
  }

  /** The customer's consent, if it was ever declared; 404 for a missing customer. */
  Optional<ObjectNode> consent(Tenant t, long customerId) {
    return db.read(
        h -> {
          CustomerStore.require(h, t.id(), customerId);
          return h.createQuery(
                  "SELECT doc FROM customer_consents WHERE store_id = ? AND customer_id = ?")
              .bind(0, t.id())
              .bind(1, customerId)
              .map((rs, ctx) -> (ObjectNode) Json.tree(rs.getBytes(1)))
              .findOne();
        });
  }

  void saveConsent(Tenant t, long customerId, ObjectNode doc) {
    db.write(
        h -> {
          CustomerStore.require(h, t.id(), customerId);
          return h.createUpdate(
                  """
                  INSERT INTO customer_consents (store_id, customer_id, doc) VALUES (?, ?, ?)
                  ON CONFLICT (store_id, customer_id) DO UPDATE SET doc = excluded.doc""")
              .bind(0, t.id())
              .bind(1, customerId)
              .bind(2, Json.text(doc))
              .execute();
        });
  }

  /** A missing customer is a 404 (stored instruments of a customer that does not exist). */
  void requireCustomer(Tenant t, long customerId) {
    db.read(
        h -> {
          CustomerStore.require(h, t.id(), customerId);
          return null;
        });
  }

  static void deleteConsents(Handle h, long storeId, List<Long> customerIds) {
    for (Long id : customerIds) {
      h.createUpdate("DELETE FROM customer_consents WHERE store_id = ? AND customer_id = ?")
          .bind(0, storeId)
          .bind(1, id)
          .execute();
    }
  }
}
