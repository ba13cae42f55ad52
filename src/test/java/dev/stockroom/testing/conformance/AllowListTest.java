package dev.stockroom.testing.conformance;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.dataformat.yaml.YAMLMapper;
import java.io.IOException;
import org.junit.jupiter.api.Test;

/** The allow-list file itself: it loads, every entry says why, ignores match as written. */
class AllowListTest {
  private static final String CATALOG = "catalog.v3.yml";
  private static final String ORDERS = "orders.v2.oas2.yml";

  private static JsonNode yaml(String text) throws IOException {
    return new YAMLMapper().readTree(text);
  }

  @Test
  void theProjectsAllowListLoadsAndEveryEntrySaysWhy() {
    AllowList list = AllowList.load();
    assertThat(list.entries()).isNotEmpty().allSatisfy(e -> assertThat(e.why()).isNotBlank());
    assertThat(list.seedCreated("POST", 201)).isTrue();
    assertThat(list.seedCreated("PUT", 201)).isFalse();
    assertThat(list.seedError(429)).isTrue();
    assertThat(list.seedError(418)).isFalse();
  }

  @Test
  void theSeedsV2RulesLoad() {
    AllowList list = AllowList.load();
    assertThat(list.seedEmptyList("GET", 204)).isTrue();
    assertThat(list.seedEmptyList("HEAD", 204)).isTrue();
    assertThat(list.seedEmptyList("DELETE", 204)).isFalse();
    assertThat(list.seedEmptyList("GET", 200)).isFalse();
    assertThat(list.v2NotChecked("application/xml; charset=utf-8")).isTrue();
    assertThat(list.v2NotChecked("application/json")).isFalse();
    assertThat(list.v2Error().path("type").asText()).isEqualTo("array");
    assertThat(list.v2Error().path("items").path("required"))
        .extracting(JsonNode::asText)
        .containsExactly("status", "message");
  }

  @Test
  void anEntryWithoutAReasonIsRefused() throws IOException {
    JsonNode root = yaml("spec:\n  - operation: '*'\n    pointer: /data\n");
    assertThatThrownBy(() -> new AllowList(root)).hasMessageContaining("why");
  }

  @Test
  void anEntryNamingAnUnknownSpecIsRefused() throws IOException {
    JsonNode root = yaml("spec:\n  - spec: orders.v2.yml\n    pointer: /id\n    why: typo\n");
    assertThatThrownBy(() -> new AllowList(root))
        .hasMessageContaining("unknown spec `orders.v2.yml`")
        .hasMessageContaining(ORDERS);
  }

  @Test
  void anIgnoreMatchesOnlyItsOperationPointerKeywordAndQuery() throws IOException {
    AllowList list =
        new AllowList(
            yaml(
                """
                ours:
                  - operation: "GET /catalog/products*"
                    pointer: "/data/\\\\d+/name"
                    keyword: type
                    query: include_fields
                    why: a test
                """));
    String op = "GET /catalog/products/{product_id}";
    assertThat(list.excuse(CATALOG, op, "/data/0/name", "type", "include_fields=name", false))
        .isPresent();
    assertThat(list.excuse(CATALOG, op, "/data/0/name", "type", "x=1&include_fields=a", false))
        .isPresent();
    assertThat(list.excuse(CATALOG, op, "/data/0/name", "type", "exclude_fields=name", false))
        .isEmpty();
    assertThat(list.excuse(CATALOG, op, "/data/0/name", "required", "include_fields=a", false))
        .isEmpty();
    assertThat(list.excuse(CATALOG, op, "/data/0/sku", "type", "include_fields=a", false))
        .isEmpty();
    assertThat(
            list.excuse(
                CATALOG, "PUT /catalog/products", "/data/0/name", "type", "include_fields=", false))
        .isEmpty();
  }

  @Test
  void anIgnoreWithoutASpecIsTheCatalogsAndOneWithASpecIsOnlyThatSpecs() throws IOException {
    AllowList list =
        new AllowList(
            yaml(
                """
                spec:
                  - operation: "*"
                    pointer: "/id"
                    why: catalog, by default
                  - spec: orders.v2.oas2.yml
                    operation: "GET /orders/*"
                    pointer: "/billing_address/zip"
                    keyword: type
                    why: an orders entry
                """));
    assertThat(list.entries()).extracting(AllowList.Entry::spec).containsExactly(CATALOG, ORDERS);
    assertThat(list.excuse(CATALOG, "GET /catalog/brands", "/id", "type", "", false)).isPresent();
    assertThat(list.excuse(ORDERS, "GET /orders", "/id", "type", "", false)).isEmpty();
    String op = "GET /orders/{order_id}";
    assertThat(list.excuse(ORDERS, op, "/billing_address/zip", "type", "", false)).isPresent();
    assertThat(list.excuse(CATALOG, op, "/billing_address/zip", "type", "", false)).isEmpty();
    assertThat(list.excuse("customers.v2.yml", op, "/billing_address/zip", "type", "", false))
        .isEmpty();
    assertThat(list.entries().get(1).label()).startsWith("spec: orders.v2.oas2.yml GET /orders/*");
  }

  @Test
  void aPatchAppliesOnlyToItsSpec() throws IOException {
    AllowList list =
        new AllowList(
            yaml(
                """
                spec:
                  - spec: orders.v2.oas2.yml
                    at: /components/schemas/thing
                    patch: {nullable: true}
                    why: an orders patch
                """));
    JsonNode orders = yaml("components: {schemas: {thing: {type: integer}}}");
    list.patch(ORDERS, orders);
    assertThat(orders.at("/components/schemas/thing/nullable").asBoolean()).isTrue();
    JsonNode catalog = yaml("definitions: {thing: {type: integer}}");
    list.patch(CATALOG, catalog); // not this spec's entry: no "points at nothing"
    assertThat(catalog.at("/definitions/thing").size()).isEqualTo(1);
  }

  @Test
  void aPatchThatPointsAtNothingIsRefused() throws IOException {
    AllowList list =
        new AllowList(
            yaml("spec:\n  - at: /definitions/nope\n    patch: {type: string}\n    why: x\n"));
    JsonNode doc = yaml("definitions: {thing: {type: integer}}");
    assertThatThrownBy(() -> list.patch(CATALOG, doc))
        .hasMessageContaining("/definitions/nope")
        .hasMessageContaining(CATALOG);
  }
}
