package dev.stockroom.testing.conformance;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;

/**
 * Finds {@code catalog.v3.yml} under {@code -Dstockroom.shared} (the pom passes {@code
 * ${basedir}/../shared}), reads it once, and writes the report at JVM exit. {@code
 * -Dstockroom.conformance=off} turns the check off (said in one line, as a missing spec is); {@code
 * =warn} lists violations in the report instead of failing (for a new version of the spec).
 */
final class SpecLoader {
  static final String SPEC = "reference/bigcommerce-openapi/catalog.v3.yml";

  private SpecLoader() {}

  static Optional<Conformance> load() {
    String mode = System.getProperty("stockroom.conformance", "on");
    if (mode.equals("off")) {
      return skipped("-Dstockroom.conformance=off; responses are not checked against the spec");
    }
    Path yml =
        Path.of(System.getProperty("stockroom.shared", "../shared"))
            .resolve(SPEC)
            .toAbsolutePath()
            .normalize();
    if (!Files.isRegularFile(yml)) {
      return skipped(
          "catalog.v3.yml not found at " + yml + "; responses are not checked against the spec");
    }
    long start = System.nanoTime();
    Conformance c;
    try {
      AllowList allow = AllowList.load();
      c = new Conformance(CatalogSpec.load(yml, allow), allow, mode.equals("warn"));
    } catch (IOException e) {
      throw new UncheckedIOException("could not read " + yml, e);
    }
    long millis = (System.nanoTime() - start) / 1_000_000;
    Runtime.getRuntime().addShutdownHook(new Thread(() -> c.report(report(), millis)));
    return Optional.of(c);
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
