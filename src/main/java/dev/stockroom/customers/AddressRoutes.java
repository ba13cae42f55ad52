package dev.stockroom.customers;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
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
import dev.stockroom.db.Docs;
import dev.stockroom.tenancy.Scopes;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * {@code /v3/customers/addresses}: batch list, create, update and delete of customer addresses (at
 * most {@value CustomerRoutes#BATCH_LIMIT} per call).
 */
final class AddressRoutes implements Routes {
  private static final String ADDRESSES = CustomerRoutes.CUSTOMERS + "/addresses";
  private static final List<String> PUT_REQUIRED = List.of("id", "customer_id");

  static final Filters LIST =
      new Filters()
          .integer("id", "id", EnumSet.of(Filters.Op.EQ, Filters.Op.IN))
          .integer("customer_id", "customer_id", EnumSet.of(Filters.Op.EQ, Filters.Op.IN))
          .text("company", "company", EnumSet.of(Filters.Op.EQ, Filters.Op.IN))
          .text("name", "name", EnumSet.of(Filters.Op.EQ, Filters.Op.IN));

  private final AddressStore store;
  private final FormFieldStore fields;

  AddressRoutes(AddressStore store, FormFieldStore fields) {
    this.store = store;
    this.fields = fields;
  }

  @Override
  public void register(Router r) {
    r.add("GET", ADDRESSES, Scopes.CUSTOMERS, this::list)
        .add("POST", ADDRESSES, Scopes.CUSTOMERS, this::create)
        .add("PUT", ADDRESSES, Scopes.CUSTOMERS, this::update)
        .add("DELETE", ADDRESSES, Scopes.CUSTOMERS, this::delete);
  }

  private Reply list(Call c) {
    Paging paging = Paging.of(c.query());
    Set<String> include = CustomerRoutes.includes(c, Set.of("formfields"));
    Docs.Page page = store.page(c.tenant(), LIST.parse(c.query()), paging);
    List<ObjectNode> docs = new ArrayList<>();
    page.docs().forEach(b -> docs.add((ObjectNode) Json.tree(b)));
    if (include.contains("formfields")) {
      Map<Long, List<ObjectNode>> byAddress = fields.forAddresses(c.tenant(), page.ids());
      for (ObjectNode d : docs) {
        ArrayNode a = d.putArray("form_fields");
        byAddress.getOrDefault(d.get("id").asLong(), List.of()).forEach(a::add);
      }
    }
    return Reply.ok(Envelope.page(docs, page.total(), paging, c.query()));
  }

  private Reply create(Call c) {
    JsonNode body = c.json();
    Batch.check(body, CustomerRoutes.BATCH_LIMIT, "addresses");
    List<String> required = new ArrayList<>(Customer.ADDRESS_REQUIRED);
    required.add("customer_id");
    List<ObjectNode> items = checked(body, Customer.ADDRESS_POST, required);
    List<ObjectNode> docs = store.create(c.tenant(), items);
    String ids = docs.stream().map(d -> d.get("id").asText()).collect(Collectors.joining(","));
    return Reply.created(
        Json.write(Envelope.batch(docs)), c.basePath() + "/customers/addresses?id:in=" + ids);
  }

  private Reply update(Call c) {
    JsonNode body = c.json();
    Batch.check(body, CustomerRoutes.BATCH_LIMIT, "addresses");
    return Reply.ok(
        Envelope.batch(
            store.update(c.tenant(), checked(body, Customer.ADDRESS_PUT, PUT_REQUIRED))));
  }

  private static List<ObjectNode> checked(
      JsonNode body, dev.stockroom.api.Schema schema, List<String> required) {
    Map<String, String> errors = new LinkedHashMap<>();
    List<ObjectNode> items = new ArrayList<>();
    for (int i = 0; i < body.size(); i++) {
      String prefix = i + ".";
      items.add(schema.collect(body.get(i), prefix, required, errors));
      Customer.checkAddress(body.get(i), prefix, errors);
    }
    if (!errors.isEmpty()) {
      throw new ApiException.Invalid("JSON data is missing or invalid", errors);
    }
    return items;
  }

  /** Without {@code id:in} nothing is deleted (as for customers: contract customers.v3). */
  private Reply delete(Call c) {
    Filters.Where where = CustomerRoutes.BY_ID.parse(c.query());
    if (!where.isEmpty()) {
      store.delete(c.tenant(), ids(c, where));
    }
    return Reply.noContent();
  }

  /** The ids a {@code id}/{@code id:in} filter names. */
  static List<Long> ids(Call c, Filters.Where where) {
    List<Long> out = new ArrayList<>();
    for (Object o : where.binds()) {
      out.add((Long) o);
    }
    return out;
  }
}
