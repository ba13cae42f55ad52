package dev.stockroom.catalog.products.customfields;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.stockroom.api.Json;
import dev.stockroom.api.Schema;
import dev.stockroom.catalog.children.Child;
import dev.stockroom.catalog.children.Parent;

/** The custom field resource (catalog.v3 {@code productCustomField_Base}). */
public final class CustomField {
  // contract: catalog.v3 — 1..250 characters (the Help Center says 255; spec-digest §8 #24).
  static final Schema SCHEMA = Schema.of("id").string("name", 1, 250).string("value", 1, 250);

  public static final Child KIND =
      new Child(
              "custom_field",
              "Custom field",
              Parent.PRODUCT,
              "custom-fields",
              "custom_field_id",
              SCHEMA,
              (id, owner, input, now) -> {
                ObjectNode doc = Json.MAPPER.createObjectNode().put("id", id);
                doc.set("name", input.get("name"));
                doc.set("value", input.get("value"));
                return doc;
              })
          .sequence("custom_fields")
          .required("name", "value")
          .limit("custom_fields_per_product", "custom fields");

  private CustomField() {}
}
