package dev.stockroom.tasks;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.stockroom.api.Json;
import dev.stockroom.api.Replay;
import dev.stockroom.api.Reply;
import dev.stockroom.api.Router;
import dev.stockroom.api.Schema;
import dev.stockroom.db.Joined;
import dev.stockroom.tenancy.Tenant;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.function.BooleanSupplier;
import org.jspecify.annotations.Nullable;

/**
 * The sample-data task: N products, then N customers, then N guest orders, each made by the same
 * request a client would send (so the data is exactly what the API makes). Each step records the
 * task's progress in the transaction that creates its object: a task resumed after a crash goes on
 * from the first object not made, and never makes one twice.
 */
final class SampleData {
  static final long MAX = 100_000;
  static final Schema INPUT =
      Schema.of()
          .integer("products", 0, MAX)
          .integer("customers", 0, MAX)
          .integer("orders", 0, MAX);
  private static final String CLIENT = "stockroom-sample-data";

  private final Router router;
  private final Task task;
  private final Tenant tenant;
  private final long products;
  private final long customers;

  SampleData(Router router, Task task, Tenant tenant) {
    this.router = router;
    this.task = task;
    this.tenant = tenant;
    JsonNode in = Json.tree(task.body());
    this.products = in.path("products").asLong();
    this.customers = in.path("customers").asLong();
  }

  /** How many objects a request body asks for (validated: 422 on bad input). */
  static long total(JsonNode body) {
    ObjectNode in = INPUT.check(body, "", List.of());
    return in.path("products").asLong()
        + in.path("customers").asLong()
        + in.path("orders").asLong();
  }

  /** Runs the remaining steps; null when {@code stopping} said to pause. */
  TaskRunner.@Nullable Result run(BooleanSupplier stopping) {
    for (long i = task.done(); i < task.total(); i++) {
      if (stopping.getAsBoolean()) {
        return null;
      }
      long step = i;
      long done = i + 1;
      boolean[] joined = {false};
      Reply reply =
          Joined.withNextWrite(
              h -> TaskStore.progress(h, task, done),
              () -> {
                Reply r = Replay.run(router, request(step), "task-" + task.id());
                joined[0] = !Joined.pending();
                return r;
              });
      if (reply.status() >= 300) {
        return new TaskRunner.Result(
            reply.status(), new String(reply.body(), StandardCharsets.UTF_8), i);
      }
      if (!joined[0]) {
        throw new IllegalStateException("a sample-data step wrote nothing: " + request(i).path());
      }
    }
    ObjectNode made = Json.MAPPER.createObjectNode();
    made.put("products", products);
    made.put("customers", customers);
    made.put("orders", task.total() - products - customers);
    return new TaskRunner.Result(200, Json.text(made), task.total());
  }

  /** The request that makes object {@code i} (0-based, products first, then customers, orders). */
  private Replay.Request request(long i) {
    String base = "/stores/" + tenant.hash();
    String tag = task.id() + "-" + (i + 1);
    if (i < products) {
      long n = i + 1;
      String body =
          "{\"name\":\"Sample product "
              + tag
              + "\",\"type\":\"physical\",\"weight\":1,\"price\":"
              + (5 + n % 95)
              + ",\"sku\":\"SAMPLE-"
              + tag
              + "\",\"inventory_tracking\":\"product\",\"inventory_level\":100}";
      return post(base + "/v3/catalog/products", body);
    }
    if (i < products + customers) {
      String body =
          "[{\"email\":\"sample-"
              + tag
              + "@example.com\",\"first_name\":\"Sample\",\"last_name\":\"Customer "
              + tag
              + "\"}]";
      return post(base + "/v3/customers", body);
    }
    String body =
        "{\"customer_id\":0,\"billing_address\":{\"first_name\":\"Sample\",\"last_name\":\"Buyer "
            + tag
            + "\",\"street_1\":\"1 Main St\",\"city\":\"Austin\",\"state\":\"Texas\","
            + "\"zip\":\"78701\",\"country\":\"United States\",\"country_iso2\":\"US\","
            + "\"email\":\"buyer-"
            + tag
            + "@example.com\"},\"products\":[{\"name\":\"Sample item\",\"quantity\":1,"
            + "\"price_inc_tax\":10,\"price_ex_tax\":10}]}";
    return post(base + "/v2/orders", body);
  }

  private Replay.Request post(String path, String body) {
    return new Replay.Request(
        tenant, CLIENT, "POST", path, "", body.getBytes(StandardCharsets.UTF_8));
  }
}
