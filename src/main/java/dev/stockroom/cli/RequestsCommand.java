package dev.stockroom.cli;

import com.fasterxml.jackson.databind.JsonNode;
import dev.stockroom.api.Json;
import java.io.IOException;
import java.io.PrintWriter;
import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** {@code stockroom requests --store H}: a store's recent API requests, newest first. */
@Command(
    name = "requests",
    mixinStandardHelpOptions = true,
    description =
        "Show a store's recent API requests on that server, newest first: status, latency,"
            + " rate-limit state, the fault rule that fired and the troubleshooting hint.")
final class RequestsCommand extends Cli.Remote implements Callable<Integer> {
  @CommandLine.Spec CommandLine.Model.CommandSpec spec;

  @Option(names = "--store", required = true, description = "store hash")
  String hash;

  @Option(
      names = "--limit",
      defaultValue = "20",
      description = "how many (1 to 1000; default: ${DEFAULT-VALUE})")
  int limit;

  @Option(names = "--json", description = "print the control plane's JSON instead of lines")
  boolean json;

  @Override
  public Integer call() throws IOException {
    PrintWriter out = spec.commandLine().getOut();
    PrintWriter err = spec.commandLine().getErr();
    AdminClient.Answer a =
        client().send("GET", "/admin/api/stores/" + hash + "/requests?limit=" + limit, null);
    if (json || a.status() >= 400) {
      return Cli.print(out, err, a);
    }
    JsonNode data = Json.tree(a.body()).path("data");
    if (data.isEmpty()) {
      out.println("No requests recorded for store " + hash + " on this server yet.");
    }
    data.forEach(r -> out.println(line(r)));
    out.flush();
    return 0;
  }

  /** One request on one line; its hint, when there is one, indented on the next. */
  static String line(JsonNode r) {
    StringBuilder s = new StringBuilder();
    s.append(r.path("at").asText()).append("  ");
    s.append(String.format("%-6s ", r.path("method").asText()));
    s.append(r.path("path").asText());
    if (!r.path("query").asText().isEmpty()) {
      s.append('?').append(r.path("query").asText());
    }
    s.append("  ").append(r.path("dropped").asBoolean() ? "dropped" : r.path("status").asText());
    s.append("  ").append(r.path("latency_ms").asText()).append(" ms");
    JsonNode h = r.path("rate_limit_headers");
    if (h.isObject()) {
      s.append("  left ")
          .append(h.path("X-Rate-Limit-Requests-Left").asText())
          .append('/')
          .append(h.path("X-Rate-Limit-Requests-Quota").asText());
      if (h.has("X-Retry-After")) {
        s.append(" retry after ").append(h.path("X-Retry-After").asText()).append(" s");
      }
    }
    if (!r.path("fault_rule_id").isNull()) {
      s.append("  fault rule ").append(r.path("fault_rule_id").asText());
    }
    if (!r.path("hint").isNull()) {
      s.append(System.lineSeparator()).append("    hint: ").append(r.path("hint").asText());
    }
    return s.toString();
  }
}
