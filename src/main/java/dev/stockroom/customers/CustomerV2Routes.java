package dev.stockroom.customers;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.stockroom.api.ApiException;
import dev.stockroom.api.Call;
import dev.stockroom.api.Dates;
import dev.stockroom.api.Filters;
import dev.stockroom.api.Json;
import dev.stockroom.api.Paging;
import dev.stockroom.api.Reply;
import dev.stockroom.api.Router;
import dev.stockroom.api.Routes;
import dev.stockroom.api.Scheduler;
import dev.stockroom.api.Schema;
import dev.stockroom.api.V2;
import dev.stockroom.tenancy.Scopes;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

/**
 * {@code /v2/customers…}: the customers of {@link CustomerRoutes} in v2 form (bare objects and
 * arrays, RFC 2822 dates, money strings, addresses as a link), with their addresses.
 */
final class CustomerV2Routes implements Routes {
  private static final String CUSTOMERS = "/stores/{store_hash}/v2/customers";
  private static final String CUSTOMER = CUSTOMERS + "/{customer_id}";
  private static final String ADDRESSES = CUSTOMER + "/addresses";
  private static final String ADDRESS = ADDRESSES + "/{customer_address_id}";
  private static final Schema PASSWORD = Schema.of().string("password", 0, 1024);

  private final CustomerStore store;
  private final AddressStore addresses;
  private final LoginThrottle throttle;

  private final Scheduler scheduler;

  CustomerV2Routes(
      CustomerStore store, AddressStore addresses, LoginThrottle throttle, Scheduler scheduler) {
    this.scheduler = scheduler;
    this.store = store;
    this.addresses = addresses;
    this.throttle = throttle;
  }

  @Override
  public void register(Router r) {
    r.add("GET", CUSTOMERS, Scopes.CUSTOMERS, this::list)
        .add("POST", CUSTOMERS, Scopes.CUSTOMERS, this::create)
        .add("DELETE", CUSTOMERS, Scopes.CUSTOMERS, this::deleteAll)
        .add("GET", CUSTOMERS + "/count", Scopes.CUSTOMERS, this::count)
        .add("GET", CUSTOMER, Scopes.CUSTOMERS, this::get)
        .add("PUT", CUSTOMER, Scopes.CUSTOMERS, this::update)
        .add("DELETE", CUSTOMER, Scopes.CUSTOMERS, this::delete)
        .add("POST", CUSTOMER + "/validate", Scopes.CUSTOMERS, this::validate)
        .add("GET", ADDRESSES, Scopes.CUSTOMERS, this::addresses)
        .add("POST", ADDRESSES, Scopes.CUSTOMERS, this::createAddress)
        .add("DELETE", ADDRESSES, Scopes.CUSTOMERS, this::deleteAddresses)
        .add("GET", ADDRESSES + "/count", Scopes.CUSTOMERS, this::countAddresses)
        .add("GET", ADDRESS, Scopes.CUSTOMERS, this::address)
        .add("PUT", ADDRESS, Scopes.CUSTOMERS, this::updateAddress)
        .add("DELETE", ADDRESS, Scopes.CUSTOMERS, this::deleteAddress);
  }

  /** The v2 list filters (customers.v2 GET /customers), plus If-Modified-Since. */
  private static Filters.Where where(Call c) {
    List<String> parts = new ArrayList<>();
    List<Object> binds = new ArrayList<>();
    for (String f : List.of("first_name", "last_name", "company", "phone", "tax_exempt_category")) {
      text(c, f).ifPresent(v -> add(parts, binds, f + " = ?", v));
    }
    text(c, "email")
        .ifPresent(v -> add(parts, binds, "email_key = ?", v.trim().toLowerCase(Locale.ROOT)));
    number(c, "store_credit").ifPresent(v -> add(parts, binds, "store_credit = ?", v));
    whole(c, "customer_group_id").ifPresent(v -> add(parts, binds, "customer_group_id = ?", v));
    whole(c, "min_id").ifPresent(v -> add(parts, binds, "id >= ?", v));
    whole(c, "max_id").ifPresent(v -> add(parts, binds, "id <= ?", v));
    V2.dateParam(c, "min_date_created").ifPresent(v -> add(parts, binds, "date_created >= ?", v));
    V2.dateParam(c, "max_date_created")
        .ifPresent(
            v -> add(parts, binds, "date_created <= ?", Math.floorDiv(v, 1000L) * 1000L + 999));
    V2.dateParam(c, "min_date_modified").ifPresent(v -> add(parts, binds, "date_modified >= ?", v));
    V2.dateParam(c, "max_date_modified")
        .ifPresent(
            v -> add(parts, binds, "date_modified <= ?", Math.floorDiv(v, 1000L) * 1000L + 999));
    // Dates are served to the second: "modified since" means in a later second than the header.
    c.ifModifiedSince().ifPresent(v -> add(parts, binds, "date_modified >= ?", v + 1000));
    return new Filters.Where(String.join(" AND ", parts), binds, parts.size());
  }

  private static void add(List<String> parts, List<Object> binds, String sql, Object value) {
    parts.add(sql);
    binds.add(value);
  }

  private static Optional<String> text(Call c, String name) {
    Optional<String> raw = c.query().first(name);
    try {
      return raw.map(Customer::filterText);
    } catch (IllegalArgumentException e) {
      throw ApiException.Invalid.field(name, String.valueOf(e.getMessage()));
    }
  }

  private static Optional<Long> whole(Call c, String name) {
    Optional<String> raw = c.query().first(name).filter(s -> !s.isBlank());
    try {
      return raw.map(Filters::parseLong);
    } catch (IllegalArgumentException e) {
      throw ApiException.Invalid.field(name, "must be a whole number");
    }
  }

  private static Optional<Double> number(Call c, String name) {
    Optional<String> raw = c.query().first(name).filter(s -> !s.isBlank());
    try {
      return raw.map(s -> new java.math.BigDecimal(s.trim()).doubleValue());
    } catch (NumberFormatException e) {
      throw ApiException.Invalid.field(name, "must be a number");
    }
  }

  private Reply list(Call c) {
    Paging paging = V2.paging(c);
    List<ObjectNode> out = new ArrayList<>();
    for (ObjectNode d : store.list(c.tenant(), where(c), paging)) {
      out.add(CustomerV2.render(c, d));
    }
    return V2.list(c, out);
  }

  private Reply count(Call c) {
    return V2.one(Json.MAPPER.createObjectNode().put("count", store.count(c.tenant())));
  }

  /** The customer, with {@code Last-Modified} from its date_modified (the pipeline adds 304s). */
  private Reply get(Call c) {
    ObjectNode doc = store.get(c.tenant(), c.id("customer_id"));
    long modified = Dates.parse(doc.get("date_modified").asText());
    return V2.one(CustomerV2.render(c, doc)).header("Last-Modified", Dates.http(modified));
  }

  private static ObjectNode input(Call c, List<String> required) {
    ObjectNode in = CustomerV2.CUSTOMER.check(c.json(), "", required);
    java.util.Map<String, String> errors = new java.util.LinkedHashMap<>();
    Customer.checkMore(in, "", errors);
    if (!errors.isEmpty()) {
      throw new ApiException.Invalid("JSON data is missing or invalid", errors);
    }
    return CustomerV2.toV3(in);
  }

  private static CustomerStore.Write write(ObjectNode in) {
    String password = Customer.newPassword(in);
    return new CustomerStore.Write(in, password == null ? null : Passwords.hash(password));
  }

  private Reply create(Call c) {
    ObjectNode in = input(c, List.of("first_name", "last_name", "email"));
    ObjectNode doc;
    try {
      doc = store.create(c.tenant(), List.of(write(in))).get(0);
    } catch (ApiException.Invalid e) {
      throw CustomerV2.single(e);
    }
    ObjectNode full = store.get(c.tenant(), doc.get("id").asLong());
    return V2.created(c, CustomerV2.render(c, full), "/customers/" + doc.get("id").asLong());
  }

  private Reply update(Call c) {
    long id = c.id("customer_id");
    store.get(c.tenant(), id); // a missing customer is a 404 whatever the body
    ObjectNode in = input(c, List.of());
    in.put("id", id);
    try {
      store.update(c.tenant(), List.of(write(in)));
    } catch (ApiException.Invalid e) {
      throw CustomerV2.single(e);
    }
    return V2.one(CustomerV2.render(c, store.get(c.tenant(), id)));
  }

  private Reply delete(Call c) {
    store.deleteOne(c.tenant(), c.id("customer_id"));
    return Reply.noContent();
  }

  /** contract: customers.v2 DELETE /customers — "By default, it deletes all Customers". */
  private Reply deleteAll(Call c) {
    Filters.Where all = new Filters.Where("", List.of(), 0);
    long matched = store.page(c.tenant(), all, "id", new Paging(1, 1), java.util.Set.of()).total();
    if (scheduler.defers(c, matched)) {
      return scheduler.schedule(c, "customers.delete", c.basePath() + "/customers", matched);
    }
    store.delete(c.tenant(), all);
    return Reply.noContent();
  }

  /** customers.v2 — {@code {"success": true|false}}: does the password match the stored one. */
  private Reply validate(Call c) {
    long id = c.id("customer_id");
    String hash = store.passwordHash(c.tenant(), id);
    ObjectNode in = PASSWORD.check(c.json(), "", List.of("password"));
    String password = in.get("password").asText();
    // The same account as v3's validate-credentials: one throttle for both.
    String account = store.get(c.tenant(), id).get("email").asText().toLowerCase(Locale.ROOT);
    throttle.check(c.tenant().id(), account);
    boolean ok;
    if (hash.isEmpty()) {
      Passwords.waste(password);
      ok = false;
    } else {
      ok = Passwords.matches(password, hash);
    }
    throttle.record(c.tenant().id(), account, ok);
    return V2.one(Json.MAPPER.createObjectNode().put("success", ok));
  }

  // Addresses.

  private Reply addresses(Call c) {
    Paging paging = V2.paging(c);
    List<ObjectNode> out = new ArrayList<>();
    for (JsonNode a : addresses.ofCustomer(c.tenant(), c.id("customer_id"), paging)) {
      out.add(CustomerV2.renderAddress(a));
    }
    return V2.list(c, out);
  }

  private Reply countAddresses(Call c) {
    return V2.one(
        Json.MAPPER
            .createObjectNode()
            .put("count", addresses.count(c.tenant(), c.id("customer_id"))));
  }

  private Reply address(Call c) {
    return V2.one(
        CustomerV2.renderAddress(
            addresses.get(c.tenant(), c.id("customer_id"), c.id("customer_address_id"))));
  }

  private static ObjectNode addressInput(Call c, List<String> required) {
    ObjectNode in = CustomerV2.ADDRESS.check(c.json(), "", required);
    return CustomerV2.addressToV3(in);
  }

  private Reply createAddress(Call c) {
    long customer = c.id("customer_id");
    addresses.requireCustomer(c.tenant(), customer);
    ObjectNode doc =
        addresses.createOne(c.tenant(), customer, addressInput(c, CustomerV2.ADDRESS_REQUIRED));
    return V2.created(
        c,
        CustomerV2.renderAddress(doc),
        "/customers/" + customer + "/addresses/" + doc.get("id").asLong());
  }

  private Reply updateAddress(Call c) {
    long customer = c.id("customer_id");
    long id = c.id("customer_address_id");
    addresses.requireExists(c.tenant(), customer, id);
    ObjectNode doc = addresses.updateOne(c.tenant(), customer, id, addressInput(c, List.of()));
    return V2.one(CustomerV2.renderAddress(doc));
  }

  private Reply deleteAddress(Call c) {
    addresses.deleteOne(c.tenant(), c.id("customer_id"), c.id("customer_address_id"));
    return Reply.noContent();
  }

  /** Deletes all of the customer's addresses (customers.v2 DELETE .../addresses). */
  private Reply deleteAddresses(Call c) {
    addresses.deleteAll(c.tenant(), c.id("customer_id"));
    return Reply.noContent();
  }
}
