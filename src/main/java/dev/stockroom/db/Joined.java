package dev.stockroom.db;

import java.util.function.Consumer;
import java.util.function.Supplier;
import org.jdbi.v3.core.Handle;
import org.jdbi.v3.core.HandleCallback;
import org.jspecify.annotations.Nullable;

/**
 * Extra work joined to the next write transaction of the current thread. A scheduled task records
 * its progress in the same transaction as the change it reports (for example a created sample
 * product), so a task resumed after a crash neither repeats nor skips a step.
 */
public final class Joined {
  private static final ThreadLocal<@Nullable Consumer<Handle>> NEXT = new ThreadLocal<>();

  private Joined() {}

  /**
   * Runs {@code work} on this thread; the first {@link Database#write} it makes also runs {@code
   * also} in the same transaction (after the write's own work). Later writes are not joined.
   */
  public static <T> T withNextWrite(Consumer<Handle> also, Supplier<T> work) {
    NEXT.set(also);
    try {
      return work.get();
    } finally {
      NEXT.remove();
    }
  }

  /** Whether the joined work still waits for a write (inside {@code work}: none was made yet). */
  public static boolean pending() {
    return NEXT.get() != null;
  }

  static <T> HandleCallback<T, RuntimeException> into(HandleCallback<T, RuntimeException> work) {
    Consumer<Handle> also = NEXT.get();
    if (also == null) {
      return work;
    }
    NEXT.remove();
    return h -> {
      T value = work.withHandle(h);
      also.accept(h);
      return value;
    };
  }
}
