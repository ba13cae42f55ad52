package dev.stockroom.edge;

import java.lang.invoke.MethodHandle;
import java.lang.invoke.MethodHandles;
import java.lang.invoke.MethodType;
import java.lang.reflect.Field;
import java.lang.reflect.InaccessibleObjectException;
import java.util.concurrent.ForkJoinPool;
import java.util.concurrent.ForkJoinTask;
import org.jspecify.annotations.Nullable;

/**
 * Relays tasks waiting in the virtual-thread scheduler's submission queues to the end of the
 * current carrier's own queue, so that new connections are not left waiting for seconds while large
 * pages keep every core busy.
 *
 * <p>The JDK runs virtual threads on a {@link ForkJoinPool}. A carrier thread runs everything in
 * its own queue before it looks at the pool's submission queues, and under a saturating load that
 * queue never empties: the socket sub-pollers yield onto it, and the threads they wake are there
 * too. Work handed in from platform threads waits in the submission queues meanwhile: the thread of
 * each new connection (Helidon starts it from its accept thread), and also timer wake-ups and the
 * master poller's. Under 64 connections asking for 1 MB pages a new connection's first answer came
 * only when the load let up, after up to 18 s (bench/RESULTS.md, "New connections under a
 * saturating load, solved"). Each request therefore first relays up to {@link #PER_REQUEST} waiting
 * tasks; they then run in turn with every other connection's work.
 *
 * <p>This uses three JDK internals, the scheduler, the protected {@code
 * ForkJoinPool.pollSubmission} and {@code jdk.internal.vm.Continuation.pin} (the JDK pins a virtual
 * thread to its carrier in the same way while it pushes onto the carrier's queue), so {@code
 * java.base/java.lang}, {@code java.base/java.util.concurrent} and {@code
 * java.base/jdk.internal.vm} must be opened: the jar's manifest does it for {@code java -jar}
 * ({@code ./stockroom serve}). Otherwise, or on a JDK without them, nothing is relayed and {@link
 * #unavailable()} says why. Measured on JDK 25.
 */
public final class SubmissionRelay {
  /** Tasks relayed per request: enough to keep up with accepts, small next to a request. */
  private static final int PER_REQUEST = 4;

  private static final @Nullable ForkJoinPool SCHEDULER;
  private static final @Nullable MethodHandle POLL;
  private static final @Nullable MethodHandle PIN;
  private static final @Nullable MethodHandle UNPIN;
  private static final @Nullable String UNAVAILABLE;

  static {
    ForkJoinPool scheduler = null;
    MethodHandle poll = null;
    MethodHandle pin = null;
    MethodHandle unpin = null;
    String unavailable = null;
    try {
      Field f = Class.forName("java.lang.VirtualThread").getDeclaredField("DEFAULT_SCHEDULER");
      f.setAccessible(true);
      scheduler = (ForkJoinPool) f.get(null);
      var pollSubmission = ForkJoinPool.class.getDeclaredMethod("pollSubmission");
      pollSubmission.setAccessible(true);
      poll = MethodHandles.lookup().unreflect(pollSubmission);
      Class<?> continuation = Class.forName("jdk.internal.vm.Continuation");
      MethodType none = MethodType.methodType(void.class);
      pin = MethodHandles.lookup().findStatic(continuation, "pin", none);
      unpin = MethodHandles.lookup().findStatic(continuation, "unpin", none);
    } catch (InaccessibleObjectException | IllegalAccessException e) {
      scheduler = null;
      unavailable =
          "the JDK did not open its internals ("
              + e.getMessage()
              + "); start Stockroom with ./stockroom serve or java -jar target/stockroom.jar, or"
              + " add --add-opens java.base/java.lang=ALL-UNNAMED --add-opens"
              + " java.base/java.util.concurrent=ALL-UNNAMED --add-opens"
              + " java.base/jdk.internal.vm=ALL-UNNAMED to the java command";
    } catch (ReflectiveOperationException | RuntimeException | LinkageError e) {
      scheduler = null;
      unavailable = "this JDK's virtual-thread scheduler is not the one measured (" + e + ")";
    }
    SCHEDULER = scheduler;
    POLL = poll;
    PIN = pin;
    UNPIN = unpin;
    UNAVAILABLE = unavailable;
  }

  private SubmissionRelay() {}

  /** Why nothing is relayed, or null when relaying works. */
  public static @Nullable String unavailable() {
    return UNAVAILABLE;
  }

  /**
   * On a virtual thread, relays up to {@link #PER_REQUEST} waiting submissions to the end of this
   * carrier's queue. Never throws: a task it cannot push there goes back to a submission queue.
   */
  static void relay() {
    ForkJoinPool scheduler = SCHEDULER;
    if (scheduler == null || !Thread.currentThread().isVirtual()) {
      return;
    }
    for (int i = 0; i < PER_REQUEST && scheduler.hasQueuedSubmissions(); i++) {
      if (!relayOne(scheduler)) {
        return;
      }
    }
  }

  @SuppressWarnings("NullAway") // POLL, PIN and UNPIN are set whenever SCHEDULER is
  private static boolean relayOne(ForkJoinPool scheduler) {
    ForkJoinTask<?> task;
    try {
      task = (ForkJoinTask<?>) POLL.invoke(scheduler);
    } catch (Throwable e) {
      return false;
    }
    if (task == null) {
      return false;
    }
    boolean pushed = false;
    try {
      PIN.invokeExact();
      try {
        // From a carrier, execute pushes onto that carrier's own queue (behind its other work).
        scheduler.execute(task);
        pushed = true;
      } finally {
        UNPIN.invokeExact();
      }
    } catch (Throwable e) {
      if (pushed) {
        return true; // queued once already: submitting it again would run the thread twice
      }
      // Out of queue space or memory: the task must still run, from a submission queue.
      try {
        var unused = scheduler.externalSubmit(task); // the task is the thread's own; no result
      } catch (RuntimeException shutDown) {
        // Only when the JVM shuts its scheduler down: nothing will run any more.
      }
    }
    return true;
  }
}
