package dev.stockroom.api;

import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import org.jspecify.annotations.Nullable;

/**
 * The v3 filter grammar ({@code attr=v}, {@code :in}, {@code :not_in}, {@code :min}, {@code :max},
 * {@code :greater}, {@code :less}, {@code :like}) turned into a SQL condition with bound values.
 * Each resource declares which parameters map to which columns; unknown parameters are ignored as
 * the hosted API does, while a bad value for a known one is a 422 naming the parameter.
 */
public final class Filters {
  public enum Op {
    EQ(""),
    IN(":in"),
    NOT_IN(":not_in"),
    MIN(":min"),
    MAX(":max"),
    GREATER(":greater"),
    LESS(":less"),
    LIKE(":like");

    final String suffix;

    Op(String suffix) {
      this.suffix = suffix;
    }
  }

  public static final Set<Op> RANGE =
      EnumSet.of(Op.EQ, Op.IN, Op.NOT_IN, Op.MIN, Op.MAX, Op.GREATER, Op.LESS);

  enum Type {
    INT,
    NUMBER,
    TEXT,
    BOOL,
    DATE
  }

  /** Builds the SQL for a filter whose meaning is not a single column (categories, keyword). */
  @FunctionalInterface
  public interface Custom {
    String sql(Op op, List<String> values, List<Object> binds);
  }

  record Def(
      String param,
      @Nullable String column,
      Type type,
      Set<Op> ops,
      Set<String> values,
      @Nullable Custom custom) {}

  /** A parsed condition: {@code sql} joins with AND; {@code count} is how many filters applied. */
  public record Where(String sql, List<Object> binds, int count) {
    public boolean isEmpty() {
      return count == 0;
    }
  }

  private final Map<String, Def> defs = new LinkedHashMap<>();

  public Filters integer(String param, String column, Set<Op> ops) {
    return add(new Def(param, column, Type.INT, ops, Set.of(), null));
  }

  public Filters number(String param, String column, Set<Op> ops) {
    return add(new Def(param, column, Type.NUMBER, ops, Set.of(), null));
  }

  public Filters text(String param, String column, Set<Op> ops) {
    return add(new Def(param, column, Type.TEXT, ops, Set.of(), null));
  }

  public Filters choice(String param, String column, String... values) {
    return add(new Def(param, column, Type.TEXT, EnumSet.of(Op.EQ, Op.IN), Set.of(values), null));
  }

  public Filters bool(String param, String column) {
    return add(new Def(param, column, Type.BOOL, EnumSet.of(Op.EQ), Set.of(), null));
  }

  public Filters date(String param, String column, Set<Op> ops) {
    return add(new Def(param, column, Type.DATE, ops, Set.of(), null));
  }

  public Filters custom(String param, Set<Op> ops, Custom custom) {
    return add(new Def(param, null, Type.TEXT, ops, Set.of(), custom));
  }

  private Filters add(Def def) {
    defs.put(def.param(), def);
    return this;
  }

  public Where parse(Query query) {
    List<String> parts = new ArrayList<>();
    List<Object> binds = new ArrayList<>();
    Map<String, String> errors = new LinkedHashMap<>();
    for (Map.Entry<String, List<String>> e : query.all().entrySet()) {
      String key = e.getKey();
      int colon = key.indexOf(':');
      String base = colon < 0 ? key : key.substring(0, colon);
      Def def = defs.get(base);
      if (def == null) {
        continue;
      }
      Op op = opOf(colon < 0 ? "" : key.substring(colon));
      if (op == null || !def.ops().contains(op)) {
        errors.put(key, "is not a supported filter");
        continue;
      }
      String raw = e.getValue().get(e.getValue().size() - 1);
      try {
        String sql = condition(def, op, raw, binds);
        if (!sql.isEmpty()) { // accepted for compatibility, but it narrows nothing
          parts.add(sql);
        }
      } catch (IllegalArgumentException bad) {
        errors.put(key, bad.getMessage());
      }
    }
    if (!errors.isEmpty()) {
      throw new ApiException.Invalid("The filter parameters are invalid", errors);
    }
    return new Where(String.join(" AND ", parts), binds, parts.size());
  }

  private static @Nullable Op opOf(String suffix) {
    for (Op op : Op.values()) {
      if (op.suffix.equals(suffix)) {
        return op;
      }
    }
    return null;
  }

  private static String condition(Def def, Op op, String raw, List<Object> binds) {
    List<String> values = (op == Op.IN || op == Op.NOT_IN) ? split(raw) : List.of(raw);
    if (values.isEmpty() || (values.size() == 1 && values.get(0).isEmpty())) {
      throw new IllegalArgumentException("needs a value");
    }
    if (values.size() > 1000) {
      throw new IllegalArgumentException("has more than 1000 values");
    }
    if (def.custom() != null) {
      return def.custom().sql(op, values, binds);
    }
    String col = def.column();
    if (op == Op.LIKE) {
      String bad = Schema.badText(values.get(0));
      if (bad != null) {
        throw new IllegalArgumentException(bad); // a NUL would reach PostgreSQL as a 500
      }
      binds.add("%" + values.get(0).toLowerCase(Locale.ROOT) + "%");
      return "LOWER(" + col + ") LIKE ?";
    }
    for (String v : values) {
      binds.add(value(def, v));
    }
    return switch (op) {
      case EQ -> col + " = ?";
      case IN -> col + " IN (" + marks(values.size()) + ")";
      case NOT_IN -> col + " NOT IN (" + marks(values.size()) + ")";
      case MIN -> col + " >= ?";
      case MAX -> col + " <= ?";
      case GREATER -> col + " > ?";
      case LESS -> col + " < ?";
      case LIKE -> throw new IllegalStateException();
    };
  }

  public static String marks(int n) {
    return String.join(",", java.util.Collections.nCopies(n, "?"));
  }

  public static List<String> split(String raw) {
    List<String> out = new ArrayList<>();
    for (String s : raw.split(",", -1)) {
      String t = s.trim();
      if (t.isEmpty()) {
        throw new IllegalArgumentException("has an empty item in its comma-separated list");
      }
      out.add(t);
    }
    return out;
  }

  /** Parses one filter value of a column type; the message says what was expected. */
  static Object value(Def def, String v) {
    String s = v.trim();
    switch (def.type()) {
      case INT -> {
        return parseLong(s);
      }
      case NUMBER -> {
        try {
          BigDecimal d = new BigDecimal(s);
          if (d.abs().compareTo(BigDecimal.valueOf(1e15)) > 0) {
            throw new IllegalArgumentException("is out of range");
          }
          return d.doubleValue();
        } catch (NumberFormatException e) {
          throw new IllegalArgumentException("must be a number");
        }
      }
      case BOOL -> {
        return switch (s.toLowerCase(Locale.ROOT)) {
          case "1", "true" -> 1;
          case "0", "false" -> 0;
          default -> throw new IllegalArgumentException("must be true, false, 1 or 0");
        };
      }
      case DATE -> {
        try {
          return Dates.parse(s);
        } catch (IllegalArgumentException e) {
          throw new IllegalArgumentException(
              "must be an ISO 8601 date, date-time or Unix timestamp");
        }
      }
      case TEXT -> {
        if (!def.values().isEmpty() && !def.values().contains(s)) {
          throw new IllegalArgumentException(
              "must be one of: " + String.join(", ", new java.util.TreeSet<>(def.values())));
        }
        if (Schema.badText(s) != null) {
          throw new IllegalArgumentException(Schema.badText(s));
        }
        return s;
      }
    }
    throw new IllegalStateException();
  }

  public static long parseLong(String s) {
    try {
      return Long.parseLong(s.trim());
    } catch (NumberFormatException e) {
      throw new IllegalArgumentException("must be a whole number");
    }
  }
}
