package dev.stockroom.customers;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.stockroom.api.ApiException;
import dev.stockroom.api.Dates;
import dev.stockroom.api.Filters;
import dev.stockroom.api.Json;
import dev.stockroom.api.Paging;
import dev.stockroom.db.Database;
import dev.stockroom.db.Docs;
import dev.stockroom.tenancy.Tenant;
import java.math.BigDecimal;
import java.time.Clock;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.jdbi.v3.core.Handle;
import org.jspecify.annotations.Nullable;

/** SQL for customer attributes (the definitions) and their values on customers. */
final class AttributeStore {
  static final String TABLE = "customer_attributes";
  static final String VALUES = "customer_attribute_values";
  // contract: customers.v3 — "A store cannot have more than 50 customer attributes."
  static final int MAX_PER_STORE = 50;

  private final Database db;
  private final Clock clock;

  AttributeStore(Database db, Clock clock) {
    this.db = db;
    this.clock = clock;
  }

  static Optional<String> typeOf(Handle h, long storeId, long id) {
    return h.createQuery(
            "SELECT attribute_type FROM customer_attributes WHERE store_id = ? AND id = ?")
        .bind(0, storeId)
        .bind(1, id)
        .mapTo(String.class)
        .findOne();
  }

  /**
   * Why {@code value} does not fit an attribute of {@code type}, or null. Values are always strings
   * (contract: customers.v3), but a number attribute holds a number and a date one a date.
   */
  static @Nullable String badValue(String type, String value) {
    if (value.isEmpty()) {
      return null;
    }
    if (type.equals("number")) {
      try {
        new BigDecimal(value.trim());
      } catch (NumberFormatException e) {
        return "must be a number (as a string) for a number attribute";
      }
    } else if (type.equals("date")) {
      try {
        Dates.parse(value);
      } catch (IllegalArgumentException e) {
        return "must be an ISO 8601 date (as a string) for a date attribute";
      }
    }
    return null;
  }

  Docs.Page page(Tenant t, Filters.Where where, Paging paging) {
    return db.read(h -> Docs.page(h, TABLE, t.id(), where, "id", paging));
  }

  /** Creates attributes; the 51st of a store is refused with a 422 naming the item. */
  List<ObjectNode> create(Tenant t, List<ObjectNode> items) {
    long now = clock.millis();
    return db.write(
        h -> {
          List<ObjectNode> out = new ArrayList<>();
          for (int i = 0; i < items.size(); i++) {
            if (!Database.countWithin(h, t.id(), TABLE, MAX_PER_STORE)) {
              throw ApiException.Invalid.field(
                  String.valueOf(i),
                  "A store cannot have more than " + MAX_PER_STORE + " customer attributes.");
            }
            ObjectNode in = items.get(i);
            long id = Database.nextId(h, t.id(), TABLE);
            ObjectNode doc = Json.MAPPER.createObjectNode();
            doc.put("id", id);
            doc.put("name", in.get("name").asText());
            doc.put("type", in.get("type").asText());
            doc.put("date_created", Dates.v3(now));
            doc.put("date_modified", Dates.v3(now));
            h.createUpdate(
                    "INSERT INTO customer_attributes (store_id, id, name, attribute_type,"
                        + " date_created, date_modified, doc) VALUES (?, ?, ?, ?, ?, ?, ?)")
                .bind(0, t.id())
                .bind(1, id)
                .bind(2, doc.get("name").asText())
                .bind(3, doc.get("type").asText())
                .bind(4, now)
                .bind(5, now)
                .bind(6, Json.text(doc))
                .execute();
            out.add(doc);
          }
          return out;
        });
  }

  /** Renames attributes; their type can not change (contract: customers.v3). */
  List<ObjectNode> update(Tenant t, List<ObjectNode> items) {
    long now = clock.millis();
    return db.write(
        h -> {
          Map<String, String> errors = new LinkedHashMap<>();
          List<ObjectNode> docs = new ArrayList<>();
          for (int i = 0; i < items.size(); i++) {
            ObjectNode in = items.get(i);
            long id = in.get("id").asLong();
            Optional<byte[]> stored = Docs.doc(h, TABLE, t.id(), id);
            if (stored.isEmpty()) {
              errors.put(i + ".id", "Attribute " + id + " does not exist");
              continue;
            }
            ObjectNode doc = (ObjectNode) Json.tree(stored.get());
            if (in.has("type") && !in.get("type").asText().equals(doc.get("type").asText())) {
              errors.put(
                  i + ".type",
                  "Once the data type is set, it can not be changed (it is "
                      + doc.get("type").asText()
                      + ")");
            }
            doc.put("name", in.get("name").asText());
            doc.put("date_modified", Dates.v3(now));
            docs.add(doc);
          }
          if (!errors.isEmpty()) {
            throw new ApiException.Invalid("Update attributes failed.", errors);
          }
          for (ObjectNode doc : docs) {
            h.createUpdate(
                    "UPDATE customer_attributes SET name = ?, date_modified = ?, doc = ?"
                        + " WHERE store_id = ? AND id = ?")
                .bind(0, doc.get("name").asText())
                .bind(1, now)
                .bind(2, Json.text(doc))
                .bind(3, t.id())
                .bind(4, doc.get("id").asLong())
                .execute();
          }
          return docs;
        });
  }

  /** Deletes attributes and their values on every customer. */
  int delete(Tenant t, List<Long> ids) {
    return db.write(
        h -> {
          Rows.deleteBy(h, VALUES, t.id(), "attribute_id", ids);
          return Docs.delete(h, TABLE, t.id(), ids);
        });
  }

  // Values.

  Docs.Page values(Tenant t, Filters.Where where, Paging paging) {
    return db.read(h -> Docs.page(h, VALUES, t.id(), where, "id", paging));
  }

  /** Upserts values on (customer, attribute); customers and attributes must exist. */
  List<ObjectNode> upsert(Tenant t, List<ObjectNode> items) {
    long now = clock.millis();
    return db.write(
        h -> {
          Map<String, String> errors = new LinkedHashMap<>();
          for (int i = 0; i < items.size(); i++) {
            ObjectNode in = items.get(i);
            long customer = in.get("customer_id").asLong();
            long attr = in.get("attribute_id").asLong();
            if (!CustomerStore.exists(h, t.id(), customer)) {
              errors.put(i + ".customer_id", "Customer " + customer + " does not exist");
            }
            Optional<String> type = typeOf(h, t.id(), attr);
            if (type.isEmpty()) {
              errors.put(i + ".attribute_id", "Attribute " + attr + " does not exist");
            } else {
              String bad = badValue(type.get(), in.get("value").asText());
              if (bad != null) {
                errors.put(i + ".value", bad);
              }
            }
          }
          if (!errors.isEmpty()) {
            throw new ApiException.Invalid("Upsert attribute values failed.", errors);
          }
          List<ObjectNode> out = new ArrayList<>();
          for (ObjectNode in : items) {
            out.add(
                upsertValue(
                    h,
                    t.id(),
                    in.get("customer_id").asLong(),
                    in.get("attribute_id").asLong(),
                    in.get("value").asText(),
                    now));
          }
          return out;
        });
  }

  /** Sets a customer's value of an attribute (creating the row when there is none). */
  static ObjectNode upsertValue(
      Handle h, long storeId, long customerId, long attributeId, String value, long now) {
    Optional<byte[]> found = findValue(h, storeId, customerId, attributeId);
    if (found.isEmpty()) {
      long id = Database.nextId(h, storeId, VALUES);
      ObjectNode doc = Json.MAPPER.createObjectNode();
      doc.put("id", id);
      doc.put("customer_id", customerId);
      doc.put("attribute_id", attributeId);
      doc.put("value", value);
      doc.put("date_created", Dates.v3(now));
      doc.put("date_modified", Dates.v3(now));
      int inserted =
          h.createUpdate(
                  "INSERT INTO customer_attribute_values (store_id, id, customer_id, attribute_id,"
                      + " date_created, date_modified, doc) VALUES (?, ?, ?, ?, ?, ?, ?)"
                      + " ON CONFLICT DO NOTHING")
              .bind(0, storeId)
              .bind(1, id)
              .bind(2, customerId)
              .bind(3, attributeId)
              .bind(4, now)
              .bind(5, now)
              .bind(6, Json.text(doc))
              .execute();
      if (inserted == 1) {
        Database.count(h, storeId, VALUES, 1);
        return doc;
      }
      // A concurrent upsert of the same pair committed first: update its row instead.
      found = findValue(h, storeId, customerId, attributeId);
    }
    ObjectNode doc =
        (ObjectNode)
            Json.tree(found.orElseThrow(() -> new IllegalStateException("value row vanished")));
    doc.put("value", value);
    doc.put("date_modified", Dates.v3(now));
    h.createUpdate(
            "UPDATE customer_attribute_values SET date_modified = ?, doc = ?"
                + " WHERE store_id = ? AND id = ?")
        .bind(0, now)
        .bind(1, Json.text(doc))
        .bind(2, storeId)
        .bind(3, doc.get("id").asLong())
        .execute();
    return doc;
  }

  private static Optional<byte[]> findValue(
      Handle h, long storeId, long customerId, long attributeId) {
    return h.createQuery(
            "SELECT doc FROM customer_attribute_values"
                + " WHERE store_id = ? AND customer_id = ? AND attribute_id = ?")
        .bind(0, storeId)
        .bind(1, customerId)
        .bind(2, attributeId)
        .map((rs, ctx) -> rs.getBytes(1))
        .findOne();
  }

  int deleteValues(Tenant t, List<Long> ids) {
    return db.write(h -> Docs.delete(h, VALUES, t.id(), ids));
  }

  /**
   * The attribute values of each customer as {@code include=attributes} answers them: {@code
   * attribute_id} and {@code attribute_value} (the value, always a string).
   */
  static Map<Long, List<ObjectNode>> valuesFor(Handle h, long storeId, List<Long> customerIds) {
    Map<Long, List<ObjectNode>> out = new LinkedHashMap<>();
    if (customerIds.isEmpty()) {
      return out;
    }
    var q =
        h.createQuery(
            "SELECT customer_id, doc FROM customer_attribute_values WHERE store_id = ?"
                + " AND customer_id IN ("
                + Filters.marks(customerIds.size())
                + ") ORDER BY id");
    q.bind(0, storeId);
    for (int i = 0; i < customerIds.size(); i++) {
      q.bind(i + 1, customerIds.get(i));
    }
    q.map((rs, ctx) -> Map.entry(rs.getLong(1), (ObjectNode) Json.tree(rs.getBytes(2))))
        .forEach(
            e -> {
              ObjectNode v = e.getValue();
              ObjectNode item = Json.MAPPER.createObjectNode();
              item.put("id", v.get("id").asLong());
              item.put("customer_id", v.get("customer_id").asLong());
              item.put("attribute_id", v.get("attribute_id").asLong());
              item.put("attribute_value", v.get("value").asText());
              item.set("date_created", v.get("date_created"));
              item.set("date_modified", v.get("date_modified"));
              out.computeIfAbsent(e.getKey(), k -> new ArrayList<>()).add(item);
            });
    return out;
  }
}
