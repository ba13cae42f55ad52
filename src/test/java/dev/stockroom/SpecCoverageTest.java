package dev.stockroom;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import dev.stockroom.testing.Stockroom;
import dev.stockroom.testing.StockroomTest;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.TreeSet;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;

/**
 * Every path and method of BigCommerce's catalog.v3.yml is served: the done-criterion of the
 * catalog step, checked against the spec itself (read from ../shared, skipped where it is absent).
 */
@StockroomTest
class SpecCoverageTest {
  final Stockroom sr;

  SpecCoverageTest(Stockroom sr) {
    this.sr = sr;
  }

  /** A template with its parameter names blanked: {@code /a/{x}/b} → {@code /a/{}/b}. */
  static String shape(String template) {
    return template.replaceAll("\\{[^}]+}", "{}");
  }

  @Test
  void everyCatalogPathAndMethodOfTheSpecIsServed() throws IOException {
    Path yml =
        Path.of(System.getProperty("stockroom.shared", "../shared"))
            .resolve("reference/bigcommerce-openapi/catalog.v3.yml");
    Assumptions.assumeTrue(
        Files.isRegularFile(yml),
        "catalog.v3.yml not found at " + yml.toAbsolutePath() + "; spec coverage is not checked");
    JsonNode spec = new ObjectMapper(new YAMLFactory()).readTree(yml.toFile());
    Set<String> served = new TreeSet<>();
    sr.app().storeRoutes().forEach(r -> served.add(r.method() + " " + shape(r.template())));
    List<String> missing = new ArrayList<>();
    int operations = 0;
    for (var path : spec.path("paths").properties()) {
      for (String method : List.of("get", "post", "put", "delete")) {
        if (path.getValue().has(method)) {
          operations++;
          String op =
              method.toUpperCase(Locale.ROOT)
                  + " "
                  + shape("/stores/{store_hash}/v3" + path.getKey());
          if (!served.contains(op)) {
            missing.add(op);
          }
        }
      }
    }
    assertThat(operations).isGreaterThan(100);
    assertThat(missing).as("catalog.v3.yml operations Stockroom does not serve").isEmpty();
  }

  /**
   * Operations of the v2 and customers specs that Stockroom deliberately does not serve, with the
   * reason (README, "Orders" and "Customers"). Empty: every operation of orders.v2.oas2.yml,
   * customers.v3.yml and customers.v2.yml is served.
   */
  static final java.util.Map<String, String> NOT_SERVED = java.util.Map.of();

  @Test
  void everyOrdersV2PathAndMethodOfTheSpecIsServed() throws IOException {
    assertServed("orders.v2.oas2.yml", "/stores/{store_hash}/v2", 25);
  }

  @Test
  void everyCustomersV3PathAndMethodOfTheSpecIsServed() throws IOException {
    assertServed("customers.v3.yml", "/stores/{store_hash}/v3", 25);
  }

  @Test
  void everyCustomersV2PathAndMethodOfTheSpecIsServed() throws IOException {
    assertServed("customers.v2.yml", "/stores/{store_hash}/v2", 22);
    // customers_v2.yml is the same file with trailing spaces trimmed: the same operations.
    assertServed("customers_v2.yml", "/stores/{store_hash}/v2", 22);
  }

  /** contract: webhooks.v3 — its two servers are the v3 and the v2 base: both are served. */
  @Test
  void everyWebhooksPathAndMethodIsServedUnderV3AndV2() throws IOException {
    assertServed("webhooks.v3.yml", "/stores/{store_hash}/v3", 5);
    assertServed("webhooks.v3.yml", "/stores/{store_hash}/v2", 5);
  }

  /** Every path and method of a spec file is served or listed as not served with a reason. */
  void assertServed(String file, String base, int expectedOperations) throws IOException {
    Path yml =
        Path.of(System.getProperty("stockroom.shared", "../shared"))
            .resolve("reference/bigcommerce-openapi/" + file);
    Assumptions.assumeTrue(
        Files.isRegularFile(yml),
        file + " not found at " + yml.toAbsolutePath() + "; spec coverage is not checked");
    JsonNode spec = new ObjectMapper(new YAMLFactory()).readTree(yml.toFile());
    Set<String> served = new TreeSet<>();
    sr.app().storeRoutes().forEach(r -> served.add(r.method() + " " + shape(r.template())));
    List<String> missing = new ArrayList<>();
    int operations = 0;
    for (var path : spec.path("paths").properties()) {
      for (String method : List.of("get", "post", "put", "delete")) {
        if (path.getValue().has(method)) {
          operations++;
          String op = method.toUpperCase(Locale.ROOT) + " " + shape(base + path.getKey());
          if (!served.contains(op) && !NOT_SERVED.containsKey(op)) {
            missing.add(op);
          }
        }
      }
    }
    assertThat(operations).isEqualTo(expectedOperations);
    assertThat(missing).as(file + " operations neither served nor listed as not served").isEmpty();
    for (String op : NOT_SERVED.keySet()) {
      assertThat(served).as("listed as not served but served: " + op).doesNotContain(op);
    }
  }
}
