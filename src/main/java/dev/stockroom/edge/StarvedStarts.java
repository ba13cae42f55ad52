package dev.stockroom.edge;

import java.lang.reflect.Field;
import java.lang.reflect.Method;
import java.util.concurrent.ForkJoinPool;
import java.util.concurrent.ForkJoinTask;
import org.jspecify.annotations.Nullable;

/**
 * Keeps new connections from waiting seconds while large pages keep every core busy.
 *
 * <p>The JDK runs virtual threads on a {@link ForkJoinPool}. A carrier thread drains its own queue
 * before it looks at the pool's submission queues, and under a saturating load its queue never
 * empties: the socket pollers and the connections' threads refill it. Helidon starts the thread of
 * each new connection from its accept thread, a platform thread, so that start lands in a
 * submission queue and waited there 0.2–18 s while 64 connections asked for 1 MB pages ({@code
 * bench/new-connections.sh}; bench/RESULTS.md). Each request therefore first moves a few waiting
 * submissions onto the end of its own carrier's queue, where they run in turn like every other
 * connection's work (about as long as a keep-alive request waits).
 *
 * <p>This needs two JDK internals (the scheduler, {@code ForkJoinPool.pollSubmission}) and so
 * {@code --add-opens java.base/java.lang=ALL-UNNAMED --add-opens
 * java.base/java.util.concurrent=ALL-UNNAMED}: the jar's manifest has them for {@code java -jar}
 * ({@code ./stockroom serve}). Without them, or on a JDK whose scheduler differs, nothing is moved
 * and {@link #unavailable()} says why.
 */
public final class StarvedStarts {
  /** Submissions moved per request: enough to keep up with accepts, small next to a request. */
  private static final int PER_REQUEST = 4;

  private static final @Nullable ForkJoinPool SCHEDULER;
  private static final @Nullable Method POLL;
  private static final @Nullable String UNAVAILABLE;

  static {
    ForkJoinPool scheduler = null;
    Method poll = null;
    String unavailable = null;
    try {
      Field f = Class.forName("java.lang.VirtualThread").getDeclaredField("DEFAULT_SCHEDULER");
      f.setAccessible(true);
      scheduler = (ForkJoinPool) f.get(null);
      poll = ForkJoinPool.class.getDeclaredMethod("pollSubmission");
      poll.setAccessible(true);
    } catch (ReflectiveOperationException | RuntimeException e) {
      scheduler = null;
      poll = null;
      unavailable = e.toString();
    }
    SCHEDULER = scheduler;
    POLL = poll;
    UNAVAILABLE = unavailable;
  }

  private StarvedStarts() {}

  /** Why nothing is moved (the JDK refused access), or null when it works. */
  public static @Nullable String unavailable() {
    return UNAVAILABLE;
  }

  /**
   * On a virtual thread, moves up to {@link #PER_REQUEST} waiting submissions of the scheduler to
   * the end of this carrier's queue ({@code execute} from a carrier pushes there).
   */
  static void relieve() {
    ForkJoinPool scheduler = SCHEDULER;
    Method poll = POLL;
    if (scheduler == null || poll == null || !Thread.currentThread().isVirtual()) {
      return;
    }
    for (int i = 0; i < PER_REQUEST && scheduler.hasQueuedSubmissions(); i++) {
      Object task;
      try {
        task = poll.invoke(scheduler);
      } catch (ReflectiveOperationException e) {
        return;
      }
      if (!(task instanceof ForkJoinTask<?> waiting)) {
        return;
      }
      scheduler.execute(waiting);
    }
  }
}
