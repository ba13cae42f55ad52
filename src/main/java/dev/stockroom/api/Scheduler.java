package dev.stockroom.api;

/**
 * What routes need to turn a large operation into a task (202 Accepted) instead of doing it in the
 * request. It lives in {@code api} so that features need not know the {@code tasks} feature that
 * implements it; {@code App} wires the two.
 */
public interface Scheduler {
  /** Operations touching more objects than this are scheduled ({@code --task-threshold}). */
  int threshold();

  /**
   * Records {@code call} as a task of {@code kind} that replays the same request at {@code path}
   * (the request path, e.g. {@code /stores/abc/v2/orders}) later, as the same API account, and
   * answers 202 with its {@code Location}.
   *
   * @param total how many objects the operation touches, the task's progress total
   */
  Reply schedule(Call call, String kind, String path, long total);

  /** Whether an operation touching {@code touched} objects is scheduled rather than done now. */
  default boolean defers(Call call, long touched) {
    return !call.scheduledRun() && touched > threshold();
  }

  /** Schedules nothing: for routers without tasks (never defers, never called). */
  Scheduler NEVER =
      new Scheduler() {
        @Override
        public int threshold() {
          return Integer.MAX_VALUE;
        }

        @Override
        public Reply schedule(Call call, String kind, String path, long total) {
          throw new IllegalStateException("no scheduler");
        }

        @Override
        public boolean defers(Call call, long touched) {
          return false;
        }
      };
}
