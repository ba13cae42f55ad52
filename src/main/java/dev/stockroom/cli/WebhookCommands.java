package dev.stockroom.cli;

import com.fasterxml.jackson.databind.JsonNode;
import dev.stockroom.api.Json;
import java.io.IOException;
import java.io.PrintWriter;
import java.util.concurrent.Callable;
import org.jspecify.annotations.Nullable;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * {@code stockroom webhooks list|log|retry-now}: a store's hooks with their backlog, one hook's
 * delivery attempts, and sending pending retries now, through the control plane.
 */
@Command(
    name = "webhooks",
    mixinStandardHelpOptions = true,
    description = "A store's webhooks: list them, show a hook's deliveries, retry now.",
    subcommands = {
      WebhookCommands.ListAll.class,
      WebhookCommands.Log.class,
      WebhookCommands.Now.class
    })
final class WebhookCommands {
  private WebhookCommands() {}

  @Command(name = "list", mixinStandardHelpOptions = true, description = "Every hook of a store.")
  static final class ListAll extends Cli.Remote implements Callable<Integer> {
    @CommandLine.Spec CommandLine.Model.CommandSpec spec;

    @Option(names = "--store", required = true, description = "store hash")
    String hash;

    @Override
    public Integer call() throws IOException {
      return send(spec, "GET", "/admin/api/stores/" + hash + "/webhooks", null);
    }
  }

  @Command(
      name = "log",
      mixinStandardHelpOptions = true,
      description = "A hook's delivery attempts, newest first: time, status, latency, error.")
  static final class Log extends Cli.Remote implements Callable<Integer> {
    @CommandLine.Spec CommandLine.Model.CommandSpec spec;

    @Option(names = "--store", required = true, description = "store hash")
    String hash;

    @Option(names = "--id", required = true, description = "webhook id")
    long id;

    @Option(names = "--limit", defaultValue = "20", description = "attempts (default: 20)")
    int limit;

    @Option(names = "--json", description = "print the control plane's JSON instead of lines")
    boolean json;

    @Override
    public Integer call() throws IOException {
      PrintWriter out = spec.commandLine().getOut();
      AdminClient.Answer a =
          client()
              .send(
                  "GET",
                  "/admin/api/stores/" + hash + "/webhooks/" + id + "/deliveries?limit=" + limit,
                  null);
      if (json || a.status() >= 400) {
        return Cli.print(out, spec.commandLine().getErr(), a);
      }
      JsonNode data = Json.tree(a.body()).path("data");
      if (data.isEmpty()) {
        out.println("No delivery attempts for webhook " + id + " yet.");
      }
      data.forEach(r -> out.println(line(r)));
      out.flush();
      return 0;
    }

    static String line(JsonNode r) {
      StringBuilder s = new StringBuilder();
      s.append(r.path("at").asText()).append("  ").append(r.path("scope").asText());
      s.append("  delivery ").append(r.path("delivery_id").asText());
      s.append(" attempt ").append(r.path("attempt").asText()).append("  ");
      s.append(r.path("status").isNull() ? "no answer" : r.path("status").asText());
      s.append("  ").append(r.path("latency_ms").asText()).append(" ms");
      if (!r.path("error").isNull()) {
        s.append("  ").append(r.path("error").asText());
      }
      if (!r.path("next_attempt_at").isNull()) {
        s.append("  next ").append(r.path("next_attempt_at").asText());
      }
      return s.toString();
    }
  }

  @Command(
      name = "retry-now",
      mixinStandardHelpOptions = true,
      description = "Send a store's pending webhook retries now (or one hook's, with --id).")
  static final class Now extends Cli.Remote implements Callable<Integer> {
    @CommandLine.Spec CommandLine.Model.CommandSpec spec;

    @Option(names = "--store", required = true, description = "store hash")
    String hash;

    @Option(names = "--id", description = "only this webhook")
    @Nullable Long id;

    @Override
    public Integer call() throws IOException {
      String path =
          "/admin/api/stores/" + hash + "/webhooks" + (id == null ? "" : "/" + id) + "/retry-now";
      return send(spec, "POST", path, "{}");
    }
  }
}
