package dev.stockroom.testing.conformance;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.stockroom.testing.conformance.Spec.Operation;
import dev.stockroom.testing.conformance.SpecLoader.Api;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentSkipListMap;
import java.util.concurrent.atomic.LongAdder;

/**
 * Checks answers against BigCommerce's specs: catalog v3 paths against {@code catalog.v3.yml},
 * customers v3 against {@code customers.v3.yml}, orders v2 against {@code orders.v2.oas2.yml},
 * customers v2 against {@code customers.v2.yml}, store and time against {@code
 * store_information.v2.yml} ({@link SpecLoader#APIS}). The status must be declared for the
 * operation (or be one the seed contract gives), and the body must match the schema declared for
 * that status. {@code ApiClient} calls {@link #check} on every answer. Each spec is read once per
 * JVM, when first needed, from {@code ${stockroom.shared}/reference/bigcommerce-openapi}; a path no
 * spec covers, or whose spec is absent, is not checked (the report counts those too).
 */
public final class Conformance {
  private static final ObjectMapper MAPPER = new ObjectMapper();

  /** The catalog's generic v3 error ({@code error_Base} + {@code errors}), for seed statuses. */
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

  /**
   * The spec and operation an answer was checked against, with what was wrong with it. {@code note}
   * says what was not checked: the whole answer when no spec covers the path or its spec is absent
   * ({@link #checked()} false), or only the body of a v2 XML answer.
   */
  public record Result(
      String spec, String operation, String schema, List<Violation> violations, String note) {
    public boolean ok() {
      return violations.isEmpty();
    }

    /** Whether a spec was applied (false when no spec covers the path or the spec is absent). */
    public boolean checked() {
      return !spec.isEmpty();
    }
  }

  private static final class Holder {
    static final Optional<Conformance> INSTANCE = SpecLoader.load();
  }

  private final Path folder;
  private final AllowList allow;
  private final Map<String, Optional<Spec>> specs = new ConcurrentHashMap<>();
  private final Map<String, String> loaded = new ConcurrentSkipListMap<>();
  private final Map<String, LongAdder> counts = new ConcurrentSkipListMap<>();
  private final Map<String, LongAdder> unchecked = new ConcurrentSkipListMap<>();
  private final LongAdder failures = new LongAdder();
  private final Map<String, LongAdder> found = new ConcurrentSkipListMap<>();
  private final boolean warnOnly;

  /** {@code folder}: where the spec files are ({@code .../reference/bigcommerce-openapi}). */
  Conformance(Path folder, AllowList allow, boolean warnOnly) {
    this.folder = folder;
    this.allow = allow;
    this.warnOnly = warnOnly;
  }

  /** The checker, or empty when checking is off (said once, on stderr). */
  public static Optional<Conformance> instance() {
    return Holder.INSTANCE;
  }

  /** How many answers {@link #check} has checked against a spec in this JVM. */
  public long checked() {
    return counts.values().stream().mapToLong(LongAdder::sum).sum();
  }

  /** Whether this spec file is present (reading it, once, if it was not read yet). */
  public boolean has(String file) {
    return spec(file).isPresent();
  }

  private Optional<Spec> spec(String file) {
    return specs.computeIfAbsent(file, this::read);
  }

  private Optional<Spec> read(String file) {
    Path yml = folder.resolve(file);
    if (!Files.isRegularFile(yml)) {
      String why = file + " not found at " + yml + "; answers of its paths are not checked";
      System.err.println(why);
      loaded.put(file, why);
      return Optional.empty();
    }
    long start = System.nanoTime();
    Api api = SpecLoader.APIS.get(SpecLoader.FILES.indexOf(file));
    try {
      Spec s =
          Spec.load(file, yml, allow, api.v2() ? Map.of("v2_error", allow.v2Error()) : Map.of());
      if (!s.has(api.genericError())) {
        throw new IllegalStateException(file + " has no generic error at " + api.genericError());
      }
      long millis = (System.nanoTime() - start) / 1_000_000;
      loaded.put(file, file + " loaded in " + millis + " ms");
      return Optional.of(s);
    } catch (IOException e) {
      throw new UncheckedIOException("could not read " + yml, e);
    }
  }

  /** Checks one answer; on a path no spec covers, or without the spec, only counts it. */
  public static void check(
      String method, String pathAndQuery, int status, Optional<String> contentType, String body) {
    instance().ifPresent(c -> c.checkAndRecord(method, pathAndQuery, status, contentType, body));
  }

  /** {@link #check} with this checker: records the result and fails on a violation. */
  void checkAndRecord(
      String method, String pathAndQuery, int status, Optional<String> contentType, String body) {
    Result r = verify(method, pathAndQuery, status, contentType.orElse(""), body, true);
    record(method, pathAndQuery, r, status);
    if (!warnOnly) {
      assertOk(method, pathAndQuery, status, body, r);
    }
  }

  /** Fails with the spec, operation, each violation (JSON pointer, expectation) and the body. */
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
    Optional<Api> api = SpecLoader.route(path);
    if (api.isEmpty()) {
      return new Result("", "", "", List.of(), "no spec covers this path");
    }
    Optional<Spec> spec = spec(api.get().file());
    if (spec.isEmpty()) {
      return new Result("", "", "", List.of(), api.get().file() + " not found");
    }
    Spec s = spec.get();
    // The orders spec's own example links shipping addresses as /shippingaddresses (spec-digest §8
    // #26); Stockroom serves both spellings, checked against the one operation.
    String below =
        api.get().below(path).orElseThrow().replace("/shippingaddresses", "/shipping_addresses");
    boolean head = method.equals("HEAD");
    Optional<Operation> op = s.find(head ? "GET" : method, below);
    String name =
        op.map(Operation::name).orElse(method + " " + below + " (no such operation in the spec)");
    List<Violation> out = new ArrayList<>();
    Optional<String> schema = expected(api.get(), method, status, op, out);
    String note = "";
    if (out.isEmpty() && !head) {
      if (allow.seedAccepted(method, status)) {
        note = "202, the task resource: body not checked (TasksApiTest checks it)";
      } else if (api.get().v2() && allow.v2NotChecked(contentType)) {
        note = "XML, body not checked";
      } else {
        body(s, name, status, query, contentType, body, schema, out, counted);
      }
    }
    return new Result(
        s.name(), name, schema.map(p -> "#" + p).orElse("(no body)"), List.copyOf(out), note);
  }

  private void record(String method, String pathAndQuery, Result r, int status) {
    if (!r.checked()) {
      String path =
          pathAndQuery
              .replaceFirst("\\?.*", "")
              .replaceAll("/stores/[^/]+", "/stores/{hash}")
              .replaceAll("/\\d+(?=/|$|\\.)", "/*");
      unchecked
          .computeIfAbsent(r.note() + ": " + method + " " + path, k -> new LongAdder())
          .increment();
      return;
    }
    String key =
        r.spec()
            + "  "
            + r.operation()
            + " → "
            + status
            + (r.note().isEmpty() ? "" : " (" + r.note() + ")");
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
      Api api, String method, int status, Optional<Operation> op, List<Violation> out) {
    Map<Integer, Optional<String>> declared = op.map(Operation::responses).orElse(Map.of());
    if (api.v2() && status >= 400 && allow.seedError(status)) {
      return Optional.of(SpecLoader.V2_ERROR); // seed: every v2 error is [{status, message}]
    }
    if (declared.containsKey(status)) {
      Optional<String> schema = declared.get(status);
      return schema.isEmpty() && status >= 400 ? Optional.of(api.genericError()) : schema;
    }
    if (allow.seedCreated(method, status) && declared.containsKey(200)) {
      return declared.get(200); // seed: 201 Created for a POST the spec answers with 200
    }
    if (allow.seedAccepted(method, status)) {
      return Optional.empty(); // seed: 202 with Stockroom's task resource, not a spec schema
    }
    if (allow.seedNotModified(method, status)) {
      return Optional.empty(); // seed: 304, no body
    }
    if (api.v2()
        && allow.seedEmptyList(method, status)
        && op.map(Operation::collection).orElse(false)) {
      return Optional.empty(); // seed: an empty v2 list is 204 without a body
    }
    if (status >= 400 && allow.seedError(status)) {
      return Optional.of(api.genericError());
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
      Spec spec,
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
      if (allow.excuse(spec.name(), op, at, e.getKeyword(), query, counted).isEmpty()) {
        String where = e.getSchemaLocation().getFragment().toString();
        out.add(new Violation(at, e.getKeyword(), e.getMessage(), "#" + where));
      }
    }
  }

  static String describe(String method, String pathAndQuery, int status, String body, Result r) {
    StringBuilder s = new StringBuilder("The answer does not conform to " + r.spec() + "\n");
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
  void report(Path file) {
    StringBuilder s = new StringBuilder();
    s.append(
        String.format(
            "conformance: %d responses checked, %d with violations%n", checked(), failures.sum()));
    SpecLoader.FILES.forEach(
        f ->
            s.append("  ")
                .append(loaded.getOrDefault(f, f + " not needed (no answer)"))
                .append('\n'));
    s.append('\n');
    counts.forEach((k, v) -> s.append(String.format("%7d  %s%n", v.sum(), k)));
    if (!found.isEmpty()) {
      s.append(String.format("%nviolations%s:%n", warnOnly ? " (warn mode: not failed)" : ""));
      found.forEach((k, v) -> s.append(String.format("%7d  %s%n", v.sum(), k)));
    }
    if (!unchecked.isEmpty()) {
      s.append(String.format("%nnot checked:%n"));
      unchecked.forEach((k, v) -> s.append(String.format("%7d  %s%n", v.sum(), k)));
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
