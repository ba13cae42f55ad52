package dev.stockroom.customers;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.stockroom.api.Dates;
import dev.stockroom.api.Filters;
import dev.stockroom.api.Json;
import dev.stockroom.api.Schema;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;

/**
 * The customer resource (customers.v3 {@code customer_Full}): writable fields, the stored document
 * and its defaults. Passwords never enter the document; addresses and attribute values live in
 * their own tables and are only read into it by {@code include}.
 */
final class Customer {
  static final int INT32 = Integer.MAX_VALUE;
  static final int MAX_ADDRESSES = 10; // contract: customers.v3 customer_Post.addresses maxItems
  static final int MAX_ATTRIBUTES = 10; // contract: customers.v3 customer_Post.attributes maxItems
  static final List<String> ADDRESS_REQUIRED =
      List.of(
          "first_name",
          "last_name",
          "address1",
          "city",
          "state_or_province",
          "postal_code",
          "country_code");
  private static final Pattern EMAIL = Pattern.compile("[^@\\s]+@[^@\\s]+");

  static final Schema ADDRESS = addressFields(Schema.of("id", "country", "form_fields"));
  static final Schema ADDRESS_POST =
      addressFields(Schema.of("id", "country", "form_fields")).integer("customer_id", 1, INT32);
  static final Schema ADDRESS_PUT =
      addressFields(Schema.of("country", "form_fields"))
          .integer("customer_id", 1, INT32)
          .integer("id", 1, INT32);

  static final Schema ATTRIBUTE_VALUE =
      Schema.of("id", "customer_id", "date_created", "date_modified")
          .integer("attribute_id", 1, INT32)
          .string("attribute_value", 0, 255)
          .string("value", 0, 255);

  static final Schema POST =
      common(
              Schema.of(
                  "id",
                  "date_created",
                  "date_modified",
                  "address_count",
                  "attribute_count",
                  "form_fields"))
          .integer("origin_channel_id", 1, INT32)
          .objectArray("addresses", ADDRESS, MAX_ADDRESSES)
          .objectArray("attributes", ATTRIBUTE_VALUE, MAX_ATTRIBUTES);

  // contract: customers.v3 PUT /customers — "Subresource updates are not supported".
  static final Schema PUT =
      common(
              Schema.of(
                  "date_created",
                  "date_modified",
                  "address_count",
                  "attribute_count",
                  "form_fields",
                  "origin_channel_id"))
          .integer("id", 1, INT32);

  private Customer() {}

  private static Schema addressFields(Schema s) {
    return s.string("first_name", 1, 255)
        .string("last_name", 1, 255)
        .string("company", 0, 255)
        .string("address1", 0, 255)
        .string("address2", 0, 255)
        .string("city", 0, 100)
        .string("state_or_province", 0, 100)
        .string("postal_code", 0, 30)
        .string("country_code", 2, 2)
        .string("phone", 0, 50)
        .enumeration("address_type", "residential", "commercial");
  }

  private static Schema common(Schema s) {
    return s.string("email", 3, 255)
        .string("first_name", 1, 100)
        .string("last_name", 1, 100)
        .string("company", 0, 255)
        .string("phone", 0, 50)
        .string("registration_ip_address", 0, 30)
        .text("notes")
        .string("tax_exempt_category", 0, 255)
        .integer("customer_group_id", 0, INT32)
        .object(
            "authentication",
            Schema.of().bool("force_password_reset").string("new_password", 1, 1024))
        .bool("accepts_product_review_abandoned_cart_emails")
        .objectArray(
            "store_credit_amounts", Schema.of().number("amount", 0, 1_000_000_000_000d), 10)
        .intArray("channel_ids", 100, 1);
  }

  /** Field checks the schema cannot express: the email's shape, store credit amounts. */
  static void checkMore(ObjectNode in, String prefix, Map<String, String> errors) {
    if (in.has("email") && !EMAIL.matcher(in.get("email").asText()).matches()) {
      errors.putIfAbsent(prefix + "email", "must be a valid email address");
    }
    JsonNode credits = in.path("store_credit_amounts");
    for (int i = 0; i < credits.size(); i++) {
      if (!credits.get(i).has("amount")) {
        errors.putIfAbsent(prefix + "store_credit_amounts." + i + ".amount", "is required");
      }
    }
  }

  /** Address checks the schema cannot express: a known country code. */
  static void checkAddress(JsonNode in, String prefix, Map<String, String> errors) {
    JsonNode code = in.get("country_code");
    if (code != null && code.isTextual() && Countries.name(code.asText()).isEmpty()) {
      errors.putIfAbsent(prefix + "country_code", "must be an ISO 3166 alpha-2 country code");
    }
  }

  /** A new customer document: the spec's fields with their defaults, then the input over them. */
  static ObjectNode create(long id, ObjectNode input, long now) {
    ObjectNode doc = Json.MAPPER.createObjectNode();
    doc.put("id", id);
    doc.put("email", "");
    doc.put("first_name", "");
    doc.put("last_name", "");
    doc.put("company", "");
    doc.put("phone", "");
    doc.put("registration_ip_address", "");
    doc.put("notes", "");
    doc.put("tax_exempt_category", "");
    doc.put("customer_group_id", 0);
    doc.put("date_created", Dates.v3(now));
    doc.put("date_modified", Dates.v3(now));
    doc.put("address_count", 0);
    doc.put("attribute_count", 0);
    doc.putObject("authentication").put("force_password_reset", false);
    doc.put("accepts_product_review_abandoned_cart_emails", false);
    doc.putArray("store_credit_amounts").addObject().put("amount", 0.0);
    doc.put("origin_channel_id", 1);
    doc.putArray("channel_ids").add(1);
    merge(doc, input);
    return doc;
  }

  /** Applies checked input to a document: never the password, nor sub-resources. */
  static void merge(ObjectNode doc, ObjectNode input) {
    ObjectNode in = input.deepCopy();
    in.remove(List.of("addresses", "attributes", "id"));
    if (in.get("authentication") instanceof ObjectNode auth) {
      auth.remove("new_password");
    }
    Schema.merge(doc, in);
  }

  /** The new password of a checked input, or null. */
  static @org.jspecify.annotations.Nullable String newPassword(JsonNode input) {
    JsonNode p = input.path("authentication").get("new_password");
    return p == null ? null : p.asText();
  }

  /**
   * A filter value both databases can compare: no NUL, no lone surrogate (PostgreSQL refuses them);
   * otherwise an {@link IllegalArgumentException} that {@code Filters} turns into a 422.
   */
  static String filterText(String v) {
    if (v.indexOf('\0') >= 0
        || !v.equals(new String(v.getBytes(StandardCharsets.UTF_8), StandardCharsets.UTF_8))) {
      throw new IllegalArgumentException("must not contain NUL characters or unpaired surrogates");
    }
    return v;
  }

  /**
   * A date filter at the precision dates are served with (whole seconds): {@code :max} and {@code
   * =} take in the whole second they name, so a client filtering by a date it read finds that row.
   */
  static Filters.Custom seconds(String column) {
    return (op, values, binds) -> {
      long at;
      try {
        at = Math.floorDiv(Dates.parse(values.get(0)), 1000L) * 1000L;
      } catch (IllegalArgumentException e) {
        throw new IllegalArgumentException("must be an ISO 8601 date, date-time or Unix timestamp");
      }
      return switch (op) {
        case MIN -> {
          binds.add(at);
          yield column + " >= ?";
        }
        case MAX -> {
          binds.add(at + 999);
          yield column + " <= ?";
        }
        default -> {
          binds.add(at);
          binds.add(at + 999);
          yield column + " BETWEEN ? AND ?";
        }
      };
    };
  }

  /** The customer's store credit: the sum of its amounts. */
  static double storeCredit(JsonNode doc) {
    double sum = 0;
    for (JsonNode a : doc.path("store_credit_amounts")) {
      sum += a.path("amount").asDouble();
    }
    return sum;
  }
}
