package dev.stockroom.tasks;

import com.fasterxml.jackson.databind.JsonNode;
import dev.stockroom.testing.ApiClient;
import java.util.function.Supplier;

/** Test helpers: polling a task resource until it is finished, and a valid v2 order body. */
final class TaskPolling {
  private TaskPolling() {}

  /** Polls {@code get} until the task is completed or failed (20 s at most); the last task. */
  static JsonNode awaitFinished(Supplier<ApiClient.Response> get) {
    long deadline = System.nanoTime() + 20_000_000_000L;
    while (true) {
      ApiClient.Response r = get.get();
      if (r.status() != 200) {
        throw new AssertionError("polling the task answered " + r);
      }
      JsonNode task = r.json().path("data");
      String status = task.path("status").asText();
      if (status.equals("completed") || status.equals("failed")) {
        return task;
      }
      if (System.nanoTime() > deadline) {
        throw new AssertionError("task still " + status + " after 20 s: " + task);
      }
      try {
        Thread.sleep(50);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        throw new AssertionError(e);
      }
    }
  }

  static String order(int n) {
    return "{\"customer_id\":0,\"billing_address\":{\"first_name\":\"Ann\",\"last_name\":\"Buyer "
        + n
        + "\",\"street_1\":\"1 Main St\",\"city\":\"Austin\",\"state\":\"Texas\",\"zip\":\"78701\","
        + "\"country\":\"United States\",\"country_iso2\":\"US\",\"email\":\"ann@example.com\"},"
        + "\"products\":[{\"name\":\"Thing\",\"quantity\":1,\"price_inc_tax\":10,"
        + "\"price_ex_tax\":10}]}";
  }
}
