package dev.stockroom.catalog.products.bulkpricing;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.stockroom.api.ApiException;
import dev.stockroom.api.Json;
import dev.stockroom.api.Schema;
import dev.stockroom.catalog.children.Child;
import dev.stockroom.catalog.children.ChildStore;
import dev.stockroom.catalog.children.Owner;
import dev.stockroom.catalog.children.Parent;
import java.util.Map;
import org.jdbi.v3.core.Handle;

/**
 * The bulk pricing rule resource (catalog.v3 {@code bulkPricingRule_Full}). contract: {@code
 * quantity_max} 0 means no upper bound, otherwise it must be greater than {@code quantity_min};
 * {@code amount} is typed integer but a percent is sent as {@code ".10"}, so numbers and numeric
 * strings are accepted and a number is returned (spec-digest §8 #32); ranges that overlap another
 * rule of the product are a 409 (§8 #7).
 */
public final class BulkPricingRule {
  static final Schema SCHEMA =
      Schema.of("id")
          .integer("quantity_min", 0, Integer.MAX_VALUE)
          .integer("quantity_max", 0, Integer.MAX_VALUE)
          .enumeration("type", "price", "percent", "fixed")
          .decimal("amount", 0, 1e13);

  public static final Child KIND =
      new Child(
              "bulk_pricing_rule",
              "Bulk pricing rule",
              Parent.PRODUCT,
              "bulk-pricing-rules",
              "bulk_pricing_rule_id",
              SCHEMA,
              BulkPricingRule::create)
          .sequence("bulk_pricing_rules")
          .required("quantity_min", "quantity_max", "type", "amount")
          .limit("bulk_pricing_rules_per_product", "bulk pricing rules")
          .hook(BulkPricingRule::check);

  private BulkPricingRule() {}

  private static ObjectNode create(long id, Owner owner, ObjectNode input, String now) {
    ObjectNode doc = Json.MAPPER.createObjectNode().put("id", id);
    for (String f : new String[] {"quantity_min", "quantity_max", "type", "amount"}) {
      doc.set(f, input.get(f));
    }
    return doc;
  }

  private static void check(Handle h, Child.Change change) {
    ObjectNode rule = change.after();
    if (rule == null) {
      return;
    }
    long min = rule.path("quantity_min").asLong();
    long max = rule.path("quantity_max").asLong();
    if (max != 0 && max <= min) {
      throw ApiException.Invalid.field(
          "quantity_max",
          "must be greater than quantity_min (" + min + "), or 0 for no upper bound");
    }
    for (ObjectNode other :
        ChildStore.siblings(h, change.storeId(), KIND.kind(), change.owner().id())) {
      long otherMin = other.path("quantity_min").asLong();
      long otherMax = other.path("quantity_max").asLong();
      if (other.path("id").asLong() != rule.path("id").asLong()
          && min <= upper(otherMax)
          && otherMin <= upper(max)) {
        String range = otherMin + (otherMax == 0 ? " and up" : " to " + otherMax);
        throw new ApiException.Conflict(
            "The quantity range overlaps bulk pricing rule "
                + other.path("id").asLong()
                + " of the product (quantities "
                + range
                + "); the ranges of a product's rules must not overlap.",
            Map.of(
                "quantity_min",
                "overlaps bulk pricing rule " + other.path("id").asLong() + " (" + range + ")"));
      }
    }
  }

  private static long upper(long max) {
    return max == 0 ? Long.MAX_VALUE : max;
  }
}
