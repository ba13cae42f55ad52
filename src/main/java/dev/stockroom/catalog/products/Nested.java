package dev.stockroom.catalog.products;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.stockroom.tenancy.Tenant;
import java.util.Map;
import org.jdbi.v3.core.Handle;

/**
 * A sub-resource that a product POST or PUT may carry ({@code product_Base}: {@code custom_fields},
 * {@code bulk_pricing_rules}, {@code images}, {@code videos}), served by another feature: checked
 * with the product, created in the product's transaction (all or nothing).
 *
 * @param field the product field that carries a list of them
 */
public record Nested(String field, Check check, Create create) {
  /** Checks one item; problems go to {@code errors} under {@code prefix} ("custom_fields.0."). */
  @FunctionalInterface
  public interface Check {
    ObjectNode check(JsonNode item, String prefix, Map<String, String> errors);
  }

  /** Creates one checked item on product {@code productId}, in the caller's transaction. */
  @FunctionalInterface
  public interface Create {
    void create(Handle h, Tenant t, String client, long productId, ObjectNode item, long now);
  }
}
