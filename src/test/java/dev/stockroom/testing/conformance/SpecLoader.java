package dev.stockroom.testing.conformance;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Which spec checks which path, and where the specs are: {@code -Dstockroom.shared} (the pom passes
 * {@code ${basedir}/../shared}), folder {@code reference/bigcommerce-openapi}. Each spec is read
 * once, when an answer first needs it; a missing file is said in one line and its paths go
 * unchecked. {@code -Dstockroom.conformance=off} turns the whole check off (said in one line);
 * {@code =warn} lists violations in the report instead of failing (for a new version of a spec).
 * The report is written at JVM exit.
 */
final class SpecLoader {
  static final String FOLDER = "reference/bigcommerce-openapi";

  /** Where the seed's v2 error schema sits in every v2 spec's document. */
  static final String V2_ERROR = "/stockroom/v2_error";

  /**
   * One API: the spec file, the request paths it checks (group 1: the path below the spec's base
   * path, without a v2 {@code .json}/{@code .xml} suffix), whether it is a v2 API, and the schema
   * an error answer of a seed status is checked against when the operation declares none.
   */
  record Api(String file, Pattern route, boolean v2, String genericError) {
    /** The path below the spec's base path, if this API checks the request path. */
    Optional<String> below(String path) {
      Matcher m = route.matcher(path);
      return m.matches() ? Optional.of(m.group(1)) : Optional.empty();
    }
  }

  private static final String V2_SUFFIX = "(?:\\.(?:json|xml))?";

  static final List<Api> APIS =
      List.of(
          new Api(
              "catalog.v3.yml",
              Pattern.compile("/stores/[^/]+/v3(/catalog(?:/.*)?)"),
              false,
              "/definitions/errorResponse_Full"),
          new Api(
              "customers.v3.yml",
              Pattern.compile("/stores/[^/]+/v3(/customers(?:/.*)?)"),
              false,
              "/components/schemas/ErrorResponse"),
          new Api(
              "orders.v2.oas2.yml",
              Pattern.compile("/stores/[^/]+/v2(/(?:orders|order_statuses)(?:/.*?)?)" + V2_SUFFIX),
              true,
              V2_ERROR),
          // customers_v2.yml is the same file but for trailing blanks; customers.v2.yml is the name
          // the other v2 specs' naming follows
          new Api(
              "customers.v2.yml",
              Pattern.compile(
                  "/stores/[^/]+/v2(/(?:customers|customer_groups)(?:/.*?)?)" + V2_SUFFIX),
              true,
              V2_ERROR),
          // Only the v3 hooks: the spec's responses are checked in its "v3" media type.
          new Api(
              "webhooks.v3.yml",
              Pattern.compile("/stores/[^/]+/v3(/hooks(?:/.*)?)"),
              false,
              "/components/schemas/error_Full"),
          new Api(
              "store_information.v2.yml",
              Pattern.compile("/stores/[^/]+/v2(/(?:store|time))" + V2_SUFFIX),
              true,
              V2_ERROR));

  /** The file names of {@link #APIS}; an allow-list entry must name one of them. */
  static final List<String> FILES = APIS.stream().map(Api::file).toList();

  private SpecLoader() {}

  /** The API whose spec checks this path (without query), if any. */
  static Optional<Api> route(String path) {
    return APIS.stream().filter(a -> a.below(path).isPresent()).findFirst();
  }

  static Optional<Conformance> load() {
    String mode = System.getProperty("stockroom.conformance", "on");
    if (mode.equals("off")) {
      return skipped("-Dstockroom.conformance=off; responses are not checked against the specs");
    }
    Conformance c = new Conformance(folder(), AllowList.load(), mode.equals("warn"));
    Runtime.getRuntime().addShutdownHook(new Thread(() -> c.report(report())));
    return Optional.of(c);
  }

  static Path folder() {
    return Path.of(System.getProperty("stockroom.shared", "../shared"))
        .resolve(FOLDER)
        .toAbsolutePath()
        .normalize();
  }

  /** Says why nothing is checked: once on stderr, and in the report (no stale counts remain). */
  private static Optional<Conformance> skipped(String why) {
    System.err.println(why);
    try {
      Files.createDirectories(report().toAbsolutePath().getParent());
      Files.writeString(report(), why + System.lineSeparator());
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    return Optional.empty();
  }

  private static Path report() {
    return Path.of(
        System.getProperty("stockroom.conformance.report", "target/conformance-report.txt"));
  }
}
