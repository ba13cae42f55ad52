package dev.stockroom.store;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.stockroom.api.Call;
import dev.stockroom.api.Json;
import dev.stockroom.api.Reply;
import dev.stockroom.api.Router;
import dev.stockroom.api.Routes;
import dev.stockroom.tenancy.Scopes;
import dev.stockroom.tenancy.Tenant;
import java.time.Clock;

/** contract: store_information.v2 — bare objects; field spellings follow the spec's example. */
public final class StoreInfoRoutes implements Routes {
  private final Clock clock;

  public StoreInfoRoutes(Clock clock) {
    this.clock = clock;
  }

  @Override
  public void register(Router r) {
    r.add("GET", "/stores/{store_hash}/v2/store", Scopes.INFORMATION, this::store);
    r.add("GET", "/stores/{store_hash}/v2/time", Scopes.INFORMATION, this::time);
  }

  private Reply time(Call c) {
    return Reply.ok(Json.MAPPER.createObjectNode().put("time", clock.millis() / 1000));
  }

  private Reply store(Call c) {
    Tenant t = c.tenant();
    ObjectNode s = Json.MAPPER.createObjectNode();
    String domain = t.hash() + ".stockroom.local";
    s.put("id", t.hash());
    s.put("domain", domain);
    s.put("secure_URL", "https://" + domain);
    s.put("secure_url", "https://" + domain);
    s.put("control_panel_base_url", "https://" + domain + "/manage");
    s.put("status", t.status());
    s.put("name", t.name());
    s.put("first_name", "");
    s.put("last_name", "");
    s.put("address", "");
    s.put("country", "United States");
    s.put("country_code", "US");
    s.put("phone", "");
    s.put("admin_email", "");
    s.put("order_email", "");
    s.put("favicon_url", "");
    ObjectNode tz = s.putObject("timezone");
    tz.put("name", "Etc/UTC");
    tz.put("raw_offset", 0);
    tz.put("dst_offset", 0);
    tz.put("dst_correction", false);
    ObjectNode fmt = tz.putObject("date_format");
    fmt.put("display", "M jS Y");
    fmt.put("export", "M jS Y");
    fmt.put("extended_display", "M jS Y @ g:i A");
    s.put("language", "en");
    s.put("currency", "USD");
    s.put("currency_symbol", "$");
    s.put("decimal_separator", ".");
    s.put("thousands_separator", ",");
    s.put("decimal_places", 2);
    s.put("currency_symbol_location", "left");
    s.put("weight_units", "Ounces");
    s.put("dimension_units", "Inches");
    s.put("dimension_decimal_places", 2);
    s.put("dimension_decimal_token", ".");
    s.put("dimension_thousands_token", ",");
    s.put("plan_name", planName(t));
    s.put("plan_level", planName(t));
    s.put("plan_is_trial", false);
    s.put("industry", "");
    s.putObject("logo").put("url", "");
    s.put("is_price_entered_with_tax", false);
    s.put("store_id", t.id());
    s.put("default_channel_id", 1);
    s.put("default_site_id", 1000);
    s.putArray("active_comparison_modules");
    ObjectNode f = s.putObject("features");
    f.put("stencil_enabled", true);
    f.put("sitewidehttps_enabled", false);
    f.put("facebook_catalog_id", "");
    f.put("checkout_type", "optimized");
    f.put("wishlists_enabled", false);
    f.put("graphql_storefront_api_enabled", false);
    return Reply.ok(s);
  }

  private static String planName(Tenant t) {
    String p = t.plan().label();
    return Character.toUpperCase(p.charAt(0)) + p.substring(1);
  }
}
