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
import dev.stockroom.api.Scheduler;
import dev.stockroom.api.Schema;
import dev.stockroom.api.Status;
import dev.stockroom.tenancy.Scopes;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * {@code /v3/customers}: batch list, create, update and delete (at most {@value #BATCH_LIMIT} per
 * call, as the hosted API takes; more is a 413), and {@code /v3/customers/validate-credentials}.
 */
final class CustomerRoutes implements Routes {
  static final int BATCH_LIMIT = 10;
  static final String CUSTOMERS = "/stores/{store_hash}/v3/customers";
  private static final Set<String> INCLUDES =
      Set.of("addresses", "storecredit", "attributes", "formfields");
  private static final Map<String, String> SORTS =
      Map.of(
          "date_created:asc", "date_created, id",
          "date_created:desc", "date_created DESC, id DESC",
          "last_name:asc", "last_name, id",
          "last_name:desc", "last_name DESC, id DESC");

  static final Filters LIST =
      new Filters()
          .integer("id", "id", EnumSet.of(Filters.Op.EQ, Filters.Op.IN))
          .text("company", "company", EnumSet.of(Filters.Op.EQ, Filters.Op.IN))
          .integer(
              "customer_group_id", "customer_group_id", EnumSet.of(Filters.Op.EQ, Filters.Op.IN))
          .custom(
              "date_created",
              EnumSet.of(Filters.Op.EQ, Filters.Op.MIN, Filters.Op.MAX),
              Customer.seconds("date_created"))
          .custom(
              "date_modified",
              EnumSet.of(Filters.Op.EQ, Filters.Op.MIN, Filters.Op.MAX),
              Customer.seconds("date_modified"))
          .custom("email", EnumSet.of(Filters.Op.EQ, Filters.Op.IN), CustomerRoutes::email)
          .custom(
              "name",
              EnumSet.of(Filters.Op.EQ, Filters.Op.IN, Filters.Op.LIKE),
              CustomerRoutes::name)
          .text(
              "registration_ip_address",
              "registration_ip_address",
              EnumSet.of(Filters.Op.EQ, Filters.Op.IN));

  /** contract: customers.v3 DELETE /customers — only {@code id:in} names what to delete. */
  static final Filters BY_ID =
      new Filters().integer("id", "id", EnumSet.of(Filters.Op.EQ, Filters.Op.IN));

  private static final Schema CREDENTIALS =
      Schema.of()
          .string("email", 0, 255)
          .string("password", 0, 1024)
          .integer("channel_id", 1, Customer.INT32);

  private final CustomerStore store;
  private final LoginThrottle throttle;

  private final Scheduler scheduler;

  CustomerRoutes(CustomerStore store, LoginThrottle throttle, Scheduler scheduler) {
    this.scheduler = scheduler;
    this.store = store;
    this.throttle = throttle;
  }

  @Override
  public void register(Router r) {
    r.add("GET", CUSTOMERS, Scopes.CUSTOMERS, this::list)
        .add("POST", CUSTOMERS, Scopes.CUSTOMERS, this::create)
        .add("PUT", CUSTOMERS, Scopes.CUSTOMERS, this::update)
        .add("DELETE", CUSTOMERS, Scopes.CUSTOMERS, this::delete)
        .add("POST", CUSTOMERS + "/validate-credentials", Scopes.CUSTOMERS, this::validate);
  }

  private static String email(Filters.Op op, List<String> values, List<Object> binds) {
    values.forEach(v -> binds.add(Customer.filterText(v).trim().toLowerCase(Locale.ROOT)));
    return "email_key IN (" + Filters.marks(values.size()) + ")";
  }

  /** {@code name} is the first and last name with a space between, case-insensitive. */
  private static String name(Filters.Op op, List<String> values, List<Object> binds) {
    if (op == Filters.Op.LIKE) {
      binds.add("%" + Customer.filterText(values.get(0)).toLowerCase(Locale.ROOT) + "%");
      return "LOWER(name) LIKE ?";
    }
    values.forEach(v -> binds.add(Customer.filterText(v).toLowerCase(Locale.ROOT)));
    return "LOWER(name) IN (" + Filters.marks(values.size()) + ")";
  }

  static Set<String> includes(Call c, Set<String> allowed) {
    Set<String> out = new LinkedHashSet<>();
    for (String s : c.query().first("include").orElse("").split(",")) {
      String v = s.trim();
      if (v.isEmpty()) {
        continue;
      }
      if (!allowed.contains(v)) {
        throw ApiException.Invalid.field(
            "include",
            "must be a comma-separated list of: "
                + String.join(", ", new java.util.TreeSet<>(allowed)));
      }
      out.add(v);
    }
    return out;
  }

  private Reply list(Call c) {
    Paging paging = Paging.of(c.query());
    String sort = c.query().first("sort").orElse("");
    String orderBy = sort.isEmpty() ? "id" : SORTS.get(sort);
    if (orderBy == null) {
      throw ApiException.Invalid.field(
          "sort", "must be one of: " + String.join(", ", new java.util.TreeSet<>(SORTS.keySet())));
    }
    CustomerStore.Page page =
        store.page(c.tenant(), LIST.parse(c.query()), orderBy, paging, includes(c, INCLUDES));
    return Reply.ok(Envelope.page(page.customers(), page.total(), paging, c.query()));
  }

  private Reply create(Call c) {
    JsonNode body = c.json();
    Batch.check(body, BATCH_LIMIT, "customers");
    Map<String, String> errors = new LinkedHashMap<>();
    List<ObjectNode> inputs = new ArrayList<>();
    for (int i = 0; i < body.size(); i++) {
      String prefix = i + ".";
      JsonNode item = body.get(i);
      ObjectNode in =
          Customer.POST.collect(item, prefix, List.of("email", "first_name", "last_name"), errors);
      Customer.checkMore(in, prefix, errors);
      JsonNode addresses = item.path("addresses");
      for (int j = 0; addresses.isArray() && j < addresses.size(); j++) {
        checkAddress(
            addresses.get(j), prefix + "addresses." + j + ".", Customer.ADDRESS_REQUIRED, errors);
      }
      JsonNode attributes = item.path("attributes");
      for (int j = 0; attributes.isArray() && j < attributes.size(); j++) {
        JsonNode a = attributes.get(j);
        String p = prefix + "attributes." + j + ".";
        if (a.isObject() && !a.has("attribute_id")) {
          errors.putIfAbsent(p + "attribute_id", "is required");
        }
        if (a.isObject() && !a.has("attribute_value") && !a.has("value")) {
          errors.putIfAbsent(p + "attribute_value", "is required");
        }
      }
      inputs.add(in);
    }
    uniqueEmails(inputs, errors);
    if (!errors.isEmpty()) {
      throw new ApiException.Invalid("JSON data is missing or invalid", errors);
    }
    List<ObjectNode> docs = store.create(c.tenant(), hashed(inputs));
    String ids = docs.stream().map(d -> d.get("id").asText()).collect(Collectors.joining(","));
    return Reply.created(
        Json.write(Envelope.batch(docs)), c.basePath() + "/customers?id:in=" + ids);
  }

  static void checkAddress(
      JsonNode item, String prefix, List<String> required, Map<String, String> errors) {
    if (!item.isObject()) {
      return;
    }
    for (String f : required) {
      if (!item.hasNonNull(f)) {
        errors.putIfAbsent(prefix + f, "is required");
      }
    }
    Customer.checkAddress(item, prefix, errors);
  }

  /** An email may appear once in a batch (compared case-insensitively, as stored ones are). */
  private static void uniqueEmails(List<ObjectNode> inputs, Map<String, String> errors) {
    Map<String, Integer> seen = new HashMap<>();
    for (int i = 0; i < inputs.size(); i++) {
      JsonNode e = inputs.get(i).get("email");
      if (e == null) {
        continue;
      }
      Integer first = seen.putIfAbsent(e.asText().trim().toLowerCase(Locale.ROOT), i);
      if (first != null) {
        errors.putIfAbsent(
            i + ".email", "The email address " + e.asText() + " is also used by item " + first);
      }
    }
  }

  /** Hashes new passwords before the write transaction (hashing is slow on purpose). */
  private static List<CustomerStore.Write> hashed(List<ObjectNode> inputs) {
    List<CustomerStore.Write> out = new ArrayList<>();
    for (ObjectNode in : inputs) {
      String password = Customer.newPassword(in);
      out.add(new CustomerStore.Write(in, password == null ? null : Passwords.hash(password)));
    }
    return out;
  }

  private Reply update(Call c) {
    JsonNode body = c.json();
    Batch.check(body, BATCH_LIMIT, "customers");
    Map<String, String> errors = new LinkedHashMap<>();
    List<ObjectNode> inputs = new ArrayList<>();
    Map<Long, Integer> ids = new HashMap<>();
    for (int i = 0; i < body.size(); i++) {
      String prefix = i + ".";
      ObjectNode in = Customer.PUT.collect(body.get(i), prefix, List.of("id"), errors);
      Customer.checkMore(in, prefix, errors);
      if (in.has("id") && ids.putIfAbsent(in.get("id").asLong(), i) != null) {
        errors.putIfAbsent(
            prefix + "id", "names the same customer as item " + ids.get(in.get("id").asLong()));
      }
      inputs.add(in);
    }
    uniqueEmails(inputs, errors);
    if (!errors.isEmpty()) {
      throw new ApiException.Invalid("JSON data is missing or invalid", errors);
    }
    if (scheduler.defers(c, inputs.size())) {
      return scheduler.schedule(c, "customers.update", c.basePath() + "/customers", inputs.size());
    }
    return Reply.ok(Envelope.batch(store.update(c.tenant(), hashed(inputs))));
  }

  /**
   * contract: customers.v3 — "If [a query is] not provided, a 204 is returned, with no changes".
   */
  private Reply delete(Call c) {
    Filters.Where where = BY_ID.parse(c.query());
    if (!where.isEmpty()) {
      long matched =
          store.page(c.tenant(), where, "id", new Paging(1, 1), java.util.Set.of()).total();
      if (scheduler.defers(c, matched)) {
        return scheduler.schedule(c, "customers.delete", c.basePath() + "/customers", matched);
      }
      store.delete(c.tenant(), where);
    }
    return Reply.noContent();
  }

  /**
   * Checks an email and password against the stored hash: {@code {customer_id, is_valid}}; too many
   * failures for one email get 429 for a while (contract: "special rate limiting").
   */
  private Reply validate(Call c) {
    ObjectNode in = CREDENTIALS.check(c.json(), "", List.of("email", "password"));
    String password = in.get("password").asText();
    String account = in.get("email").asText().trim().toLowerCase(Locale.ROOT);
    throttle.check(c.tenant().id(), account);
    var found = store.credentials(c.tenant(), account);
    boolean valid;
    if (found.isPresent() && !found.get().getValue().isEmpty()) {
      valid = Passwords.matches(password, found.get().getValue());
    } else {
      Passwords.waste(password);
      valid = false;
    }
    throttle.record(c.tenant().id(), account, valid);
    ObjectNode out = Json.MAPPER.createObjectNode();
    if (valid) {
      out.put("customer_id", found.get().getKey());
    } else {
      out.putNull("customer_id");
    }
    out.put("is_valid", valid);
    return Reply.json(Status.OK, Json.write(out));
  }
}
