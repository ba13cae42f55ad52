package dev.stockroom.cli;

import static org.assertj.core.api.Assertions.assertThat;

import dev.stockroom.testing.Receiver;
import dev.stockroom.testing.Receiver.Answer;
import dev.stockroom.testing.Stockroom;
import dev.stockroom.testing.StockroomTest;
import dev.stockroom.testing.TestStore;
import org.junit.jupiter.api.Test;

/** {@code webhooks list|log|retry-now}, as the README shows them. */
@StockroomTest
class WebhookCliTest {
  final Stockroom sr;

  WebhookCliTest(Stockroom sr) {
    this.sr = sr;
  }

  CliRun cli(String... args) {
    return CliRun.of(sr, args);
  }

  @Test
  void listLogAndRetryNowShowAndMoveTheDeliveries() {
    try (Receiver receiver = new Receiver()) {
      receiver.answering((n, h) -> Answer.status(n == 1 ? 500 : 200));
      TestStore s = sr.newStore();
      long id =
          s.post(
                  "v3/hooks",
                  "{\"scope\":\"store/category/created\",\"destination\":\""
                      + receiver.url("/cli")
                      + "\"}")
              .json()
              .path("data")
              .path("id")
              .asLong();
      s.category("Seen by the CLI", 0);
      Receiver.await(
          10,
          () -> cli("webhooks", "log", "--store", s.hash(), "--id", "" + id).out().contains("500"));
      CliRun log = cli("webhooks", "log", "--store", s.hash(), "--id", "" + id);
      assertThat(log.code()).isZero();
      assertThat(log.out()).contains("store/category/created").contains("500").contains("next ");
      CliRun list = cli("webhooks", "list", "--store", s.hash());
      assertThat(list.out()).contains("\"pending_deliveries\" : 1");
      CliRun now = cli("webhooks", "retry-now", "--store", s.hash(), "--id", "" + id);
      assertThat(now.code()).isZero();
      assertThat(now.out()).contains("\"rescheduled\" : 1");
      receiver.awaitHits(2, 10);
      Receiver.await(
          10,
          () ->
              cli("webhooks", "log", "--store", s.hash(), "--id", "" + id).out().contains(" 200 "));
      assertThat(cli("webhooks", "log", "--store", s.hash(), "--id", "" + id).out())
          .contains(" 200 ");
      CliRun missing = cli("webhooks", "log", "--store", s.hash(), "--id", "999");
      assertThat(missing.code()).isEqualTo(1);
      assertThat(missing.err()).contains("404");
    }
  }
}
