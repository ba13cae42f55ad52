package dev.stockroom.customers;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.stockroom.api.ApiException;
import dev.stockroom.api.Call;
import dev.stockroom.api.Dates;
import dev.stockroom.api.Json;
import dev.stockroom.api.Schema;
import dev.stockroom.api.V2;
import java.math.BigDecimal;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The v2 form of customers and addresses (customers.v2 {@code customer_Full}, {@code
 * customerAddress_Full}), translated to and from the v3 documents both APIs share.
 */
final class CustomerV2 {
  static final Schema CUSTOMER =
      Schema.of(
              "id",
              "date_created",
              "date_modified",
              "accepts_marketing",
              "addresses",
              "form_fields",
              "reset_pass_on_login")
          .string("email", 3, 255)
          .string("first_name", 1, 100)
          .string("last_name", 1, 100)
          .string("company", 0, 255)
          .string("phone", 0, 50)
          .decimal("store_credit", 0, 1_000_000_000_000d)
          .string("registration_ip_address", 0, 30)
          .integer("customer_group_id", 0, Customer.INT32)
          .text("notes")
          .string("tax_exempt_category", 0, 255)
          .object(
              "_authentication",
              Schema.of()
                  .bool("force_reset")
                  .string("password", 1, 1024)
                  .string("password_confirmation", 0, 1024));

  static final List<String> ADDRESS_REQUIRED =
      List.of("first_name", "last_name", "street_1", "city", "state", "zip", "country", "phone");

  static final Schema ADDRESS =
      Schema.of("id", "customer_id", "country_iso2")
          .string("first_name", 1, 255)
          .string("last_name", 1, 255)
          .string("company", 0, 255)
          .string("street_1", 0, 255)
          .string("street_2", 0, 255)
          .string("city", 0, 100)
          .string("state", 0, 100)
          .string("zip", 0, 30)
          .string("country", 1, 100)
          .string("phone", 0, 50)
          .enumeration("address_type", "residential", "commercial");

  private static final List<String> SAME =
      List.of(
          "email",
          "first_name",
          "last_name",
          "company",
          "phone",
          "registration_ip_address",
          "customer_group_id",
          "notes",
          "tax_exempt_category");

  private CustomerV2() {}

  /** A checked v2 customer body as v3 input (the password is the v3 {@code new_password}). */
  static ObjectNode toV3(ObjectNode in) {
    ObjectNode out = Json.MAPPER.createObjectNode();
    for (String f : SAME) {
      if (in.has(f)) {
        out.set(f, in.get(f));
      }
    }
    if (in.has("store_credit")) {
      out.putArray("store_credit_amounts")
          .addObject()
          .put("amount", in.get("store_credit").asDouble());
    }
    JsonNode auth = in.path("_authentication");
    if (auth.isObject()) {
      if (auth.has("password_confirmation")
          && !auth.path("password_confirmation").asText().equals(auth.path("password").asText())) {
        throw ApiException.Invalid.field(
            "_authentication.password_confirmation", "does not match the password");
      }
      ObjectNode a = out.putObject("authentication");
      if (auth.has("force_reset")) {
        a.put("force_password_reset", auth.get("force_reset").asBoolean());
      }
      if (auth.has("password")) {
        a.put("new_password", auth.get("password").asText());
      }
    }
    return out;
  }

  /** The v2 customer of a v3 document (read with its store credit and form fields). */
  static ObjectNode render(Call c, JsonNode doc) {
    long id = doc.get("id").asLong();
    ObjectNode out = Json.MAPPER.createObjectNode();
    out.put("id", id);
    out.put("company", doc.path("company").asText());
    out.put("first_name", doc.path("first_name").asText());
    out.put("last_name", doc.path("last_name").asText());
    out.put("email", doc.path("email").asText());
    out.put("phone", doc.path("phone").asText());
    out.put("date_created", V2.date(Dates.parse(doc.path("date_created").asText())));
    out.put("date_modified", V2.date(Dates.parse(doc.path("date_modified").asText())));
    out.put("store_credit", V2.money(BigDecimal.valueOf(Customer.storeCredit(doc))));
    out.put("registration_ip_address", doc.path("registration_ip_address").asText());
    out.put("customer_group_id", doc.path("customer_group_id").asLong());
    out.put("notes", doc.path("notes").asText());
    out.put("tax_exempt_category", doc.path("tax_exempt_category").asText());
    out.put(
        "reset_pass_on_login", doc.path("authentication").path("force_password_reset").asBoolean());
    out.put(
        "accepts_marketing", doc.path("accepts_product_review_abandoned_cart_emails").asBoolean());
    out.set("addresses", V2.link(c, "/customers/" + id + "/addresses"));
    out.set(
        "form_fields",
        doc.has("form_fields") ? doc.get("form_fields") : Json.MAPPER.createArrayNode());
    return out;
  }

  /** A checked v2 address body as v3 input; an unknown country is a 422 naming it. */
  static ObjectNode addressToV3(ObjectNode in) {
    ObjectNode out = Json.MAPPER.createObjectNode();
    Map<String, String> names =
        Map.of(
            "street_1", "address1",
            "street_2", "address2",
            "state", "state_or_province",
            "zip", "postal_code");
    for (Map.Entry<String, JsonNode> e : in.properties()) {
      String k = e.getKey();
      if (k.equals("country")) {
        String code =
            Countries.code(e.getValue().asText())
                .orElseThrow(
                    () ->
                        ApiException.Invalid.field(
                            "country",
                            "must be a country's full English name, such as United States"));
        out.put("country_code", code);
      } else {
        out.set(names.getOrDefault(k, k), e.getValue());
      }
    }
    return out;
  }

  static ObjectNode renderAddress(JsonNode a) {
    ObjectNode out = Json.MAPPER.createObjectNode();
    out.put("id", a.path("id").asLong());
    out.put("customer_id", a.path("customer_id").asLong());
    out.put("first_name", a.path("first_name").asText());
    out.put("last_name", a.path("last_name").asText());
    out.put("company", a.path("company").asText());
    out.put("street_1", a.path("address1").asText());
    out.put("street_2", a.path("address2").asText());
    out.put("city", a.path("city").asText());
    out.put("state", a.path("state_or_province").asText());
    out.put("zip", a.path("postal_code").asText());
    out.put("country", a.path("country").asText());
    out.put("country_iso2", a.path("country_code").asText());
    out.put("phone", a.path("phone").asText());
    out.put("address_type", a.path("address_type").asText());
    return out;
  }

  /** Batch errors of a one-item write ("0.email") named as the v2 body's fields ("email"). */
  static ApiException.Invalid single(ApiException.Invalid e) {
    Map<String, String> errors = new LinkedHashMap<>();
    e.errors().forEach((k, v) -> errors.put(k.startsWith("0.") ? k.substring(2) : k, v));
    return new ApiException.Invalid(
        java.util.Objects.requireNonNullElse(e.getMessage(), "JSON data is missing or invalid"),
        errors);
  }
}
