package dev.stockroom.webhooks;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.stockroom.testing.ApiClient.Response;
import dev.stockroom.testing.Receiver;
import dev.stockroom.testing.Receiver.Answer;
import dev.stockroom.testing.Receiver.Hit;
import dev.stockroom.testing.Stockroom;
import dev.stockroom.testing.StockroomTest;
import dev.stockroom.testing.TestStore;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.time.Instant;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * Retries on the hosted schedule, checked to the second by moving the server's clock; what counts
 * as a failure; the delivery log and "retry now" of the control plane; domain blocking.
 */
@StockroomTest
class WebhookRetriesApiTest {
  static final long[] SCHEDULE = {60, 180, 300, 600, 900, 1800, 3600, 7200, 21600, 50400, 86400};
  final Stockroom sr;
  final Receiver receiver = new Receiver();

  WebhookRetriesApiTest(Stockroom sr) {
    this.sr = sr;
  }

  @AfterEach
  void stop() {
    receiver.close();
  }

  long hook(TestStore s, String destination) {
    Response r =
        s.post(
            "v3/hooks",
            "{\"scope\":\"store/category/created\",\"destination\":\"" + destination + "\"}");
    assertThat(r.status()).as(r.body()).isEqualTo(201);
    return r.json().path("data").path("id").asLong();
  }

  JsonNode log(TestStore s, long hook) {
    Response r =
        sr.admin(
            "GET", "/admin/api/stores/" + s.hash() + "/webhooks/" + hook + "/deliveries", null);
    assertThat(r.status()).as(r.body()).isEqualTo(200);
    return r.json().path("data");
  }

  /** Waits until the hook's log holds {@code n} attempts (recorded after the receiver answers). */
  JsonNode awaitLog(TestStore s, long hook, int n) {
    Receiver.await(15, () -> log(s, hook).size() >= n);
    JsonNode l = log(s, hook);
    assertThat(l).as("attempts logged").hasSize(n);
    return l;
  }

  static void pause(long ms) {
    try {
      Thread.sleep(ms);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }

  @Test
  void failuresAreRetriedOnTheHostedScheduleThenTheHookIsDeactivated() {
    receiver.answering((n, h) -> Answer.status(500));
    TestStore s = sr.newStore();
    long hook = hook(s, receiver.url("/fail"));
    s.category("Retried", 0);
    awaitLog(s, hook, 1);
    for (int i = 0; i < SCHEDULE.length; i++) {
      sr.clock().advance(SCHEDULE[i] * 1000 - 1000);
      pause(400); // four polls: a second early, nothing may go
      assertThat(receiver.hits()).as("a second before retry " + (i + 1)).hasSize(i + 1);
      sr.clock().advance(1000);
      awaitLog(s, hook, i + 2);
    }
    JsonNode l = log(s, hook); // newest first
    for (int i = 0; i < SCHEDULE.length; i++) {
      JsonNode attempt = l.get(l.size() - 1 - i);
      JsonNode retry = l.get(l.size() - 2 - i);
      long due = Instant.parse(attempt.path("next_attempt_at").asText()).toEpochMilli();
      long sent = attempt.path("at_ms").asLong() + attempt.path("latency_ms").asLong();
      assertThat(Math.round((due - sent) / 1000.0))
          .as("seconds before retry " + (i + 1))
          .isEqualTo(SCHEDULE[i]);
      assertThat(retry.path("at_ms").asLong()).as("retry " + (i + 1)).isGreaterThanOrEqualTo(due);
      assertThat(attempt.path("status").asInt()).isEqualTo(500);
      assertThat(retry.path("attempt").asInt()).isEqualTo(i + 2);
    }
    assertThat(l.get(0).path("next_attempt_at").isNull()).isTrue();
    Set<String> hashes = new HashSet<>();
    receiver.hits().forEach(h -> hashes.add(h.hash()));
    assertThat(hashes).as("every attempt of one delivery carries the same hash").hasSize(1);
    // contract: spec-digest §7 — after the final retry the hook is deactivated
    assertThat(s.get("v3/hooks/" + hook).json().path("data").path("is_active").asBoolean())
        .isFalse();
    sr.clock().advance(86_400_000L * 3);
    pause(400);
    assertThat(receiver.hits()).hasSize(12);
    s.category("After deactivation", 0);
    pause(400);
    assertThat(receiver.hits()).hasSize(12);
  }

  @Test
  void aSuccessfulRetryEndsTheRetriesAndKeepsTheHash() {
    receiver.answering((n, h) -> Answer.status(n == 1 ? 503 : 204));
    TestStore s = sr.newStore();
    long hook = hook(s, receiver.url("/flaky"));
    s.category("Flaky", 0);
    awaitLog(s, hook, 1);
    sr.clock().advance(60_000);
    JsonNode l = awaitLog(s, hook, 2);
    assertThat(l.get(0).path("status").asInt()).isEqualTo(204);
    assertThat(l.get(1).path("status").asInt()).isEqualTo(503);
    assertThat(l.get(0).path("next_attempt_at").isNull()).isTrue();
    List<Hit> hits = receiver.hits();
    assertThat(hits.get(0).hash()).isEqualTo(hits.get(1).hash());
    sr.clock().advance(600_000);
    pause(400);
    assertThat(receiver.hits()).hasSize(2);
  }

  @Test
  void aRedirectIsAFailureAndIsNotFollowed() {
    try (Receiver inside = new Receiver()) {
      receiver.answering((n, h) -> new Answer(302, 0, inside.url("/internal"), 0));
      TestStore s = sr.newStore();
      long hook = hook(s, receiver.url("/redirect"));
      s.category("Redirected", 0);
      JsonNode l = awaitLog(s, hook, 1);
      assertThat(l.get(0).path("status").asInt()).isEqualTo(302);
      assertThat(l.get(0).path("next_attempt_at").isTextual()).isTrue();
      pause(300);
      assertThat(inside.hits()).isEmpty();
    }
  }

  @Test
  void aSlowReceiverTimesOut() {
    receiver.answering((n, h) -> new Answer(200, 3_500, "", 0));
    TestStore s = sr.newStore();
    long hook = hook(s, receiver.url("/slow"));
    s.category("Slow", 0);
    JsonNode l = awaitLog(s, hook, 1);
    assertThat(l.get(0).path("status").isNull()).isTrue();
    assertThat(l.get(0).path("error").asText()).contains("timed out");
    assertThat(l.get(0).path("latency_ms").asLong()).isBetween(1_900L, 3_000L);
  }

  @Test
  void aHugeAnswerIsNotRead() {
    receiver.answering((n, h) -> new Answer(200, 0, "", 50L * 1024 * 1024));
    TestStore s = sr.newStore();
    long hook = hook(s, receiver.url("/huge"));
    s.category("Huge", 0);
    JsonNode l = awaitLog(s, hook, 1);
    assertThat(l.get(0).path("status").asInt()).isEqualTo(200);
    assertThat(l.get(0).path("latency_ms").asLong()).isLessThan(1_500L);
  }

  @Test
  void aConnectionResetIsAFailure() throws IOException {
    try (ServerSocket rude = new ServerSocket(0, 50, InetAddress.getLoopbackAddress())) {
      Thread.ofVirtual()
          .start(
              () -> {
                while (!rude.isClosed()) {
                  try (Socket c = rude.accept()) {
                    c.setSoLinger(true, 0); // RST instead of FIN
                  } catch (IOException e) {
                    return;
                  }
                }
              });
      TestStore s = sr.newStore();
      long hook = hook(s, "http://127.0.0.1:" + rude.getLocalPort() + "/reset");
      s.category("Reset", 0);
      JsonNode l = awaitLog(s, hook, 1);
      assertThat(l.get(0).path("status").isNull()).isTrue();
      assertThat(l.get(0).path("error").asText()).isNotBlank();
      assertThat(l.get(0).path("next_attempt_at").isTextual()).isTrue();
    }
  }

  @Test
  void nothingListeningIsAFailure() {
    int port;
    try (ServerSocket free = new ServerSocket(0)) {
      port = free.getLocalPort();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    TestStore s = sr.newStore();
    long hook = hook(s, "http://127.0.0.1:" + port + "/closed");
    s.category("Nobody home", 0);
    JsonNode l = awaitLog(s, hook, 1);
    assertThat(l.get(0).path("error").asText()).containsIgnoringCase("connect");
  }

  @Test
  void retryNowSendsPendingRetriesWithoutWaiting() {
    receiver.answering((n, h) -> Answer.status(n == 1 ? 500 : 200));
    TestStore s = sr.newStore();
    long hook = hook(s, receiver.url("/now"));
    s.category("Now", 0);
    awaitLog(s, hook, 1);
    JsonNode listed = sr.admin("GET", "/admin/api/stores/" + s.hash() + "/webhooks", null).json();
    assertThat(listed.path("data").get(0).path("pending_deliveries").asLong()).isEqualTo(1);
    Response r =
        sr.admin(
            "POST", "/admin/api/stores/" + s.hash() + "/webhooks/" + hook + "/retry-now", "{}");
    assertThat(r.status()).as(r.body()).isEqualTo(200);
    assertThat(r.json().path("data").path("rescheduled").asInt()).isEqualTo(1);
    JsonNode l = awaitLog(s, hook, 2);
    assertThat(l.get(0).path("status").asInt()).isEqualTo(200);
    JsonNode after = sr.admin("GET", "/admin/api/stores/" + s.hash() + "/webhooks", null).json();
    assertThat(after.path("data").get(0).path("pending_deliveries").asLong()).isZero();
  }

  @Test
  void theControlPlaneViewsNeedTheAdminTokenAndKnownIds() {
    TestStore s = sr.newStore();
    long hook = hook(s, receiver.url("/x"));
    String base = "/admin/api/stores/" + s.hash() + "/webhooks";
    assertThat(sr.http().send("GET", base, null).status()).isEqualTo(401);
    assertThat(sr.http().send("GET", base, null, "Authorization", "Bearer nope").status())
        .isEqualTo(401);
    assertThat(sr.admin("GET", "/admin/api/stores/nosuchstore/webhooks", null).status())
        .isEqualTo(404);
    assertThat(sr.admin("GET", base + "/999/deliveries", null).status()).isEqualTo(404);
    assertThat(sr.admin("GET", base + "/" + hook + "/deliveries", null).status()).isEqualTo(200);
  }

  @Test
  void aFailingDomainIsBlockedForThreeMinutes() {
    receiver.answering((n, h) -> Answer.status(500));
    TestStore s = sr.newStore();
    long hook = hook(s, receiver.url("/blocked"));
    for (int i = 0; i < 100; i++) {
      s.category("C" + i, 0);
    }
    awaitLog(s, hook, 100);
    s.category("While blocked", 0);
    pause(500);
    assertThat(receiver.hits()).as("nothing goes to a blocked domain").hasSize(100);
    JsonNode listed = sr.admin("GET", "/admin/api/stores/" + s.hash() + "/webhooks", null).json();
    assertThat(listed.path("data").get(0).path("domain_blocked_until").isTextual()).isTrue();
    assertThat(listed.path("data").get(0).path("pending_deliveries").asLong()).isEqualTo(101);
    receiver.answering((n, h) -> Answer.status(200)); // the receiver is fixed meanwhile
    sr.clock().advance(180_000);
    Receiver.await(
        15, () -> !receiver.hits(h -> h.body().path("data").path("id").asLong() == 101).isEmpty());
    assertThat(receiver.hits(h -> h.body().path("data").path("id").asLong() == 101))
        .as("the event held back while blocked goes once the block ends")
        .hasSize(1);
  }
}
