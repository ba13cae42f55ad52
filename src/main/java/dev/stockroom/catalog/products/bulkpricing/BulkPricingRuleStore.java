package dev.stockroom.catalog.products.bulkpricing;

import dev.stockroom.catalog.children.ChildStore;
import java.util.List;
import java.util.Map;
import org.jdbi.v3.core.Handle;

/** Reads of bulk pricing rules for other features (the SQL is {@link ChildStore}'s). */
public final class BulkPricingRuleStore {
  private BulkPricingRuleStore() {}

  /** Each product's bulk pricing rules, in id order ({@code include=bulk_pricing_rules}). */
  public static Map<Long, List<byte[]>> forProducts(Handle h, long storeId, List<Long> productIds) {
    return ChildStore.forOwners(h, storeId, BulkPricingRule.KIND.kind(), productIds);
  }
}
