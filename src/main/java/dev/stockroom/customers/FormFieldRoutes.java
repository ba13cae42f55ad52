package dev.stockroom.customers;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.stockroom.api.ApiException;
import dev.stockroom.api.Batch;
import dev.stockroom.api.Call;
import dev.stockroom.api.Envelope;
import dev.stockroom.api.Fields;
import dev.stockroom.api.Filters;
import dev.stockroom.api.Paging;
import dev.stockroom.api.Reply;
import dev.stockroom.api.Router;
import dev.stockroom.api.Routes;
import dev.stockroom.api.Schema;
import dev.stockroom.api.Status;
import dev.stockroom.db.Docs;
import dev.stockroom.tenancy.Scopes;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * {@code /v3/customers/form-field-values}: list and upsert the form field values of customers and
 * of addresses (at most {@value CustomerRoutes#BATCH_LIMIT} per call).
 */
final class FormFieldRoutes implements Routes {
  private static final String VALUES = CustomerRoutes.CUSTOMERS + "/form-field-values";

  private static final Schema ITEM =
      Schema.of()
          .string("name", 1, 255)
          .integer("customer_id", 1, Customer.INT32)
          .integer("address_id", 1, Customer.INT32);

  static final Filters LIST =
      new Filters()
          .integer("customer_id", "customer_id", EnumSet.of(Filters.Op.EQ))
          .integer("address_id", "address_id", EnumSet.of(Filters.Op.EQ))
          .text("field_name", "name", EnumSet.of(Filters.Op.EQ))
          .choice("field_type", "field_type", "string", "number", "array");

  private final FormFieldStore store;

  FormFieldRoutes(FormFieldStore store) {
    this.store = store;
  }

  @Override
  public void register(Router r) {
    r.add("GET", VALUES, Scopes.CUSTOMERS, this::list)
        .add("PUT", VALUES, Scopes.CUSTOMERS, this::upsert);
  }

  private Reply list(Call c) {
    Paging paging = Paging.of(c.query());
    Docs.Page page = store.page(c.tenant(), LIST.parse(c.query()), paging);
    return Reply.json(
        Status.OK, Envelope.docs(page.docs(), page.total(), paging, c.query(), Fields.ALL));
  }

  private Reply upsert(Call c) {
    JsonNode body = c.json();
    Batch.check(body, CustomerRoutes.BATCH_LIMIT, "form field values");
    Map<String, String> errors = new LinkedHashMap<>();
    List<ObjectNode> items = new ArrayList<>();
    for (int i = 0; i < body.size(); i++) {
      String prefix = i + ".";
      JsonNode item = body.get(i);
      JsonNode value = item.get("value");
      ObjectNode rest = item.isObject() ? ((ObjectNode) item).deepCopy() : null;
      if (rest != null) {
        rest.remove("value");
      }
      ObjectNode in = ITEM.collect(rest == null ? item : rest, prefix, List.of("name"), errors);
      if (item.isObject()) {
        if (value == null || !(cleanText(value) || finite(value) || textArray(value))) {
          errors.put(prefix + "value", "is required: a string, a number or an array of strings");
        } else {
          in.set("value", value.isNumber() ? in.numberNode(value.doubleValue()) : value);
        }
        if (item.has("customer_id") == item.has("address_id")) {
          errors.putIfAbsent(prefix + "customer_id", "give either customer_id or address_id");
        }
      }
      items.add(in);
    }
    if (!errors.isEmpty()) {
      throw new ApiException.Invalid("JSON data is missing or invalid", errors);
    }
    return Reply.ok(Envelope.batch(store.upsert(c.tenant(), items)));
  }

  private static boolean textArray(JsonNode v) {
    if (!v.isArray()) {
      return false;
    }
    for (JsonNode s : v) {
      if (!cleanText(s)) {
        return false;
      }
    }
    return true;
  }

  /** A string both databases store faithfully: no NUL, no lone surrogate, at most 64 KiB. */
  private static boolean cleanText(JsonNode v) {
    if (!v.isTextual()) {
      return false;
    }
    String s = v.textValue();
    return s.length() <= 65_535
        && s.indexOf('\0') < 0
        && s.equals(new String(s.getBytes(StandardCharsets.UTF_8), StandardCharsets.UTF_8));
  }

  private static boolean finite(JsonNode v) {
    return v.isNumber() && v.decimalValue().abs().compareTo(java.math.BigDecimal.valueOf(1e15)) < 0;
  }
}
