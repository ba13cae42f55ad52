package dev.stockroom.db;

import static org.assertj.core.api.Assertions.assertThat;

import dev.stockroom.testing.Receiver;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * On SQLite, reads take turns at a few long-lived reader connections, first come first served: each
 * reader that frees up goes to the read that has waited longest. Requests (virtual threads) and
 * background work (platform threads) have readers of their own.
 */
class ReadersTest {
  @Test
  void eachReaderThatFreesUpGoesToTheReadThatWaitedLongest(@TempDir Path dir) throws Exception {
    try (Database db = Database.open(null, dir, false)) {
      List<Integer> served = Collections.synchronizedList(new ArrayList<>());
      int holders = Database.READERS;
      int waiting = 6;
      List<CountDownLatch> done = new ArrayList<>();
      List<Thread> threads = new ArrayList<>();
      // Reads 0-3 take the four readers; reads 4-9 ask one after another and wait. Each read
      // notes its number once it has a reader, then keeps the reader until told to finish.
      for (int i = 0; i < holders + waiting; i++) {
        int n = i;
        CountDownLatch finish = new CountDownLatch(1);
        done.add(finish);
        threads.add(
            Thread.ofVirtual()
                .start(
                    () ->
                        db.read(
                            h -> {
                              served.add(n);
                              await(finish);
                              return h.createQuery("SELECT 1").mapTo(Integer.class).one();
                            })));
        if (i < holders) {
          assertThat(Receiver.await(10, () -> served.size() == n + 1)).isTrue();
        } else {
          assertThat(Receiver.await(10, () -> db.waitingReads() == n - holders + 1)).isTrue();
        }
      }
      assertThat(served).containsExactly(0, 1, 2, 3);
      assertThat(db.waitingReads()).isEqualTo(waiting);
      // Free one reader at a time: it goes to the longest waiting read, whatever the order in
      // which the holders finish.
      int[] finishOrder = {2, 0, 3, 1};
      for (int k = 0; k < holders; k++) {
        done.get(finishOrder[k]).countDown();
        int expected = holders + k + 1;
        assertThat(Receiver.await(10, () -> served.size() == expected)).isTrue();
        assertThat(served.get(expected - 1)).as("turns so far: %s", served).isEqualTo(holders + k);
        assertThat(db.waitingReads()).isEqualTo(waiting - k - 1);
      }
      done.forEach(CountDownLatch::countDown);
      for (Thread t : threads) {
        t.join(10_000);
      }
      // The last two got readers together: both served, in either order.
      assertThat(served.subList(0, holders * 2)).containsExactly(0, 1, 2, 3, 4, 5, 6, 7);
      assertThat(served).containsExactlyInAnyOrder(0, 1, 2, 3, 4, 5, 6, 7, 8, 9);
      assertThat(db.waitingReads()).isZero();
    }
  }

  @Test
  void backgroundReadsOnPlatformThreadsDoNotQueueBehindRequests(@TempDir Path dir)
      throws Exception {
    try (Database db = Database.open(null, dir, false)) {
      CountDownLatch finish = new CountDownLatch(1);
      List<Thread> requests = new ArrayList<>();
      // Requests (virtual threads) hold every request reader, and one more waits for a turn.
      for (int i = 0; i <= Database.READERS; i++) {
        requests.add(
            Thread.ofVirtual()
                .start(
                    () ->
                        db.read(
                            h -> {
                              await(finish);
                              return h.createQuery("SELECT 1").mapTo(Integer.class).one();
                            })));
      }
      assertThat(Receiver.await(10, () -> db.waitingReads() == 1)).isTrue();
      // Background work (platform threads: webhook deliveries, fault rules) reads meanwhile, on
      // its own readers: a turn handed from a platform thread to a waiting request would reach it
      // through the scheduler's slowest queue.
      int[] got = new int[2];
      Thread background =
          Thread.ofPlatform()
              .start(
                  () -> {
                    for (int i = 0; i < got.length; i++) {
                      got[i] =
                          db.read(h -> h.createQuery("SELECT 41 + 1").mapTo(Integer.class).one());
                    }
                  });
      background.join(10_000);
      assertThat(background.isAlive()).isFalse();
      assertThat(got).containsExactly(42, 42);
      assertThat(db.waitingReads()).isEqualTo(1);
      finish.countDown();
      for (Thread t : requests) {
        t.join(10_000);
        assertThat(t.isAlive()).isFalse();
      }
      assertThat(db.waitingReads()).isZero();
    }
  }

  private static void await(CountDownLatch latch) {
    try {
      assertThat(latch.await(10, TimeUnit.SECONDS)).isTrue();
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException(e);
    }
  }
}
