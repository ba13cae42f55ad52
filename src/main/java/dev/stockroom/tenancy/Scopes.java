package dev.stockroom.tenancy;

import java.util.Collection;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import org.jspecify.annotations.Nullable;

/** BigCommerce's OAuth scope names (spec-digest §6), with their {@code _read_only} twins. */
public final class Scopes {
  public static final String PRODUCTS = "store_v2_products";
  public static final String INFORMATION = "store_v2_information";
  public static final String ORDERS = "store_v2_orders";
  public static final String CUSTOMERS = "store_v2_customers";
  public static final String DEFAULT = "default";

  private static final List<String> MODIFY_WITH_READ_ONLY =
      List.of(
          "store_v2_products",
          "store_v2_orders",
          "store_v2_transactions",
          "store_v2_customers",
          "store_v2_information",
          "store_v2_content",
          "store_content_checkout",
          "store_v2_marketing",
          "store_cart",
          "store_checkout",
          "store_sites",
          "store_channel_settings",
          "store_channel_listings");

  private static final Set<String> KNOWN = known();

  private Scopes() {}

  private static Set<String> known() {
    Set<String> s = new LinkedHashSet<>();
    for (String m : MODIFY_WITH_READ_ONLY) {
      s.add(m);
      s.add(m + "_read_only");
    }
    // Themes name their twins differently.
    s.add("store_themes_manage");
    s.add("store_themes_read_only");
    s.addAll(
        List.of(
            "store_v2_customers_login",
            "store_payments_access_token_create",
            "store_payments_methods_read",
            "store_storefront_api",
            "store_storefront_api_customer_impersonation",
            DEFAULT));
    return Set.copyOf(s);
  }

  public static Set<String> all() {
    return KNOWN;
  }

  public static boolean isKnown(String scope) {
    return KNOWN.contains(scope);
  }

  /**
   * Whether {@code granted} allows {@code method} on a route gated by {@code scope}: the modify
   * scope allows every method, its read-only twin GET and HEAD only.
   */
  public static boolean allows(Collection<String> granted, @Nullable String scope, String method) {
    if (scope == null || granted.contains(scope)) {
      return true;
    }
    boolean read = method.equals("GET") || method.equals("HEAD");
    return read && granted.contains(readOnlyOf(scope));
  }

  static String readOnlyOf(String scope) {
    return scope.equals("store_themes_manage") ? "store_themes_read_only" : scope + "_read_only";
  }
}
