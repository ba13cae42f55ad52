package dev.stockroom.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.stockroom.testing.Stockroom;
import dev.stockroom.testing.StockroomTest;
import java.io.PrintWriter;
import java.io.StringWriter;
import org.junit.jupiter.api.Test;

/** The command line drives the control plane of a running server, as the README shows. */
@StockroomTest
class CliTest {
  final Stockroom sr;

  CliTest(Stockroom sr) {
    this.sr = sr;
  }

  CliRun cli(String... args) {
    return CliRun.of(sr, args);
  }

  @Test
  void storeAndAccountCommandsWork() throws Exception {
    CliRun created =
        cli("store", "create", "--name", "From CLI", "--plan", "pro", "--product-limit", "42");
    assertThat(created.code()).as(created.err()).isZero();
    JsonNode store = created.json().path("data");
    assertThat(store.path("plan").asText()).isEqualTo("pro");
    assertThat(store.path("product_limit").asLong()).isEqualTo(42);
    String hash = store.path("store_hash").asText();

    CliRun updated = cli("store", "update", hash, "--status", "maintenance", "--rate-quota", "5");
    assertThat(updated.code()).isZero();
    assertThat(updated.json().path("data").path("status").asText()).isEqualTo("maintenance");
    assertThat(updated.json().path("data").path("rate_limit").path("quota").asLong()).isEqualTo(5);
    assertThat(cli("store", "list").out()).contains(hash);
    assertThat(cli("store", "get", hash).json().path("data").path("name").asText())
        .isEqualTo("From CLI");

    CliRun account =
        cli(
            "account",
            "create",
            "--store",
            hash,
            "--name",
            "cli app",
            "--scope",
            "store_v2_products,store_v2_information_read_only");
    assertThat(account.code()).as(account.err()).isZero();
    String token = account.json().path("data").path("access_token").asText();
    assertThat(token).hasSize(31);
    cli("store", "update", hash, "--status", "live");
    assertThat(
            sr.http()
                .send("GET", "/stores/" + hash + "/v2/time", null, "X-Auth-Token", token)
                .status())
        .isEqualTo(200);
    assertThat(cli("account", "list", "--store", hash).out())
        .contains("cli app")
        .doesNotContain(token);
    long id = account.json().path("data").path("id").asLong();
    assertThat(cli("account", "delete", "--store", hash, Long.toString(id)).code()).isZero();
    assertThat(
            sr.http()
                .send("GET", "/stores/" + hash + "/v2/time", null, "X-Auth-Token", token)
                .status())
        .isEqualTo(401);
    assertThat(cli("store", "delete", hash).code()).isZero();
    assertThat(cli("store", "get", hash).code()).isEqualTo(1);
  }

  @Test
  void storeSeedSchedulesSampleDataAndShowsProgressUntilDone() throws Exception {
    String hash =
        cli("store", "create", "--name", "Seeded").json().path("data").path("store_hash").asText();
    CliRun seed =
        cli(
            "store",
            "seed",
            "--store",
            hash,
            "--products",
            "4",
            "--customers",
            "1",
            "--orders",
            "1",
            "--poll-ms",
            "50");
    assertThat(seed.code()).as(seed.err()).isZero();
    assertThat(seed.out()).contains("task 1 scheduled").contains("completed: 6/6");
    assertThat(seed.out()).contains("\"products\":4");
    assertThat(cli("store", "seed", "--store", hash).code()).as("nothing asked for").isEqualTo(1);
  }

  @Test
  void errorsSayWhatToDo() {
    CliRun bad =
        cli(
            "account",
            "create",
            "--store",
            "nosuchstore",
            "--name",
            "x",
            "--scope",
            "store_v2_products");
    assertThat(bad.code()).isEqualTo(1);
    assertThat(bad.err()).contains("404").contains("not found");
    StringWriter err = new StringWriter();
    int code =
        Cli.run(
            new String[] {"store", "list", "--url", "http://127.0.0.1:1", "--admin-token", "x"},
            new PrintWriter(new StringWriter()),
            new PrintWriter(err));
    assertThat(code).isNotZero();
    assertThat(err.toString()).contains("Cannot reach Stockroom");
  }
}
