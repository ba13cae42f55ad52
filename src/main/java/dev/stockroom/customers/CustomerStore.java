package dev.stockroom.customers;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.stockroom.api.ApiException;
import dev.stockroom.api.Dates;
import dev.stockroom.api.Filters;
import dev.stockroom.api.Json;
import dev.stockroom.api.Paging;
import dev.stockroom.db.Database;
import dev.stockroom.db.Docs;
import dev.stockroom.db.Events;
import dev.stockroom.tenancy.Tenant;
import java.time.Clock;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.jdbi.v3.core.Handle;
import org.jspecify.annotations.Nullable;

/**
 * SQL for customers, shared by the v3 and v2 routes. Longer than most stores: v3 batches and v2
 * single writes go through the same checks (email, group, attributes) and the same rows.
 */
public final class CustomerStore {
  static final String TABLE = "customers";

  private final Database db;
  private final Clock clock;

  /** A checked customer write: the input and its new password's hash (or null: unchanged). */
  record Write(ObjectNode input, @Nullable String passwordHash) {}

  /** A page of customers as served by v3 (includes applied) and the total. */
  record Page(List<ObjectNode> customers, long total) {}

  CustomerStore(Database db, Clock clock) {
    this.db = db;
    this.clock = clock;
  }

  /** Whether customer {@code id} exists (orders check their customer_id). */
  public static boolean exists(Handle h, long storeId, long id) {
    return Docs.doc(h, TABLE, storeId, id).isPresent();
  }

  /** Sub-resources of a missing customer answer 404 naming the customer. */
  static void require(Handle h, long storeId, long id) {
    if (!exists(h, storeId, id)) {
      throw new ApiException.NotFound("Customer " + id + " not found.");
    }
  }

  Page page(Tenant t, Filters.Where where, String orderBy, Paging paging, Set<String> include) {
    return db.read(
        h -> {
          Docs.Page p = Docs.page(h, TABLE, t.id(), where, orderBy, paging);
          return new Page(CustomerViews.expand(h, t.id(), p.docs(), include), p.total());
        });
  }

  /** The v3 documents of {@code ids} (a batch write's answer). */
  List<ObjectNode> byIds(Handle h, long storeId, List<Long> ids) {
    return CustomerViews.expand(h, storeId, Docs.byIds(h, TABLE, storeId, ids), Set.of());
  }

  /** One customer's v3 document with counts and store credit (v2 renders from it). */
  Optional<ObjectNode> find(Tenant t, long id) {
    return db.read(h -> find(h, t.id(), id));
  }

  static Optional<ObjectNode> find(Handle h, long storeId, long id) {
    return Docs.doc(h, TABLE, storeId, id)
        .map(
            b ->
                CustomerViews.expand(h, storeId, List.of(b), Set.of("storecredit", "formfields"))
                    .get(0));
  }

  ObjectNode get(Tenant t, long id) {
    return find(t, id)
        .orElseThrow(() -> new ApiException.NotFound("Customer " + id + " not found."));
  }

  /**
   * Creates every customer of a batch in one transaction, with their addresses and attribute
   * values; any problem (a taken email, an unknown group or attribute) fails the whole batch with
   * errors keyed by the item's index.
   */
  List<ObjectNode> create(Tenant t, List<Write> items) {
    long now = clock.millis();
    return db.write(
        h -> {
          Map<String, String> errors = new LinkedHashMap<>();
          for (int i = 0; i < items.size(); i++) {
            checkRefs(h, t.id(), items.get(i).input(), i + ".", 0, errors);
          }
          if (!errors.isEmpty()) {
            throw new ApiException.Invalid("Create customers failed.", errors);
          }
          long defaultGroup = GroupStore.defaultGroup(h, t.id());
          List<Long> ids = new ArrayList<>();
          for (int i = 0; i < items.size(); i++) {
            Write w = items.get(i);
            long id = Database.nextId(h, t.id(), TABLE);
            ObjectNode doc = Customer.create(id, w.input(), now);
            if (!w.input().has("customer_group_id")) {
              doc.put("customer_group_id", defaultGroup);
            }
            if (!insert(h, t.id(), doc, w.passwordHash(), now)) {
              // A concurrent request took the email between the check and the insert.
              throw new ApiException.Invalid(
                  "Create customers failed.", Map.of(i + ".email", emailTaken(doc)));
            }
            for (JsonNode a : w.input().path("addresses")) {
              AddressStore.insert(h, t.id(), id, (ObjectNode) a, now);
            }
            for (JsonNode a : w.input().path("attributes")) {
              AttributeStore.upsertValue(
                  h, t.id(), id, a.path("attribute_id").asLong(), attributeValue(a), now);
            }
            ids.add(id);
          }
          Events.emitEach(h, t.id(), now, "store/customer/created", ids);
          return byIds(h, t.id(), ids);
        });
  }

  static String attributeValue(JsonNode a) {
    return a.has("attribute_value") ? a.get("attribute_value").asText() : a.path("value").asText();
  }

  private static String emailTaken(JsonNode in) {
    return "The email address "
        + in.path("email").asText()
        + " is already in use by another customer.";
  }

  /** The checks against stored data: email free, group and attributes existing. */
  private static void checkRefs(
      Handle h, long storeId, ObjectNode in, String prefix, long self, Map<String, String> errors) {
    if (in.has("email")
        && emailOwner(h, storeId, in.get("email").asText()).filter(o -> o != self).isPresent()) {
      errors.put(prefix + "email", emailTaken(in));
    }
    long group = in.path("customer_group_id").asLong();
    if (group > 0 && !GroupStore.exists(h, storeId, group)) {
      errors.put(prefix + "customer_group_id", "Customer group " + group + " does not exist");
    }
    JsonNode attrs = in.path("attributes");
    for (int j = 0; j < attrs.size(); j++) {
      long attr = attrs.get(j).path("attribute_id").asLong();
      Optional<String> type = AttributeStore.typeOf(h, storeId, attr);
      if (type.isEmpty()) {
        errors.put(
            prefix + "attributes." + j + ".attribute_id",
            "Attribute " + attr + " does not exist; create it first");
      } else {
        String bad = AttributeStore.badValue(type.get(), attributeValue(attrs.get(j)));
        if (bad != null) {
          errors.put(prefix + "attributes." + j + ".attribute_value", bad);
        }
      }
    }
  }

  static Optional<Long> emailOwner(Handle h, long storeId, String email) {
    return h.createQuery("SELECT id FROM customers WHERE store_id = ? AND email_key = ?")
        .bind(0, storeId)
        .bind(1, email.trim().toLowerCase(Locale.ROOT))
        .mapTo(Long.class)
        .findOne();
  }

  /** Inserts a customer row; false when its email is taken (the unique index says so). */
  private static boolean insert(
      Handle h, long storeId, ObjectNode doc, @Nullable String hash, long now) {
    int n =
        h.createUpdate(
                """
                INSERT INTO customers (store_id, id, email, email_key, first_name, last_name, name,
                  company, phone, customer_group_id, registration_ip_address, tax_exempt_category,
                  store_credit, date_created, date_modified, password_hash, doc)
                VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)
                ON CONFLICT DO NOTHING""")
            .bind(0, storeId)
            .bind(1, doc.get("id").asLong())
            .bind(2, doc.get("email").asText())
            .bind(3, doc.get("email").asText().trim().toLowerCase(Locale.ROOT))
            .bind(4, doc.get("first_name").asText())
            .bind(5, doc.get("last_name").asText())
            .bind(6, doc.get("first_name").asText() + " " + doc.get("last_name").asText())
            .bind(7, doc.get("company").asText())
            .bind(8, doc.get("phone").asText())
            .bind(9, doc.get("customer_group_id").asLong())
            .bind(10, doc.get("registration_ip_address").asText())
            .bind(11, doc.get("tax_exempt_category").asText())
            .bind(12, Customer.storeCredit(doc))
            .bind(13, now)
            .bind(14, now)
            .bind(15, hash == null ? "" : hash)
            .bind(16, Json.text(doc))
            .execute();
    if (n == 1) {
      Database.count(h, storeId, TABLE, 1);
    }
    return n == 1;
  }

  /** Updates every customer of a batch in one transaction (no sub-resources, as the spec says). */
  List<ObjectNode> update(Tenant t, List<Write> items) {
    try {
      return updateChecked(t, items);
    } catch (ApiException.Conflict e) {
      // The only unique index an update can hit is the email's: a concurrent request took an
      // email between the check and the write. Answer as the check does (422 naming the email).
      Map<String, String> errors = new LinkedHashMap<>();
      for (int i = 0; i < items.size(); i++) {
        if (items.get(i).input().has("email")) {
          errors.put(i + ".email", emailTaken(items.get(i).input()));
        }
      }
      if (errors.isEmpty()) {
        throw e;
      }
      throw new ApiException.Invalid("Update customers failed.", errors);
    }
  }

  private List<ObjectNode> updateChecked(Tenant t, List<Write> items) {
    long now = clock.millis();
    return db.write(
        h -> {
          Map<String, String> errors = new LinkedHashMap<>();
          List<ObjectNode> docs = new ArrayList<>();
          for (int i = 0; i < items.size(); i++) {
            ObjectNode in = items.get(i).input();
            long id = in.path("id").asLong();
            Optional<byte[]> stored = Docs.doc(h, TABLE, t.id(), id);
            if (stored.isEmpty()) {
              errors.put(i + ".id", "Customer " + id + " does not exist");
              continue;
            }
            checkRefs(h, t.id(), in, i + ".", id, errors);
            docs.add((ObjectNode) Json.tree(stored.get()));
          }
          if (!errors.isEmpty()) {
            throw new ApiException.Invalid("Update customers failed.", errors);
          }
          List<Long> ids = new ArrayList<>();
          for (int i = 0; i < items.size(); i++) {
            ObjectNode doc = docs.get(i);
            Customer.merge(doc, items.get(i).input());
            rewrite(h, t.id(), doc, items.get(i).passwordHash(), now);
            ids.add(doc.get("id").asLong());
          }
          Events.emitEach(h, t.id(), now, "store/customer/updated", ids);
          return byIds(h, t.id(), ids);
        });
  }

  private static void rewrite(
      Handle h, long storeId, ObjectNode doc, @Nullable String hash, long now) {
    doc.put("date_modified", Dates.v3(now));
    h.createUpdate(
            """
            UPDATE customers SET email = ?, email_key = ?, first_name = ?, last_name = ?, name = ?,
              company = ?, phone = ?, customer_group_id = ?, registration_ip_address = ?,
              tax_exempt_category = ?, store_credit = ?, date_modified = ?,
              password_hash = COALESCE(?, password_hash), doc = ?
            WHERE store_id = ? AND id = ?""")
        .bind(0, doc.get("email").asText())
        .bind(1, doc.get("email").asText().trim().toLowerCase(Locale.ROOT))
        .bind(2, doc.get("first_name").asText())
        .bind(3, doc.get("last_name").asText())
        .bind(4, doc.get("first_name").asText() + " " + doc.get("last_name").asText())
        .bind(5, doc.get("company").asText())
        .bind(6, doc.get("phone").asText())
        .bind(7, doc.get("customer_group_id").asLong())
        .bind(8, doc.get("registration_ip_address").asText())
        .bind(9, doc.get("tax_exempt_category").asText())
        .bind(10, Customer.storeCredit(doc))
        .bind(11, now)
        .bind(12, hash)
        .bind(13, Json.text(doc))
        .bind(14, storeId)
        .bind(15, doc.get("id").asLong())
        .execute();
  }

  /** Deletes customers and everything that hangs on them; returns how many went. */
  int delete(Tenant t, Filters.Where where) {
    return db.write(
        h -> {
          List<Long> ids = Docs.ids(h, TABLE, t.id(), where);
          Events.emitEach(h, t.id(), clock.millis(), "store/customer/deleted", ids);
          return deleteIds(h, t.id(), ids);
        });
  }

  private static int deleteIds(Handle h, long storeId, List<Long> ids) {
    if (ids.isEmpty()) {
      return 0;
    }
    Rows.deleteBy(h, AddressStore.TABLE, storeId, "customer_id", ids);
    Rows.deleteBy(h, AttributeStore.VALUES, storeId, "customer_id", ids);
    Rows.deleteBy(h, FormFieldStore.TABLE, storeId, "customer_id", ids);
    SettingsStore.deleteConsents(h, storeId, ids);
    return Docs.delete(h, TABLE, storeId, ids);
  }

  void deleteOne(Tenant t, long id) {
    db.write(
        h -> {
          require(h, t.id(), id);
          Events.emit(h, t.id(), clock.millis(), "store/customer/deleted", id);
          return deleteIds(h, t.id(), List.of(id));
        });
  }

  /** The stored password hash of the customer with this email: (id, hash). */
  Optional<Map.Entry<Long, String>> credentials(Tenant t, String email) {
    return db.read(
        h ->
            h.createQuery(
                    "SELECT id, password_hash FROM customers WHERE store_id = ? AND email_key = ?")
                .bind(0, t.id())
                .bind(1, email.trim().toLowerCase(Locale.ROOT))
                .map((rs, ctx) -> Map.entry(rs.getLong(1), rs.getString(2)))
                .findOne());
  }

  /** The stored password hash of customer {@code id} ("" when none is set). */
  String passwordHash(Tenant t, long id) {
    return db.read(
        h -> {
          require(h, t.id(), id);
          return h.createQuery("SELECT password_hash FROM customers WHERE store_id = ? AND id = ?")
              .bind(0, t.id())
              .bind(1, id)
              .mapTo(String.class)
              .one();
        });
  }

  /** v2 lists: customers matching {@code where}, by id, with counts and store credit. */
  List<ObjectNode> list(Tenant t, Filters.Where where, Paging paging) {
    return db.read(
        h -> {
          Docs.Page p = Docs.page(h, TABLE, t.id(), where, "id", paging);
          return CustomerViews.expand(h, t.id(), p.docs(), Set.of("storecredit", "formfields"));
        });
  }

  long count(Tenant t) {
    return db.read(h -> Database.countOf(h, t.id(), TABLE));
  }

  /** Unassigns the customers of deleted groups (v2: "All existing customers are unassigned"). */
  static void ungroup(Handle h, long storeId, List<Long> groupIds, long now) {
    for (Long g : groupIds) {
      List<byte[]> docs =
          h.createQuery("SELECT doc FROM customers WHERE store_id = ? AND customer_group_id = ?")
              .bind(0, storeId)
              .bind(1, g)
              .map((rs, ctx) -> rs.getBytes(1))
              .list();
      for (byte[] b : docs) {
        ObjectNode doc = (ObjectNode) Json.tree(b);
        doc.put("customer_group_id", 0);
        rewrite(h, storeId, doc, null, now);
      }
    }
  }
}
