package dev.stockroom.cli;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.stockroom.api.Json;
import java.io.IOException;
import java.util.Locale;
import java.util.concurrent.Callable;
import org.jspecify.annotations.Nullable;
import picocli.CommandLine;
import picocli.CommandLine.ArgGroup;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * {@code stockroom fault add | list | remove} and {@code stockroom store drain-rate-limit}: failure
 * rehearsal through the control plane of a running server.
 */
@Command(
    name = "fault",
    mixinStandardHelpOptions = true,
    description = "Make a store's API requests fail on purpose (rehearse a client's retries).",
    subcommands = {
      FaultCommands.Add.class,
      FaultCommands.ListAll.class,
      FaultCommands.Remove.class
    })
final class FaultCommands {
  private FaultCommands() {}

  static String faults(String hash) {
    return "/admin/api/stores/" + hash + "/faults";
  }

  @Command(
      name = "add",
      mixinStandardHelpOptions = true,
      description = "Add a rule; matching requests answer --status, wait --latency-ms, or --drop.")
  static final class Add extends Cli.Remote implements Callable<Integer> {
    @CommandLine.Spec CommandLine.Model.CommandSpec spec;

    @Option(names = "--store", required = true, description = "store hash")
    String hash;

    @Option(names = "--status", description = "error status to answer, e.g. 500, 503, 429")
    @Nullable Integer status;

    @Option(names = "--method", defaultValue = "*", description = "GET, POST… or * (default)")
    String method;

    @Option(
        names = "--path",
        defaultValue = "*",
        description = "glob on the path after /stores/<hash>, e.g. '/v3/catalog/*' (default: *)")
    String path;

    @Option(names = "--times", description = "fire for the next N matching requests only")
    @Nullable Long times;

    @Option(names = "--probability", description = "chance (0..1) that a matching request fires")
    @Nullable Double probability;

    @Option(names = "--latency-ms", description = "wait this long first")
    @Nullable Long latencyMs;

    @Option(names = "--drop", description = "close the connection without an answer")
    boolean drop;

    @Override
    public Integer call() throws IOException {
      ObjectNode body =
          Json.MAPPER
              .createObjectNode()
              .put("method", method.toUpperCase(Locale.ROOT))
              .put("path", path);
      if (status != null) {
        body.put("status", status);
      }
      if (times != null) {
        body.put("times", times);
      }
      if (probability != null) {
        body.put("probability", probability);
      }
      if (latencyMs != null) {
        body.put("latency_ms", latencyMs);
      }
      if (drop) {
        body.put("drop", true);
      }
      return send(spec, "POST", faults(hash), Json.text(body));
    }
  }

  @Command(
      name = "list",
      mixinStandardHelpOptions = true,
      description = "List a store's rules with how often each has fired.")
  static final class ListAll extends Cli.Remote implements Callable<Integer> {
    @CommandLine.Spec CommandLine.Model.CommandSpec spec;

    @Option(names = "--store", required = true, description = "store hash")
    String hash;

    @Override
    public Integer call() throws IOException {
      return send(spec, "GET", faults(hash), null);
    }
  }

  @Command(name = "remove", mixinStandardHelpOptions = true, description = "Remove rules.")
  static final class Remove extends Cli.Remote implements Callable<Integer> {
    @CommandLine.Spec CommandLine.Model.CommandSpec spec;

    @Option(names = "--store", required = true, description = "store hash")
    String hash;

    /** Exactly one of the two. */
    static final class Which {
      @Option(names = "--id", description = "the rule's id")
      @Nullable Long id;

      @Option(names = "--all", description = "every rule of the store")
      boolean all;
    }

    @ArgGroup(multiplicity = "1")
    Which which = new Which();

    @Override
    public Integer call() throws IOException {
      String path = which.all ? faults(hash) : faults(hash) + "/" + which.id;
      return send(spec, "DELETE", path, null);
    }
  }

  @Command(
      name = "drain-rate-limit",
      mixinStandardHelpOptions = true,
      description =
          "Use up what is left of the store's rate-limit window on that server: the next API"
              + " request gets 429.")
  static final class DrainRateLimit extends Cli.Remote implements Callable<Integer> {
    @CommandLine.Spec CommandLine.Model.CommandSpec spec;

    @Option(names = "--store", required = true, description = "store hash")
    String hash;

    @Override
    public Integer call() throws IOException {
      return send(spec, "POST", "/admin/api/stores/" + hash + "/rate-limit/drain", null);
    }
  }
}
