package dev.stockroom.customers;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.stockroom.api.ApiException;
import dev.stockroom.api.Batch;
import dev.stockroom.api.Call;
import dev.stockroom.api.Envelope;
import dev.stockroom.api.Filters;
import dev.stockroom.api.Json;
import dev.stockroom.api.Paging;
import dev.stockroom.api.Reply;
import dev.stockroom.api.Router;
import dev.stockroom.api.Routes;
import dev.stockroom.api.Schema;
import dev.stockroom.api.Status;
import dev.stockroom.db.Docs;
import dev.stockroom.tenancy.Scopes;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

/**
 * {@code /v3/customers/attributes} (at most 50 per store: a 422 past that) and {@code
 * /v3/customers/attribute-values} (upserts, at most {@value #VALUES_LIMIT} per call: a 413 past
 * that).
 */
final class AttributeRoutes implements Routes {
  private static final String ATTRIBUTES = CustomerRoutes.CUSTOMERS + "/attributes";
  private static final String VALUES = CustomerRoutes.CUSTOMERS + "/attribute-values";
  // contract: customers.v3 PUT /customers/attribute-values — "Up to 10 per call are allowed."
  static final int VALUES_LIMIT = 10;

  private static final Schema POST =
      Schema.of("id", "date_created", "date_modified")
          .string("name", 1, 255)
          .enumeration("type", "string", "number", "date");
  private static final Schema PUT =
      Schema.of("date_created", "date_modified")
          .integer("id", 1, Customer.INT32)
          .string("name", 1, 255)
          .enumeration("type", "string", "number", "date");
  private static final Schema VALUE =
      Schema.of("date_created", "date_modified")
          .integer("id", 1, Customer.INT32)
          .integer("attribute_id", 1, Customer.INT32)
          .string("value", 0, 255)
          .integer("customer_id", 1, Customer.INT32);

  static final Filters LIST =
      new Filters()
          // Custom rather than text(): Filters' :like does not refuse NUL, which PostgreSQL does.
          .custom(
              "name",
              EnumSet.of(Filters.Op.EQ, Filters.Op.LIKE),
              (op, values, binds) -> {
                String v = Customer.filterText(values.get(0));
                if (op == Filters.Op.LIKE) {
                  binds.add("%" + v.toLowerCase(java.util.Locale.ROOT) + "%");
                  return "LOWER(name) LIKE ?";
                }
                binds.add(v);
                return "name = ?";
              })
          .choice("type", "attribute_type", "string", "number", "date")
          .custom(
              "date_created",
              EnumSet.of(Filters.Op.EQ, Filters.Op.MIN, Filters.Op.MAX),
              Customer.seconds("date_created"))
          .custom(
              "date_modified",
              EnumSet.of(Filters.Op.EQ, Filters.Op.MIN, Filters.Op.MAX),
              Customer.seconds("date_modified"));

  static final Filters VALUE_LIST =
      new Filters()
          .integer("customer_id", "customer_id", EnumSet.of(Filters.Op.EQ, Filters.Op.IN))
          .integer("attribute_id", "attribute_id", EnumSet.of(Filters.Op.EQ, Filters.Op.IN))
          .custom(
              "name",
              EnumSet.of(Filters.Op.EQ),
              (op, values, binds) -> {
                binds.add(Customer.filterText(values.get(0)));
                return "attribute_id IN (SELECT a.id FROM customer_attributes a"
                    + " WHERE a.store_id = customer_attribute_values.store_id AND a.name = ?)";
              })
          .custom(
              "date_created",
              EnumSet.of(Filters.Op.EQ, Filters.Op.MIN, Filters.Op.MAX),
              Customer.seconds("date_created"))
          .custom(
              "date_modified",
              EnumSet.of(Filters.Op.EQ, Filters.Op.MIN, Filters.Op.MAX),
              Customer.seconds("date_modified"));

  private final AttributeStore store;

  AttributeRoutes(AttributeStore store) {
    this.store = store;
  }

  @Override
  public void register(Router r) {
    r.add("GET", ATTRIBUTES, Scopes.CUSTOMERS, this::list)
        .add("POST", ATTRIBUTES, Scopes.CUSTOMERS, this::create)
        .add("PUT", ATTRIBUTES, Scopes.CUSTOMERS, this::update)
        .add("DELETE", ATTRIBUTES, Scopes.CUSTOMERS, this::delete)
        .add("GET", VALUES, Scopes.CUSTOMERS, this::values)
        .add("PUT", VALUES, Scopes.CUSTOMERS, this::upsert)
        .add("DELETE", VALUES, Scopes.CUSTOMERS, this::deleteValues);
  }

  private Reply list(Call c) {
    Paging paging = Paging.of(c.query());
    Docs.Page page = store.page(c.tenant(), LIST.parse(c.query()), paging);
    return Reply.json(
        Status.OK,
        Envelope.docs(page.docs(), page.total(), paging, c.query(), dev.stockroom.api.Fields.ALL));
  }

  private static List<ObjectNode> checked(
      JsonNode body, int limit, String what, Schema schema, List<String> required) {
    Batch.check(body, limit, what);
    Map<String, String> errors = new LinkedHashMap<>();
    List<ObjectNode> items = new ArrayList<>();
    for (int i = 0; i < body.size(); i++) {
      items.add(schema.collect(body.get(i), i + ".", required, errors));
    }
    if (!errors.isEmpty()) {
      throw new ApiException.Invalid("JSON data is missing or invalid", errors);
    }
    return items;
  }

  private Reply create(Call c) {
    List<ObjectNode> items =
        checked(c.json(), CustomerRoutes.BATCH_LIMIT, "attributes", POST, List.of("name", "type"));
    List<ObjectNode> docs = store.create(c.tenant(), items);
    String ids = docs.stream().map(d -> d.get("id").asText()).collect(Collectors.joining(","));
    return Reply.created(
        Json.write(Envelope.batch(docs)), c.basePath() + "/customers/attributes?id:in=" + ids);
  }

  private Reply update(Call c) {
    List<ObjectNode> items =
        checked(c.json(), CustomerRoutes.BATCH_LIMIT, "attributes", PUT, List.of("id", "name"));
    return Reply.ok(Envelope.batch(store.update(c.tenant(), items)));
  }

  private Reply delete(Call c) {
    Filters.Where where = CustomerRoutes.BY_ID.parse(c.query());
    if (!where.isEmpty()) {
      store.delete(c.tenant(), AddressRoutes.ids(c, where));
    }
    return Reply.noContent();
  }

  private Reply values(Call c) {
    Paging paging = Paging.of(c.query());
    Docs.Page page = store.values(c.tenant(), VALUE_LIST.parse(c.query()), paging);
    return Reply.json(
        Status.OK,
        Envelope.docs(page.docs(), page.total(), paging, c.query(), dev.stockroom.api.Fields.ALL));
  }

  private Reply upsert(Call c) {
    List<ObjectNode> items =
        checked(
            c.json(),
            VALUES_LIMIT,
            "attribute values",
            VALUE,
            List.of("attribute_id", "value", "customer_id"));
    return Reply.ok(Envelope.batch(store.upsert(c.tenant(), items)));
  }

  private Reply deleteValues(Call c) {
    Filters.Where where = CustomerRoutes.BY_ID.parse(c.query());
    if (!where.isEmpty()) {
      store.deleteValues(c.tenant(), AddressRoutes.ids(c, where));
    }
    return Reply.noContent();
  }
}
