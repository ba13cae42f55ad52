package dev.stockroom.customers;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.stockroom.api.ApiException;
import dev.stockroom.api.Filters;
import dev.stockroom.api.Json;
import dev.stockroom.api.Paging;
import dev.stockroom.api.Schema;
import dev.stockroom.db.Database;
import dev.stockroom.db.Docs;
import dev.stockroom.db.Events;
import dev.stockroom.tenancy.Tenant;
import java.time.Clock;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.jdbi.v3.core.Handle;

/** SQL for customer addresses (v3 {@code address_Full}; v2 renders the same rows). */
final class AddressStore {
  static final String TABLE = "customer_addresses";
  private final Database db;
  private final Clock clock;

  AddressStore(Database db, Clock clock) {
    this.db = db;
    this.clock = clock;
  }

  /**
   * contract: spec-digest §7 — address events carry the address id and its customer: {type:
   * customer, id: address id, address: {customer_id}}.
   */
  private static void event(Handle h, long storeId, long now, String scope, JsonNode doc) {
    ObjectNode data = Json.MAPPER.createObjectNode();
    data.put("type", "customer");
    data.put("id", doc.path("id").asLong());
    data.putObject("address").put("customer_id", doc.path("customer_id").asLong());
    Events.emit(h, storeId, now, scope, data);
  }

  /** Emits store/customer/address/deleted for each of {@code ids} that exists (before it goes). */
  private static void deleted(Handle h, long storeId, long now, List<Long> ids) {
    for (int from = 0; from < ids.size(); from += 500) {
      List<Long> chunk = ids.subList(from, Math.min(ids.size(), from + 500));
      var q =
          h.createQuery(
              "SELECT doc FROM customer_addresses WHERE store_id = ? AND id IN ("
                  + Filters.marks(chunk.size())
                  + ")");
      q.bind(0, storeId);
      for (int i = 0; i < chunk.size(); i++) {
        q.bind(i + 1, chunk.get(i));
      }
      for (byte[] doc : q.map((rs, ctx) -> rs.getBytes(1)).list()) {
        event(h, storeId, now, "store/customer/address/deleted", Json.tree(doc));
      }
    }
  }

  /** Inserts one checked address of {@code customerId} and returns its document. */
  static ObjectNode insert(Handle h, long storeId, long customerId, ObjectNode input, long now) {
    long id = Database.nextId(h, storeId, TABLE);
    ObjectNode doc = Json.MAPPER.createObjectNode();
    doc.put("id", id);
    doc.put("customer_id", customerId);
    for (String f :
        List.of(
            "first_name",
            "last_name",
            "company",
            "address1",
            "address2",
            "city",
            "state_or_province",
            "postal_code",
            "country_code",
            "phone")) {
      doc.put(f, "");
    }
    doc.put("address_type", "residential");
    doc.put("country", "");
    apply(doc, input);
    h.createUpdate(
            "INSERT INTO customer_addresses (store_id, id, customer_id, name, company, doc)"
                + " VALUES (?, ?, ?, ?, ?, ?)")
        .bind(0, storeId)
        .bind(1, id)
        .bind(2, customerId)
        .bind(3, name(doc))
        .bind(4, doc.get("company").asText())
        .bind(5, Json.text(doc))
        .execute();
    Database.count(h, storeId, TABLE, 1);
    event(h, storeId, now, "store/customer/address/created", doc);
    return doc;
  }

  private static void apply(ObjectNode doc, ObjectNode input) {
    ObjectNode in = input.deepCopy();
    in.remove(List.of("id", "customer_id"));
    Schema.merge(doc, in);
    if (in.has("country_code")) {
      String code = in.get("country_code").asText().toUpperCase(java.util.Locale.ROOT);
      doc.put("country_code", code);
      doc.put("country", Countries.name(code).orElse(""));
    }
  }

  private static String name(JsonNode doc) {
    return doc.path("first_name").asText() + " " + doc.path("last_name").asText();
  }

  private static void write(Handle h, long storeId, ObjectNode doc) {
    h.createUpdate(
            "UPDATE customer_addresses SET name = ?, company = ?, doc = ?"
                + " WHERE store_id = ? AND id = ?")
        .bind(0, name(doc))
        .bind(1, doc.get("company").asText())
        .bind(2, Json.text(doc))
        .bind(3, storeId)
        .bind(4, doc.get("id").asLong())
        .execute();
  }

  /** The addresses of each of {@code customerIds}, in id order. */
  static Map<Long, List<ObjectNode>> forCustomers(Handle h, long storeId, List<Long> customerIds) {
    Map<Long, List<ObjectNode>> out = new LinkedHashMap<>();
    if (customerIds.isEmpty()) {
      return out;
    }
    var q =
        h.createQuery(
            "SELECT customer_id, doc FROM customer_addresses WHERE store_id = ? AND customer_id IN ("
                + Filters.marks(customerIds.size())
                + ") ORDER BY id");
    q.bind(0, storeId);
    for (int i = 0; i < customerIds.size(); i++) {
      q.bind(i + 1, customerIds.get(i));
    }
    q.map((rs, ctx) -> Map.entry(rs.getLong(1), (ObjectNode) Json.tree(rs.getBytes(2))))
        .forEach(e -> out.computeIfAbsent(e.getKey(), k -> new ArrayList<>()).add(e.getValue()));
    return out;
  }

  static java.util.Optional<ObjectNode> find(Handle h, long storeId, long customerId, long id) {
    return Docs.doc(h, TABLE, storeId, id)
        .map(b -> (ObjectNode) Json.tree(b))
        .filter(d -> d.path("customer_id").asLong() == customerId);
  }

  Docs.Page page(Tenant t, Filters.Where where, Paging paging) {
    return db.read(h -> Docs.page(h, TABLE, t.id(), where, "id", paging));
  }

  /** v3 batch create: every customer must exist; errors are keyed by the item's index. */
  List<ObjectNode> create(Tenant t, List<ObjectNode> items) {
    return db.write(
        h -> {
          Map<String, String> errors = new LinkedHashMap<>();
          for (int i = 0; i < items.size(); i++) {
            long customerId = items.get(i).path("customer_id").asLong();
            if (!CustomerStore.exists(h, t.id(), customerId)) {
              errors.put(i + ".customer_id", "Customer " + customerId + " does not exist");
            }
          }
          if (!errors.isEmpty()) {
            throw new ApiException.Invalid("Create addresses failed.", errors);
          }
          List<ObjectNode> out = new ArrayList<>();
          long now = clock.millis();
          for (ObjectNode in : items) {
            out.add(insert(h, t.id(), in.get("customer_id").asLong(), in, now));
          }
          return out;
        });
  }

  /** v3 batch update: each address must exist and belong to the customer named with it. */
  List<ObjectNode> update(Tenant t, List<ObjectNode> items) {
    return db.write(
        h -> {
          Map<String, String> errors = new LinkedHashMap<>();
          List<ObjectNode> docs = new ArrayList<>();
          for (int i = 0; i < items.size(); i++) {
            ObjectNode in = items.get(i);
            long id = in.path("id").asLong();
            var found = find(h, t.id(), in.path("customer_id").asLong(), id);
            if (found.isEmpty()) {
              errors.put(
                  i + ".id",
                  "Address "
                      + id
                      + " of customer "
                      + in.path("customer_id").asLong()
                      + " does not exist");
              continue;
            }
            apply(found.get(), in);
            docs.add(found.get());
          }
          if (!errors.isEmpty()) {
            throw new ApiException.Invalid("Update addresses failed.", errors);
          }
          long now = clock.millis();
          for (ObjectNode d : docs) {
            write(h, t.id(), d);
            event(h, t.id(), now, "store/customer/address/updated", d);
          }
          return docs;
        });
  }

  int delete(Tenant t, List<Long> ids) {
    return db.write(
        h -> {
          FormFieldStore.deleteForAddresses(h, t.id(), ids);
          deleted(h, t.id(), clock.millis(), ids);
          return Docs.delete(h, TABLE, t.id(), ids);
        });
  }

  // v2: one customer's addresses.

  List<ObjectNode> ofCustomer(Tenant t, long customerId, Paging paging) {
    return db.read(
        h -> {
          CustomerStore.require(h, t.id(), customerId);
          return h.createQuery(
                  "SELECT doc FROM customer_addresses WHERE store_id = ? AND customer_id = ?"
                      + " ORDER BY id LIMIT ? OFFSET ?")
              .bind(0, t.id())
              .bind(1, customerId)
              .bind(2, paging.limit())
              .bind(3, paging.offset())
              .map((rs, ctx) -> (ObjectNode) Json.tree(rs.getBytes(1)))
              .list();
        });
  }

  long count(Tenant t, long customerId) {
    return db.read(
        h -> {
          CustomerStore.require(h, t.id(), customerId);
          return Rows.countBy(h, TABLE, t.id(), "customer_id", List.of(customerId))
              .getOrDefault(customerId, 0L);
        });
  }

  ObjectNode get(Tenant t, long customerId, long id) {
    return db.read(h -> require(h, t.id(), customerId, id));
  }

  private static ObjectNode require(Handle h, long storeId, long customerId, long id) {
    CustomerStore.require(h, storeId, customerId);
    return find(h, storeId, customerId, id)
        .orElseThrow(
            () ->
                new ApiException.NotFound(
                    "Address " + id + " of customer " + customerId + " not found."));
  }

  /** Checks that the address exists before its body is read (a missing one is a 404). */
  void requireExists(Tenant t, long customerId, long id) {
    db.read(h -> require(h, t.id(), customerId, id));
  }

  void requireCustomer(Tenant t, long customerId) {
    db.read(
        h -> {
          CustomerStore.require(h, t.id(), customerId);
          return null;
        });
  }

  ObjectNode createOne(Tenant t, long customerId, ObjectNode input) {
    return db.write(
        h -> {
          CustomerStore.require(h, t.id(), customerId);
          return insert(h, t.id(), customerId, input, clock.millis());
        });
  }

  ObjectNode updateOne(Tenant t, long customerId, long id, ObjectNode input) {
    return db.write(
        h -> {
          ObjectNode doc = require(h, t.id(), customerId, id);
          apply(doc, input);
          write(h, t.id(), doc);
          event(h, t.id(), clock.millis(), "store/customer/address/updated", doc);
          return doc;
        });
  }

  void deleteOne(Tenant t, long customerId, long id) {
    db.write(
        h -> {
          ObjectNode doc = require(h, t.id(), customerId, id);
          FormFieldStore.deleteForAddresses(h, t.id(), List.of(id));
          event(h, t.id(), clock.millis(), "store/customer/address/deleted", doc);
          return Docs.delete(h, TABLE, t.id(), List.of(id));
        });
  }

  void deleteAll(Tenant t, long customerId) {
    db.write(
        h -> {
          CustomerStore.require(h, t.id(), customerId);
          List<Long> ids =
              h.createQuery(
                      "SELECT id FROM customer_addresses WHERE store_id = ? AND customer_id = ?")
                  .bind(0, t.id())
                  .bind(1, customerId)
                  .mapTo(Long.class)
                  .list();
          FormFieldStore.deleteForAddresses(h, t.id(), ids);
          deleted(h, t.id(), clock.millis(), ids);
          return Docs.delete(h, TABLE, t.id(), ids);
        });
  }
}
