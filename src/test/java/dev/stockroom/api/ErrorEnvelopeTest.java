package dev.stockroom.api;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;

/** Every Status renders in both envelopes, and the codes are exactly the seed's table. */
class ErrorEnvelopeTest {
  @Test
  void everyErrorStatusRendersInBothEnvelopes() {
    for (Status s : Status.values()) {
      if (s.code() < 400) {
        continue;
      }
      ApiException e =
          switch (s) {
            case NOT_FOUND -> new ApiException.NotFound("missing");
            case UNPROCESSABLE -> ApiException.Invalid.field("name", "is required");
            case CONFLICT -> new ApiException.Conflict("taken", Map.of("name", "duplicate"));
            case TOO_MANY_REQUESTS -> new ApiException.RateLimited(1000);
            default -> new ApiException.Refused(s, "refused");
          };
      Reply v3 = ErrorRenderer.render(ApiVersion.V3, e);
      assertThat(v3.status()).isEqualTo(s.code());
      JsonNode b3 = Json.tree(new String(v3.body(), java.nio.charset.StandardCharsets.UTF_8));
      assertThat(b3.path("status").asInt()).isEqualTo(s.code());
      assertThat(b3.path("title").asText()).isNotBlank();
      assertThat(b3.path("type").asText()).isEqualTo(ErrorRenderer.TYPE);
      Reply v2 = ErrorRenderer.render(ApiVersion.V2, e);
      JsonNode b2 = Json.tree(new String(v2.body(), java.nio.charset.StandardCharsets.UTF_8));
      assertThat(b2.isArray()).isTrue();
      assertThat(b2.get(0).path("status").asInt()).isEqualTo(s.code());
      assertThat(b2.get(0).path("message").asText()).isNotBlank();
    }
  }

  @Test
  void v2LimitErrorsCarryMaxLimitDetails() {
    ApiException e =
        org.assertj.core.api.Assertions.catchThrowableOfType(
            ApiException.Refused.class, () -> Paging.of(Query.parse("limit=500")));
    JsonNode v2 =
        Json.tree(
            new String(
                ErrorRenderer.render(ApiVersion.V2, e).body(),
                java.nio.charset.StandardCharsets.UTF_8));
    assertThat(v2.toString())
        .isEqualTo(
            "[{\"status\":413,\"message\":\"The specified limit exceeds the maximum allowed.\",\"details\":{\"max_limit\":250}}]");
  }

  @Test
  void unexpectedErrorsNameTheRequestIdAndNothingElse() {
    Reply r = ErrorRenderer.unexpected(ApiVersion.V3, "abc-1");
    String body = new String(r.body(), java.nio.charset.StandardCharsets.UTF_8);
    assertThat(r.status()).isEqualTo(500);
    assertThat(body).contains("abc-1").doesNotContain("Exception").doesNotContain("at dev.");
  }

  @Test
  void statusCodesAreExactlyThoseOfTheSeedTable() throws Exception {
    Path seed = Path.of("..", "shared", "seed", "api-status-codes.md");
    Assumptions.assumeTrue(
        Files.exists(seed), "../shared is absent: the seed table cannot be compared");
    Map<Integer, String> table = new LinkedHashMap<>();
    Matcher m =
        Pattern.compile("\\| \\*\\*(\\d{3})\\*\\* \\| \\*\\*([^*]+)\\*\\* \\|")
            .matcher(Files.readString(seed));
    while (m.find()) {
      table.put(Integer.parseInt(m.group(1)), m.group(2).trim());
    }
    Map<Integer, String> ours = new LinkedHashMap<>();
    for (Status s : Status.values()) {
      ours.put(s.code(), s.title());
    }
    assertThat(ours).isEqualTo(table);
  }
}
