package dev.stockroom.testing.conformance;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.stockroom.testing.conformance.CatalogSpec.Operation;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentSkipListMap;
import java.util.concurrent.atomic.LongAdder;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Checks answers of catalog paths ({@code /stores/{hash}/v3/catalog/...}) against BigCommerce's
 * {@code catalog.v3.yml}: the status must be declared for the operation (or be one the seed
 * contract gives), and the body must match the schema declared for that status. {@code ApiClient}
 * calls {@link #check} on every answer. The spec is read once per JVM from {@code
 * ${stockroom.shared}/reference/bigcommerce-openapi}; without it nothing is checked.
 */
public final class Conformance {
  private static final Pattern CATALOG = Pattern.compile("/stores/[^/]+/v3(/catalog(?:/.*)?)");
  private static final ObjectMapper MAPPER = new ObjectMapper();

  /** The spec's generic v3 error ({@code error_Base} + {@code errors}), for seed-only statuses. */
  static final String GENERIC_ERROR = "/definitions/errorResponse_Full";

  /** One broken rule: where in the body (JSON pointer), which keyword, what was expected. */
  public record Violation(String pointer, String keyword, String message, String schema) {
    @Override
    public String toString() {
      return (pointer.isEmpty() ? "/" : pointer)
          + " ["
          + keyword
          + "] "
          + message
          + (schema.isEmpty() ? "" : "  (spec " + schema + ")");
    }
  }

  /** The operation an answer was checked against, with what was wrong with it. */
  public record Result(String operation, String schema, List<Violation> violations) {
    public boolean ok() {
      return violations.isEmpty();
    }
  }

  private static final class Holder {
    static final Optional<Conformance> INSTANCE = SpecLoader.load();
  }

  private final CatalogSpec spec;
  private final AllowList allow;
  private final Map<String, LongAdder> counts = new ConcurrentSkipListMap<>();
  private final LongAdder failures = new LongAdder();
  private final Map<String, LongAdder> found = new ConcurrentSkipListMap<>();
  private final boolean warnOnly;

  Conformance(CatalogSpec spec, AllowList allow, boolean warnOnly) {
    this.spec = spec;
    this.allow = allow;
    this.warnOnly = warnOnly;
  }

  /** The checker, or empty when the spec is absent or checking is off (said once, on stderr). */
  public static Optional<Conformance> instance() {
    return Holder.INSTANCE;
  }

  /** How many answers {@link #check} has checked in this JVM. */
  public long checked() {
    return counts.values().stream().mapToLong(LongAdder::sum).sum();
  }

  /** Checks one answer; outside catalog paths, or without the spec, does nothing. */
  public static void check(
      String method, String pathAndQuery, int status, Optional<String> contentType, String body) {
    if (!CATALOG.matcher(pathAndQuery.replaceFirst("\\?.*", "")).matches()) {
      return;
    }
    instance()
        .ifPresent(
            c -> {
              Result r = c.verify(method, pathAndQuery, status, contentType.orElse(""), body, true);
              c.record(r, status);
              if (!c.warnOnly) {
                assertOk(method, pathAndQuery, status, body, r);
              }
            });
  }

  /** Fails with the operation, each violation (JSON pointer, expectation) and the body. */
  static void assertOk(String method, String pathAndQuery, int status, String body, Result r) {
    if (!r.ok()) {
      throw new AssertionError(describe(method, pathAndQuery, status, body, r));
    }
  }

  /** Checks one answer and says what is wrong (ConformanceTest calls it directly). */
  public Result verify(
      String method, String pathAndQuery, int status, String contentType, String body) {
    return verify(method, pathAndQuery, status, contentType, body, false);
  }

  /** {@code counted}: the allow-list counts the entries used (for the report). */
  private Result verify(
      String method,
      String pathAndQuery,
      int status,
      String contentType,
      String body,
      boolean counted) {
    int q = pathAndQuery.indexOf('?');
    String path = q < 0 ? pathAndQuery : pathAndQuery.substring(0, q);
    String query = q < 0 ? "" : pathAndQuery.substring(q + 1);
    Matcher m = CATALOG.matcher(path);
    if (!m.matches()) {
      throw new IllegalArgumentException("not a catalog path: " + path);
    }
    boolean head = method.equals("HEAD");
    Optional<Operation> op = spec.find(head ? "GET" : method, m.group(1));
    String name =
        op.map(Operation::name)
            .orElse(method + " " + m.group(1) + " (no such operation in the spec)");
    List<Violation> out = new ArrayList<>();
    Optional<String> schema = expected(method, status, op, out);
    if (out.isEmpty() && !head) {
      body(name, status, query, contentType, body, schema, out, counted);
    }
    return new Result(name, schema.map(s -> "#" + s).orElse("(no body)"), List.copyOf(out));
  }

  private void record(Result r, int status) {
    String key = r.operation() + " → " + status;
    counts.computeIfAbsent(key, k -> new LongAdder()).increment();
    if (!r.ok()) {
      failures.increment();
      r.violations()
          .forEach(
              v -> {
                String what = (key + "  " + v).replaceAll("/\\d+(?=/| )", "/*");
                found.computeIfAbsent(what, k -> new LongAdder()).increment();
              });
    }
  }

  /** The schema pointer the status calls for, or a violation when the status is not allowed. */
  private Optional<String> expected(
      String method, int status, Optional<Operation> op, List<Violation> out) {
    Map<Integer, Optional<String>> declared = op.map(Operation::responses).orElse(Map.of());
    if (declared.containsKey(status)) {
      Optional<String> schema = declared.get(status);
      return schema.isEmpty() && status >= 400 ? Optional.of(GENERIC_ERROR) : schema;
    }
    if (allow.seedCreated(method, status) && declared.containsKey(200)) {
      return declared.get(200); // seed: 201 Created for a POST the spec answers with 200
    }
    if (allow.seedNotModified(method, status)) {
      return Optional.empty(); // seed: 304, no body
    }
    if (status >= 400 && allow.seedError(status)) {
      return Optional.of(GENERIC_ERROR);
    }
    out.add(
        new Violation(
            "",
            "status",
            "status "
                + status
                + " is declared neither by the spec (which declares "
                + declared.keySet()
                + ") nor by the seed contract (allow-list.yml `seed`)",
            ""));
    return Optional.empty();
  }

  private void body(
      String op,
      int status,
      String query,
      String contentType,
      String body,
      Optional<String> schema,
      List<Violation> out,
      boolean counted) {
    if (schema.isEmpty()) {
      if (!body.isEmpty()) {
        out.add(new Violation("", "body", "no body declared for " + status + ", got one", ""));
      }
      return;
    }
    if (body.isEmpty()) {
      out.add(new Violation("", "body", "a JSON body expected, got none", "#" + schema.get()));
      return;
    }
    if (!contentType.startsWith("application/json")) {
      out.add(
          new Violation(
              "",
              "produces",
              "Content-Type application/json expected, got '" + contentType + "'",
              "#/produces"));
    }
    JsonNode json;
    try {
      json = MAPPER.readTree(body);
    } catch (JsonProcessingException e) {
      out.add(new Violation("", "json", "the body is not JSON: " + e.getOriginalMessage(), ""));
      return;
    }
    for (var e : spec.schema(schema.get()).validate(json)) {
      String at = e.getInstanceLocation().toString();
      if (allow.excuse(op, at, e.getKeyword(), query, counted).isEmpty()) {
        String where = e.getSchemaLocation().getFragment().toString();
        out.add(new Violation(at, e.getKeyword(), e.getMessage(), "#" + where));
      }
    }
  }

  static String describe(String method, String pathAndQuery, int status, String body, Result r) {
    StringBuilder s = new StringBuilder("The answer does not conform to catalog.v3.yml\n");
    s.append("  request:   ").append(method).append(' ').append(pathAndQuery).append('\n');
    s.append("  operation: ").append(r.operation()).append(" → ").append(status);
    s.append(", schema ").append(r.schema()).append('\n');
    r.violations().forEach(v -> s.append("  ").append(v).append('\n'));
    s.append("  body: ").append(body.length() > 2000 ? body.substring(0, 2000) + "…" : body);
    s.append("\nFix the server; only a defect of the spec (or a seed rule) belongs in")
        .append(" src/test/resources/conformance/allow-list.yml (see CONTRIBUTING.md).");
    return s.toString();
  }

  /** Writes the per-operation counts (called once, at JVM exit). */
  void report(Path file, long loadMillis) {
    long total = checked();
    StringBuilder s = new StringBuilder();
    s.append(
        String.format(
            "catalog.v3.yml conformance: %d responses checked, %d with violations"
                + " (spec loaded in %d ms)%n",
            total, failures.sum(), loadMillis));
    counts.forEach((k, v) -> s.append(String.format("%7d  %s%n", v.sum(), k)));
    if (!found.isEmpty()) {
      s.append(String.format("%nviolations%s:%n", warnOnly ? " (warn mode: not failed)" : ""));
      found.forEach((k, v) -> s.append(String.format("%7d  %s%n", v.sum(), k)));
    }
    s.append(String.format("%nallow-list entries and how often each was used:%n"));
    allow
        .entries()
        .forEach(
            e ->
                s.append(
                    String.format(
                        "%7s  %s%n", e.isPatch() ? "patched" : e.used().sum(), e.label())));
    try {
      Files.createDirectories(file.toAbsolutePath().getParent());
      Files.writeString(file, s);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
