package dev.stockroom.customers;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.stockroom.api.ApiException;
import dev.stockroom.api.Filters;
import dev.stockroom.api.Json;
import dev.stockroom.api.Paging;
import dev.stockroom.db.Database;
import dev.stockroom.db.Docs;
import dev.stockroom.tenancy.Tenant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.jdbi.v3.core.Handle;

/**
 * SQL for form field values of customers and of addresses (customers.v3 {@code
 * formFieldValue_Full}): upserted by (customer or address, name).
 */
final class FormFieldStore {
  static final String TABLE = "customer_form_field_values";
  private final Database db;

  FormFieldStore(Database db) {
    this.db = db;
  }

  Docs.Page page(Tenant t, Filters.Where where, Paging paging) {
    return db.read(h -> Docs.page(h, TABLE, t.id(), where, "id", paging));
  }

  /** {@code string}, {@code number} or {@code array}: the kind of a value (the type filter). */
  static String typeOf(JsonNode value) {
    return value.isNumber() ? "number" : value.isArray() ? "array" : "string";
  }

  List<ObjectNode> upsert(Tenant t, List<ObjectNode> items) {
    return db.write(
        h -> {
          Map<String, String> errors = new LinkedHashMap<>();
          List<Long> owners = new ArrayList<>();
          for (int i = 0; i < items.size(); i++) {
            ObjectNode in = items.get(i);
            if (in.has("address_id")) {
              long address = in.get("address_id").asLong();
              Optional<byte[]> doc = Docs.doc(h, AddressStore.TABLE, t.id(), address);
              if (doc.isEmpty()) {
                errors.put(i + ".address_id", "Address " + address + " does not exist");
              }
              owners.add(doc.map(b -> Json.tree(b).path("customer_id").asLong()).orElse(0L));
            } else {
              long customer = in.get("customer_id").asLong();
              if (!CustomerStore.exists(h, t.id(), customer)) {
                errors.put(i + ".customer_id", "Customer " + customer + " does not exist");
              }
              owners.add(customer);
            }
          }
          if (!errors.isEmpty()) {
            throw new ApiException.Invalid("Upsert form field values failed.", errors);
          }
          List<ObjectNode> out = new ArrayList<>();
          for (int i = 0; i < items.size(); i++) {
            out.add(write(h, t.id(), owners.get(i), items.get(i)));
          }
          return out;
        });
  }

  private static ObjectNode write(Handle h, long storeId, long customerId, ObjectNode in) {
    long addressId = in.path("address_id").asLong(0);
    String name = in.get("name").asText();
    ObjectNode doc = Json.MAPPER.createObjectNode();
    doc.put("name", name);
    doc.set("value", in.get("value"));
    if (addressId > 0) {
      doc.put("address_id", addressId);
    } else {
      doc.put("customer_id", customerId);
    }
    if (update(h, storeId, customerId, addressId, name, in.get("value"), doc) == 0) {
      int inserted =
          h.createUpdate(
                  "INSERT INTO customer_form_field_values (store_id, id, customer_id, address_id,"
                      + " name, field_type, doc) VALUES (?, ?, ?, ?, ?, ?, ?) ON CONFLICT DO NOTHING")
              .bind(0, storeId)
              .bind(1, Database.nextId(h, storeId, TABLE))
              .bind(2, customerId)
              .bind(3, addressId)
              .bind(4, name)
              .bind(5, typeOf(in.get("value")))
              .bind(6, Json.text(doc))
              .execute();
      if (inserted == 1) {
        Database.count(h, storeId, TABLE, 1);
      } else {
        // A concurrent upsert of the same field committed first: update its row instead.
        update(h, storeId, customerId, addressId, name, in.get("value"), doc);
      }
    }
    return doc;
  }

  private static int update(
      Handle h,
      long storeId,
      long customerId,
      long addressId,
      String name,
      JsonNode value,
      ObjectNode doc) {
    return h.createUpdate(
            "UPDATE customer_form_field_values SET field_type = ?, doc = ? WHERE store_id = ?"
                + " AND customer_id = ? AND address_id = ? AND name = ?")
        .bind(0, typeOf(value))
        .bind(1, Json.text(doc))
        .bind(2, storeId)
        .bind(3, customerId)
        .bind(4, addressId)
        .bind(5, name)
        .execute();
  }

  /**
   * Each customer's own form fields (not its addresses'), as {@code {name, value, customer_id}}.
   */
  static Map<Long, List<ObjectNode>> forCustomers(Handle h, long storeId, List<Long> customerIds) {
    return byOwner(h, storeId, "customer_id", customerIds);
  }

  /** Each address's form fields, as {@code {name, value, address_id}}. */
  Map<Long, List<ObjectNode>> forAddresses(Tenant t, List<Long> addressIds) {
    return db.read(h -> forAddresses(h, t.id(), addressIds));
  }

  /** Each address's form fields, in the caller's handle. */
  static Map<Long, List<ObjectNode>> forAddresses(Handle h, long storeId, List<Long> addressIds) {
    return byOwner(h, storeId, "address_id", addressIds);
  }

  /**
   * The form fields owned by each of {@code ids} ({@code owner} is customer_id or address_id), as
   * {@code {name, value, <owner>}}: formFieldValue_Full requires the owner's id. A customer's own
   * fields are those with no address.
   */
  private static Map<Long, List<ObjectNode>> byOwner(
      Handle h, long storeId, String owner, List<Long> ids) {
    Map<Long, List<ObjectNode>> out = new LinkedHashMap<>();
    if (ids.isEmpty()) {
      return out;
    }
    var q =
        h.createQuery(
            "SELECT "
                + owner
                + ", doc FROM customer_form_field_values WHERE store_id = ?"
                + (owner.equals("customer_id") ? " AND address_id = 0" : "")
                + " AND "
                + owner
                + " IN ("
                + Filters.marks(ids.size())
                + ") ORDER BY id");
    q.bind(0, storeId);
    for (int i = 0; i < ids.size(); i++) {
      q.bind(i + 1, ids.get(i));
    }
    q.map((rs, ctx) -> Map.entry(rs.getLong(1), Json.tree(rs.getBytes(2))))
        .forEach(
            e -> {
              ObjectNode item = Json.MAPPER.createObjectNode();
              item.set("name", e.getValue().get("name"));
              item.set("value", e.getValue().get("value"));
              item.put(owner, e.getKey());
              out.computeIfAbsent(e.getKey(), k -> new ArrayList<>()).add(item);
            });
    return out;
  }

  static void deleteForAddresses(Handle h, long storeId, List<Long> addressIds) {
    Rows.deleteBy(h, TABLE, storeId, "address_id", addressIds);
  }
}
