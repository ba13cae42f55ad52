package dev.stockroom.cli;

import com.fasterxml.jackson.databind.JsonNode;
import dev.stockroom.api.Json;
import java.io.IOException;
import java.io.PrintWriter;
import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * {@code store seed}: fills a store with sample data through the control plane's sample-data task,
 * and follows the task, printing its progress, until it is finished (long jobs show progress).
 */
@Command(
    name = "seed",
    mixinStandardHelpOptions = true,
    description = "Fill a store with sample products, customers and orders (a scheduled task).")
final class StoreSeed extends Cli.Remote implements Callable<Integer> {
  @CommandLine.Spec CommandLine.Model.CommandSpec spec;

  @Option(names = "--store", required = true, description = "store hash")
  String hash;

  @Option(names = "--products", defaultValue = "0", description = "sample products")
  long products;

  @Option(names = "--customers", defaultValue = "0", description = "sample customers")
  long customers;

  @Option(names = "--orders", defaultValue = "0", description = "sample guest orders")
  long orders;

  @Option(
      names = "--poll-ms",
      defaultValue = "500",
      description = "how often to ask for progress (default: ${DEFAULT-VALUE})")
  long pollMs;

  @Override
  public Integer call() throws IOException {
    PrintWriter out = spec.commandLine().getOut();
    PrintWriter err = spec.commandLine().getErr();
    AdminClient client = client();
    String body =
        "{\"products\":" + products + ",\"customers\":" + customers + ",\"orders\":" + orders + "}";
    AdminClient.Answer a = client.send("POST", "/admin/api/stores/" + hash + "/sample-data", body);
    if (a.status() != 202) {
      return Cli.print(out, err, a);
    }
    JsonNode task = Json.tree(a.body()).path("data");
    String location = "/admin/api/stores/" + hash + "/tasks/" + task.path("id").asLong();
    out.println("task " + task.path("id").asLong() + " scheduled: " + location);
    out.flush();
    long lastDone = -1;
    while (true) {
      String status = task.path("status").asText();
      long done = task.path("progress").path("done").asLong();
      if (done != lastDone) {
        out.printf(
            java.util.Locale.ROOT,
            "%s: %d/%d%n",
            status,
            done,
            task.path("progress").path("total").asLong());
        out.flush();
        lastDone = done;
      }
      if (status.equals("completed") || status.equals("failed")) {
        out.println(task.path("result").toString());
        out.flush();
        return status.equals("completed") ? 0 : 1;
      }
      sleep();
      AdminClient.Answer poll = client.send("GET", location, null);
      if (poll.status() != 200) {
        return Cli.print(out, err, poll);
      }
      task = Json.tree(poll.body()).path("data");
    }
  }

  private void sleep() throws IOException {
    try {
      Thread.sleep(Math.max(10, pollMs));
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IOException("interrupted", e);
    }
  }
}
