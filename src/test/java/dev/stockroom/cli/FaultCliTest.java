package dev.stockroom.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.stockroom.testing.Stockroom;
import dev.stockroom.testing.StockroomTest;
import dev.stockroom.testing.TestStore;
import org.junit.jupiter.api.Test;

/**
 * {@code fault add|list|remove}, {@code store drain-rate-limit} and {@code requests}, as README.
 */
@StockroomTest
class FaultCliTest {
  final Stockroom sr;

  FaultCliTest(Stockroom sr) {
    this.sr = sr;
  }

  CliRun cli(String... args) {
    return CliRun.of(sr, args);
  }

  @Test
  void faultCommandsAddListAndRemoveRules() throws Exception {
    TestStore s = sr.newStore();
    CliRun added =
        cli(
            "fault",
            "add",
            "--store",
            s.hash(),
            "--status",
            "500",
            "--method",
            "get",
            "--path",
            "/v3/catalog/*",
            "--times",
            "3");
    assertThat(added.code()).as(added.err()).isZero();
    JsonNode rule = added.json().path("data");
    assertThat(rule.path("method").asText()).isEqualTo("GET");
    assertThat(rule.path("remaining").asLong()).isEqualTo(3);
    assertThat(s.get("v3/catalog/brands").status()).isEqualTo(500);
    assertThat(s.get("v2/time").status()).isEqualTo(200);

    CliRun slow =
        cli("fault", "add", "--store", s.hash(), "--latency-ms", "5", "--probability", "0.5");
    assertThat(slow.code()).as(slow.err()).isZero();
    CliRun dropping = cli("fault", "add", "--store", s.hash(), "--drop", "--path", "/v2/orders*");
    assertThat(dropping.json().path("data").path("drop").asBoolean()).isTrue();

    CliRun listed = cli("fault", "list", "--store", s.hash());
    assertThat(listed.json().path("data").size()).isEqualTo(3);
    assertThat(listed.json().path("data").get(0).path("fired").asLong()).isEqualTo(1);

    long id = rule.path("id").asLong();
    assertThat(cli("fault", "remove", "--store", s.hash(), "--id", Long.toString(id)).code())
        .isZero();
    assertThat(cli("fault", "list", "--store", s.hash()).json().path("data").size()).isEqualTo(2);
    assertThat(cli("fault", "remove", "--store", s.hash(), "--all").code()).isZero();
    assertThat(cli("fault", "list", "--store", s.hash()).json().path("data").size()).isZero();
  }

  @Test
  void badRulesAndMissingChoicesSayWhatIsWrong() {
    TestStore s = sr.newStore();
    CliRun bad = cli("fault", "add", "--store", s.hash(), "--status", "200");
    assertThat(bad.code()).isEqualTo(1);
    assertThat(bad.err()).contains("422").contains("status");
    CliRun nothing = cli("fault", "remove", "--store", s.hash());
    assertThat(nothing.code()).isNotZero();
    assertThat(nothing.err()).contains("--id").contains("--all");
  }

  @Test
  void drainThenRequestsShowsThe429WithItsHeaders() throws Exception {
    TestStore s = sr.newStore();
    assertThat(s.get("v2/time").status()).isEqualTo(200);
    CliRun drained = cli("store", "drain-rate-limit", "--store", s.hash());
    assertThat(drained.code()).as(drained.err()).isZero();
    assertThat(drained.json().path("data").path("requests_left").asLong()).isZero();
    assertThat(s.get("v2/time").status()).isEqualTo(429);

    CliRun lines = cli("requests", "--store", s.hash());
    assertThat(lines.code()).as(lines.err()).isZero();
    String[] out = lines.out().strip().split("\\R");
    assertThat(out[0]).contains("GET").contains("/v2/time").contains("429").contains("left 0/");
    assertThat(out[0]).contains("retry after");
    assertThat(out[1]).contains("200");
    CliRun json = cli("requests", "--store", s.hash(), "--json", "--limit", "1");
    assertThat(json.json().path("data").size()).isEqualTo(1);
    assertThat(cli("requests", "--store", "nosuchstore").err()).contains("404");
  }
}
