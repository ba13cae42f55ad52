package dev.stockroom.customers;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.stockroom.api.ApiException;
import dev.stockroom.api.Call;
import dev.stockroom.api.Dates;
import dev.stockroom.api.Envelope;
import dev.stockroom.api.Json;
import dev.stockroom.api.Reply;
import dev.stockroom.api.Router;
import dev.stockroom.api.Routes;
import dev.stockroom.api.Schema;
import dev.stockroom.api.Status;
import dev.stockroom.tenancy.Scopes;
import java.time.Clock;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Customer settings (store-wide and per channel: stored as given), a customer's cookie consent and
 * stored payment instruments (Stockroom stores none: always an empty list).
 */
final class SettingsRoutes implements Routes {
  private static final String SETTINGS = CustomerRoutes.CUSTOMERS + "/settings";
  private static final String CHANNEL = SETTINGS + "/channels/{channel_id}";
  private static final String CUSTOMER = CustomerRoutes.CUSTOMERS + "/{customer_id}";

  /**
   * A Stockroom store has one channel, the default storefront (GET /v2/store default_channel_id).
   */
  static final long CHANNEL_ID = 1;

  private static final Set<String> CONSENT =
      Set.of("essential", "functional", "analytics", "targeting");

  private static final Schema GLOBAL = settings(Schema.of());
  private static final Schema PER_CHANNEL = settings(Schema.of()).bool("allow_global_logins");
  private static final Schema CONSENT_SCHEMA =
      Schema.of("updated_at").stringArray("allow").stringArray("deny");

  private final SettingsStore store;
  private final Clock clock;

  SettingsRoutes(SettingsStore store, Clock clock) {
    this.store = store;
    this.clock = clock;
  }

  private static Schema settings(Schema s) {
    return s.object(
            "privacy_settings",
            Schema.of().bool("ask_shopper_for_tracking_consent").string("policy_url", 0, 2048))
        .object(
            "customer_group_settings",
            Schema.of()
                .integer("guest_customer_group_id", 0, Customer.INT32)
                .integer("default_customer_group_id", 0, Customer.INT32));
  }

  @Override
  public void register(Router r) {
    r.add("GET", SETTINGS, Scopes.CUSTOMERS, this::getGlobal)
        .add("PUT", SETTINGS, Scopes.CUSTOMERS, this::putGlobal)
        .add("GET", CHANNEL, Scopes.CUSTOMERS, this::getChannel)
        .add("PUT", CHANNEL, Scopes.CUSTOMERS, this::putChannel)
        .add("GET", CUSTOMER + "/consent", Scopes.CUSTOMERS, this::getConsent)
        .add("PUT", CUSTOMER + "/consent", Scopes.CUSTOMERS, this::putConsent)
        .add("GET", CUSTOMER + "/stored-instruments", Scopes.CUSTOMERS, this::instruments);
  }

  private static ObjectNode defaults(boolean channel) {
    ObjectNode d = Json.MAPPER.createObjectNode();
    ObjectNode p = d.putObject("privacy_settings");
    p.put("ask_shopper_for_tracking_consent", false);
    p.put("policy_url", "");
    ObjectNode g = d.putObject("customer_group_settings");
    g.put("guest_customer_group_id", 0);
    g.put("default_customer_group_id", 0);
    if (channel) {
      d.put("allow_global_logins", true);
    }
    return d;
  }

  /**
   * The hosted API answers settings inside {@code {data, meta}} (client libraries read {@code
   * data}), although the 2021 spec's schema shows the bare object.
   */
  private Reply settings(Call c, long channel) {
    ObjectNode doc = store.settings(c.tenant(), channel).orElse(defaults(channel != 0));
    return Reply.ok(Envelope.single(doc));
  }

  private Reply save(Call c, long channel, Schema schema) {
    ObjectNode in = schema.check(c.json(), "", List.of());
    ObjectNode doc = store.settings(c.tenant(), channel).orElse(defaults(channel != 0));
    Schema.merge(doc, in);
    store.saveSettings(c.tenant(), channel, doc);
    return Reply.ok(Envelope.single(doc));
  }

  private Reply getGlobal(Call c) {
    return settings(c, 0);
  }

  private Reply putGlobal(Call c) {
    return save(c, 0, GLOBAL);
  }

  private static long channel(Call c) {
    long id = c.id("channel_id");
    if (id != CHANNEL_ID) {
      throw new ApiException.NotFound("Channel " + id + " not found.");
    }
    return id;
  }

  private Reply getChannel(Call c) {
    return settings(c, channel(c));
  }

  private Reply putChannel(Call c) {
    return save(c, channel(c), PER_CHANNEL);
  }

  private Reply getConsent(Call c) {
    ObjectNode doc =
        store
            .consent(c.tenant(), c.id("customer_id"))
            .orElseGet(
                () -> {
                  ObjectNode d = Json.MAPPER.createObjectNode();
                  d.putArray("allow");
                  d.putArray("deny");
                  d.putNull("updated_at");
                  return d;
                });
    return Reply.json(Status.OK, Json.write(doc));
  }

  /** contract: customers.v3 consent_Full — categories from one enum, each allowed or denied. */
  private Reply putConsent(Call c) {
    long customer = c.id("customer_id");
    store.requireCustomer(c.tenant(), customer);
    ObjectNode in = CONSENT_SCHEMA.check(c.json(), "", List.of());
    Map<String, String> errors = new LinkedHashMap<>();
    Set<String> allow = categories(in.path("allow"), "allow", errors);
    Set<String> deny = categories(in.path("deny"), "deny", errors);
    for (String a : allow) {
      if (deny.contains(a)) {
        errors.put("deny", "'" + a + "' is both allowed and denied");
      }
    }
    if (!errors.isEmpty()) {
      throw new ApiException.Invalid("JSON data is missing or invalid", errors);
    }
    ObjectNode doc = Json.MAPPER.createObjectNode();
    ArrayNode a = doc.putArray("allow");
    allow.forEach(a::add);
    ArrayNode d = doc.putArray("deny");
    deny.forEach(d::add);
    doc.put("updated_at", Dates.v3(clock.millis()));
    store.saveConsent(c.tenant(), customer, doc);
    return Reply.json(Status.OK, Json.write(doc));
  }

  private static Set<String> categories(JsonNode list, String field, Map<String, String> errors) {
    Set<String> out = new LinkedHashSet<>();
    for (JsonNode v : list) {
      if (!CONSENT.contains(v.asText())) {
        errors.put(field, "items must be among: analytics, essential, functional, targeting");
      } else {
        out.add(v.asText());
      }
    }
    return out;
  }

  /** Stockroom stores no payment instruments: a customer's list is always empty. */
  private Reply instruments(Call c) {
    store.requireCustomer(c.tenant(), c.id("customer_id"));
    return Reply.json(Status.OK, "[]");
  }
}
