package dev.stockroom.api;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.math.BigDecimal;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.jspecify.annotations.Nullable;

/**
 * The writable fields of a resource, with the spec's types and limits. {@link #check} collects
 * every bad field of a body into one 422 whose keys are the field paths ({@code name}, {@code
 * 0.id}, {@code custom_url.url}). Read-only fields that clients echo back are accepted and dropped;
 * unknown fields are rejected so that a typo never passes silently.
 */
public final class Schema {
  enum Kind {
    STRING,
    INT,
    NUMBER,
    BOOL,
    ENUM,
    INT_ARRAY,
    STRING_ARRAY,
    OBJECT,
    OBJECT_ARRAY,
    FREE_OBJECT,
    DATE,
    DECIMAL
  }

  record Field(
      String name,
      Kind kind,
      BigDecimal min,
      BigDecimal max,
      Set<String> values,
      boolean nullable,
      @Nullable Schema nested) {}

  private final Map<String, Field> fields = new LinkedHashMap<>();
  private final Set<String> readOnly;
  private @Nullable Field last;

  private Schema(Set<String> readOnly) {
    this.readOnly = readOnly;
  }

  public static Schema of(String... readOnlyFields) {
    return new Schema(Set.of(readOnlyFields));
  }

  public Schema string(String name, int minLen, int maxLen) {
    return add(new Field(name, Kind.STRING, dec(minLen), dec(maxLen), Set.of(), false, null));
  }

  public Schema text(String name) {
    return string(name, 0, 16_777_215);
  }

  public Schema integer(String name, long min, long max) {
    return add(new Field(name, Kind.INT, dec(min), dec(max), Set.of(), false, null));
  }

  public Schema number(String name, double min, double max) {
    return numeric(name, Kind.NUMBER, min, max);
  }

  private Schema numeric(String name, Kind kind, double min, double max) {
    return add(
        new Field(
            name, kind, BigDecimal.valueOf(min), BigDecimal.valueOf(max), Set.of(), false, null));
  }

  public Schema bool(String name) {
    return add(new Field(name, Kind.BOOL, BigDecimal.ZERO, BigDecimal.ZERO, Set.of(), false, null));
  }

  public Schema enumeration(String name, String... values) {
    return add(
        new Field(name, Kind.ENUM, BigDecimal.ZERO, BigDecimal.ZERO, Set.of(values), false, null));
  }

  public Schema intArray(String name, int maxItems, long minItem) {
    return add(new Field(name, Kind.INT_ARRAY, dec(minItem), dec(maxItems), Set.of(), false, null));
  }

  public Schema stringArray(String name) {
    return add(
        new Field(
            name, Kind.STRING_ARRAY, BigDecimal.ZERO, BigDecimal.ZERO, Set.of(), false, null));
  }

  public Schema object(String name, Schema nested) {
    return add(
        new Field(name, Kind.OBJECT, BigDecimal.ZERO, BigDecimal.ZERO, Set.of(), false, nested));
  }

  public Schema nullableDate(String name) {
    return add(new Field(name, Kind.DATE, BigDecimal.ZERO, BigDecimal.ZERO, Set.of(), true, null));
  }

  /** An array of objects, each checked by {@code item}. */
  public Schema objectArray(String name, Schema item, int maxItems) {
    return add(
        new Field(name, Kind.OBJECT_ARRAY, BigDecimal.ZERO, dec(maxItems), Set.of(), false, item));
  }

  /** A JSON object kept as given (for example an option value's {@code value_data}). */
  public Schema freeObject(String name) {
    return add(
        new Field(name, Kind.FREE_OBJECT, BigDecimal.ZERO, BigDecimal.ZERO, Set.of(), false, null));
  }

  /** Makes the field added last accept {@code null} (the spec's {@code x-nullable}). */
  public Schema nullable() {
    Field f = java.util.Objects.requireNonNull(last, "nullable() follows a field");
    return add(new Field(f.name(), f.kind(), f.min(), f.max(), f.values(), true, f.nested()));
  }

  public Schema date(String name) {
    return add(new Field(name, Kind.DATE, BigDecimal.ZERO, BigDecimal.ZERO, Set.of(), false, null));
  }

  /**
   * A number that clients may also send as a string holding one ({@code ".10"}); whole values are
   * kept whole ({@code 10}, not {@code 10.0}).
   */
  public Schema decimal(String name, double min, double max) {
    return numeric(name, Kind.DECIMAL, min, max);
  }

  private Schema add(Field f) {
    fields.put(f.name(), f);
    last = f;
    return this;
  }

  private static BigDecimal dec(long v) {
    return BigDecimal.valueOf(v);
  }

  public boolean knows(String field) {
    return fields.containsKey(field);
  }

  /**
   * Returns a copy of {@code body} with only writable fields, normalised (integers as longs,
   * numbers as doubles), or throws {@link ApiException.Invalid} naming every bad field.
   *
   * @param prefix the path prefix of every error key ("" or "3.")
   * @param required fields that must be present (POST)
   */
  public ObjectNode check(JsonNode body, String prefix, List<String> required) {
    Map<String, String> errors = new LinkedHashMap<>();
    ObjectNode clean = collect(body, prefix, required, errors);
    if (!errors.isEmpty()) {
      throw new ApiException.Invalid("JSON data is missing or invalid", errors);
    }
    return clean;
  }

  /** Like {@link #check} but adds to {@code errors} instead of throwing (batches). */
  public ObjectNode collect(
      JsonNode body, String prefix, List<String> required, Map<String, String> errors) {
    ObjectNode clean = Json.MAPPER.createObjectNode();
    if (!body.isObject()) {
      errors.put(
          prefix.isEmpty() ? "body" : prefix.substring(0, prefix.length() - 1),
          "must be a JSON object");
      return clean;
    }
    for (String name : required) {
      JsonNode v = body.get(name);
      if (v == null || v.isNull()) {
        errors.put(prefix + name, "is required");
      }
    }
    for (Map.Entry<String, JsonNode> e : body.properties()) {
      String path = prefix + e.getKey();
      Field f = fields.get(e.getKey());
      if (f == null) {
        if (!readOnly.contains(e.getKey())) {
          errors.put(path, "is not a field of this resource");
        }
        continue;
      }
      JsonNode v = e.getValue();
      if (v.isNull()) {
        if (f.nullable()) {
          clean.putNull(f.name());
        } else if (!errors.containsKey(path)) {
          errors.put(path, "must not be null");
        }
        continue;
      }
      String problem = checkValue(f, v, path, clean, errors);
      if (problem != null) {
        errors.put(path, problem);
      }
    }
    return clean;
  }

  private @Nullable String checkValue(
      Field f, JsonNode v, String path, ObjectNode clean, Map<String, String> errors) {
    switch (f.kind()) {
      case STRING -> {
        if (!v.isTextual()) {
          return "must be a string";
        }
        String s = v.textValue();
        String bad = badText(s);
        if (bad != null) {
          return bad;
        }
        int len = s.codePointCount(0, s.length());
        if (len < f.min().intValue()) {
          return f.min().intValue() == 1
              ? "must not be empty"
              : "must be at least " + f.min() + " characters";
        }
        if (len > f.max().intValue()) {
          return "must be at most " + f.max() + " characters";
        }
        clean.put(f.name(), s);
      }
      case ENUM -> {
        if (!v.isTextual() || !f.values().contains(v.textValue())) {
          return "must be one of: " + String.join(", ", new java.util.TreeSet<>(f.values()));
        }
        clean.put(f.name(), v.textValue());
      }
      case BOOL -> {
        if (!v.isBoolean()) {
          return "must be true or false";
        }
        clean.put(f.name(), v.booleanValue());
      }
      case INT -> {
        String p = range(v, f, true);
        if (p != null) {
          return p;
        }
        clean.put(f.name(), v.decimalValue().longValueExact());
      }
      case NUMBER -> {
        String p = range(v, f, false);
        if (p != null) {
          return p;
        }
        clean.put(f.name(), v.decimalValue().doubleValue());
      }
      case DECIMAL -> {
        JsonNode n = v;
        if (v.isTextual()) {
          if (v.textValue().length() > 64) {
            return "must be a number, or a string holding one";
          }
          try {
            n = Json.MAPPER.getNodeFactory().numberNode(new BigDecimal(v.textValue().trim()));
          } catch (NumberFormatException e) {
            return "must be a number, or a string holding one";
          }
        }
        String p = range(n, f, false);
        if (p != null) {
          return p;
        }
        BigDecimal d = n.decimalValue().stripTrailingZeros();
        if (d.scale() <= 0) {
          clean.put(f.name(), d.longValueExact());
        } else {
          clean.put(f.name(), d.doubleValue());
        }
      }
      case DATE -> {
        if (!v.isTextual()) {
          return "must be an ISO 8601 date-time string";
        }
        try {
          clean.put(f.name(), Dates.v3(Dates.parse(v.textValue())));
        } catch (IllegalArgumentException e) {
          return "must be an ISO 8601 date-time string";
        }
      }
      case INT_ARRAY -> {
        if (!v.isArray()) {
          return "must be an array of whole numbers";
        }
        if (v.size() > f.max().intValue()) {
          return "must have at most " + f.max() + " items";
        }
        ArrayNode out = clean.putArray(f.name());
        for (int i = 0; i < v.size(); i++) {
          JsonNode item = v.get(i);
          if (!item.isIntegralNumber()
              || item.bigIntegerValue().compareTo(f.min().toBigInteger()) < 0
              || item.bigIntegerValue().bitLength() > 40) {
            return "item " + i + " must be a whole number of at least " + f.min();
          }
          out.add(item.longValue());
        }
      }
      case STRING_ARRAY -> {
        if (!v.isArray()) {
          return "must be an array of strings";
        }
        ArrayNode out = clean.putArray(f.name());
        for (int i = 0; i < v.size(); i++) {
          JsonNode item = v.get(i);
          if (!item.isTextual()) {
            return "item " + i + " must be a string";
          }
          String bad = badText(item.textValue());
          if (bad != null) {
            return "item " + i + " " + bad;
          }
          out.add(item.textValue());
        }
      }
      case OBJECT_ARRAY -> {
        if (!v.isArray()) {
          return "must be an array of objects";
        }
        if (v.size() > f.max().intValue()) {
          return "must have at most " + f.max() + " items";
        }
        ArrayNode out = clean.putArray(f.name());
        Schema item = java.util.Objects.requireNonNull(f.nested());
        for (int i = 0; i < v.size(); i++) {
          out.add(item.collect(v.get(i), path + "." + i + ".", List.of(), errors));
        }
      }
      case FREE_OBJECT -> {
        if (!v.isObject()) {
          return "must be a JSON object";
        }
        String bad = badTree(v);
        if (bad != null) {
          return bad;
        }
        clean.set(f.name(), v.deepCopy());
      }
      case OBJECT -> {
        if (!v.isObject()) {
          return "must be a JSON object";
        }
        clean.set(
            f.name(),
            java.util.Objects.requireNonNull(f.nested()).collect(v, path + ".", List.of(), errors));
      }
    }
    return null;
  }

  private static @Nullable String range(JsonNode v, Field f, boolean integral) {
    if (!v.isNumber()) {
      return integral ? "must be a whole number" : "must be a number";
    }
    BigDecimal d = v.decimalValue();
    if (integral && d.stripTrailingZeros().scale() > 0) {
      return "must be a whole number";
    }
    if (d.compareTo(f.min()) < 0) {
      return "must be at least " + f.min().stripTrailingZeros().toPlainString();
    }
    if (d.compareTo(f.max()) > 0) {
      return "must be at most " + f.max().stripTrailingZeros().toPlainString();
    }
    return null;
  }

  private static @Nullable String badTree(JsonNode v) {
    if (v.isTextual()) {
      return badText(v.textValue());
    }
    for (Map.Entry<String, JsonNode> e : v.properties()) {
      String bad = badText(e.getKey());
      if (bad == null) {
        bad = badTree(e.getValue());
      }
      if (bad != null) {
        return bad;
      }
    }
    if (v.isArray()) {
      for (JsonNode item : v) {
        String bad = badTree(item);
        if (bad != null) {
          return bad;
        }
      }
    }
    return null;
  }

  /** NUL and lone surrogates cannot be stored faithfully by every database: refuse them. */
  static @Nullable String badText(String s) {
    for (int i = 0; i < s.length(); i++) {
      char c = s.charAt(i);
      if (c == 0) {
        return "must not contain NUL characters";
      }
      if (Character.isHighSurrogate(c)) {
        if (i + 1 >= s.length() || !Character.isLowSurrogate(s.charAt(i + 1))) {
          return "must not contain unpaired UTF-16 surrogates";
        }
        i++;
      } else if (Character.isLowSurrogate(c)) {
        return "must not contain unpaired UTF-16 surrogates";
      }
    }
    return null;
  }

  /**
   * Applies a checked (partial) input to a stored document: fields are replaced, nested objects
   * ({@code custom_url}) are merged field by field, arrays are replaced as a whole.
   */
  public static void merge(ObjectNode doc, ObjectNode input) {
    for (Map.Entry<String, JsonNode> e : input.properties()) {
      JsonNode current = doc.get(e.getKey());
      if (e.getValue().isObject() && current != null && current.isObject()) {
        ((ObjectNode) current).setAll((ObjectNode) e.getValue());
      } else {
        doc.set(e.getKey(), e.getValue());
      }
    }
  }
}
