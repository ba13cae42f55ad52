package dev.stockroom.testing.conformance;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.dataformat.yaml.YAMLMapper;
import java.io.IOException;
import org.junit.jupiter.api.Test;

/** The allow-list file itself: it loads, every entry says why, ignores match as written. */
class AllowListTest {
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
  void anEntryWithoutAReasonIsRefused() throws IOException {
    JsonNode root = yaml("spec:\n  - operation: '*'\n    pointer: /data\n");
    assertThatThrownBy(() -> new AllowList(root)).hasMessageContaining("why");
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
    assertThat(list.excuse(op, "/data/0/name", "type", "include_fields=name", false)).isPresent();
    assertThat(list.excuse(op, "/data/0/name", "type", "x=1&include_fields=a", false)).isPresent();
    assertThat(list.excuse(op, "/data/0/name", "type", "exclude_fields=name", false)).isEmpty();
    assertThat(list.excuse(op, "/data/0/name", "required", "include_fields=a", false)).isEmpty();
    assertThat(list.excuse(op, "/data/0/sku", "type", "include_fields=a", false)).isEmpty();
    assertThat(
            list.excuse("PUT /catalog/products", "/data/0/name", "type", "include_fields=", false))
        .isEmpty();
  }

  @Test
  void aPatchThatPointsAtNothingIsRefused() throws IOException {
    AllowList list =
        new AllowList(
            yaml("spec:\n  - at: /definitions/nope\n    patch: {type: string}\n    why: x\n"));
    JsonNode doc = yaml("definitions: {thing: {type: integer}}");
    assertThatThrownBy(() -> list.patch(doc)).hasMessageContaining("/definitions/nope");
  }
}
