package dev.stockroom.customers;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.stockroom.api.ApiException;
import dev.stockroom.api.Filters;
import dev.stockroom.api.Json;
import dev.stockroom.api.Paging;
import dev.stockroom.api.Schema;
import dev.stockroom.api.V2;
import dev.stockroom.db.Database;
import dev.stockroom.db.Docs;
import dev.stockroom.tenancy.Tenant;
import java.math.BigDecimal;
import java.time.Clock;
import java.util.List;
import java.util.Map;
import org.jdbi.v3.core.Handle;

/** SQL for customer groups (customers.v2 {@code customerGroup_Full}); names are unique (409). */
final class GroupStore {
  static final String TABLE = "customer_groups";

  static final Schema SCHEMA =
      Schema.of("id")
          .string("name", 1, 255)
          .bool("is_default")
          .object(
              "category_access",
              Schema.of()
                  .enumeration("type", "all", "specific", "none")
                  .intArray("categories", 1000, 1))
          .objectArray(
              "discount_rules",
              Schema.of()
                  .enumeration("type", "price_list", "all", "category", "product")
                  .enumeration("method", "percent", "fixed", "price")
                  .decimal("amount", -1_000_000_000_000d, 1_000_000_000_000d)
                  .integer("price_list_id", 1, Customer.INT32)
                  .integer("category_id", 1, Customer.INT32)
                  .integer("product_id", 1, Customer.INT32),
              100)
          .bool("is_group_for_guests");

  private final Database db;
  private final Clock clock;

  GroupStore(Database db, Clock clock) {
    this.db = db;
    this.clock = clock;
  }

  static boolean exists(Handle h, long storeId, long id) {
    return Docs.doc(h, TABLE, storeId, id).isPresent();
  }

  /** The group new customers join when they name none (0: none is the default). */
  static long defaultGroup(Handle h, long storeId) {
    return h.createQuery(
            "SELECT id FROM customer_groups WHERE store_id = ? AND is_default = 1 ORDER BY id LIMIT 1")
        .bind(0, storeId)
        .mapTo(Long.class)
        .findOne()
        .orElse(0L);
  }

  List<ObjectNode> list(Tenant t, Filters.Where where, Paging paging) {
    return db.read(
        h ->
            Docs.page(h, TABLE, t.id(), where, "id", paging).docs().stream()
                .map(b -> (ObjectNode) Json.tree(b))
                .toList());
  }

  long count(Tenant t) {
    return db.read(h -> Database.countOf(h, t.id(), TABLE));
  }

  ObjectNode get(Tenant t, long id) {
    return db.read(h -> require(h, t.id(), id));
  }

  private static ObjectNode require(Handle h, long storeId, long id) {
    return Docs.doc(h, TABLE, storeId, id)
        .map(b -> (ObjectNode) Json.tree(b))
        .orElseThrow(() -> new ApiException.NotFound("Customer group " + id + " not found."));
  }

  /** Checks that the group exists before its body is read (a missing one is a 404). */
  void requireExists(Tenant t, long id) {
    db.read(h -> require(h, t.id(), id));
  }

  ObjectNode create(Tenant t, ObjectNode input) {
    return db.write(
        h -> {
          checkNameFree(h, t.id(), input.get("name").asText(), 0);
          long id = Database.nextId(h, t.id(), TABLE);
          ObjectNode doc = Json.MAPPER.createObjectNode();
          doc.put("id", id);
          doc.put("name", "");
          doc.put("is_default", false);
          doc.putObject("category_access").put("type", "all");
          doc.putArray("discount_rules");
          doc.put("is_group_for_guests", false);
          apply(doc, input);
          if (doc.get("is_default").asBoolean()) {
            clearDefault(h, t.id());
          }
          h.createUpdate(
                  "INSERT INTO customer_groups (store_id, id, name, is_default, doc)"
                      + " VALUES (?, ?, ?, ?, ?)")
              .bind(0, t.id())
              .bind(1, id)
              .bind(2, doc.get("name").asText())
              .bind(3, doc.get("is_default").asBoolean() ? 1 : 0)
              .bind(4, Json.text(doc))
              .execute();
          Database.count(h, t.id(), TABLE, 1);
          return doc;
        });
  }

  ObjectNode update(Tenant t, long id, ObjectNode input) {
    return db.write(
        h -> {
          ObjectNode doc = require(h, t.id(), id);
          if (input.has("name")) {
            checkNameFree(h, t.id(), input.get("name").asText(), id);
          }
          apply(doc, input);
          if (input.path("is_default").asBoolean(false)) {
            clearDefault(h, t.id());
          }
          write(h, t.id(), doc);
          return doc;
        });
  }

  /** Applies checked input; discount amounts are v2 money strings ("5.0000"). */
  private static void apply(ObjectNode doc, ObjectNode input) {
    ObjectNode in = input.deepCopy();
    for (JsonNode rule : in.path("discount_rules")) {
      if (rule.has("amount")) {
        ((ObjectNode) rule).put("amount", V2.money(new BigDecimal(rule.get("amount").asText())));
      }
    }
    if (in.has("category_access")) {
      doc.set("category_access", in.get("category_access"));
      in.remove("category_access");
    }
    Schema.merge(doc, in);
  }

  private static void write(Handle h, long storeId, ObjectNode doc) {
    h.createUpdate(
            "UPDATE customer_groups SET name = ?, is_default = ?, doc = ? WHERE store_id = ? AND id = ?")
        .bind(0, doc.get("name").asText())
        .bind(1, doc.get("is_default").asBoolean() ? 1 : 0)
        .bind(2, Json.text(doc))
        .bind(3, storeId)
        .bind(4, doc.get("id").asLong())
        .execute();
  }

  /** One default group at a time: a new default unsets the old. */
  private static void clearDefault(Handle h, long storeId) {
    long old = defaultGroup(h, storeId);
    if (old > 0) {
      ObjectNode doc = require(h, storeId, old);
      doc.put("is_default", false);
      write(h, storeId, doc);
    }
  }

  private static void checkNameFree(Handle h, long storeId, String name, long self) {
    boolean taken =
        h.createQuery(
                    "SELECT COUNT(*) FROM customer_groups WHERE store_id = ? AND name = ? AND id <> ?")
                .bind(0, storeId)
                .bind(1, name)
                .bind(2, self)
                .mapTo(Integer.class)
                .one()
            > 0;
    if (taken) {
      throw new ApiException.Conflict(
          "The customer group name '" + name + "' is already in use.",
          Map.of("name", "A customer group named '" + name + "' already exists."));
    }
  }

  /** Deletes groups and unassigns their customers. */
  void delete(Tenant t, List<Long> ids) {
    db.write(
        h -> {
          CustomerStore.ungroup(h, t.id(), ids, clock.millis());
          return Docs.delete(h, TABLE, t.id(), ids);
        });
  }

  void deleteOne(Tenant t, long id) {
    db.write(
        h -> {
          require(h, t.id(), id);
          CustomerStore.ungroup(h, t.id(), List.of(id), clock.millis());
          return Docs.delete(h, TABLE, t.id(), List.of(id));
        });
  }

  List<Long> all(Tenant t) {
    return db.read(h -> Docs.ids(h, TABLE, t.id(), new Filters.Where("", List.of(), 0)));
  }
}
