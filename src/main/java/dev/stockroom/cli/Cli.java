package dev.stockroom.cli;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.stockroom.App;
import dev.stockroom.api.Json;
import dev.stockroom.config.Config;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.SecureRandom;
import java.time.Clock;
import java.util.HexFormat;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import org.jspecify.annotations.Nullable;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** {@code stockroom serve | store … | account … | fault … | requests}. */
@Command(
    name = "stockroom",
    mixinStandardHelpOptions = true,
    version = "stockroom 0.1.0",
    description = "A self-hostable, BigCommerce-compatible store API server.",
    subcommands = {
      Cli.Serve.class,
      Cli.Store.class,
      Cli.Account.class,
      FaultCommands.class,
      RequestsCommand.class,
      WebhookCommands.class
    })
public final class Cli {
  public static int run(String[] args) {
    return new CommandLine(new Cli()).setCaseInsensitiveEnumValuesAllowed(true).execute(args);
  }

  /** Runs with the given output streams (tests read what a user would see). */
  public static int run(String[] args, PrintWriter out, PrintWriter err) {
    return new CommandLine(new Cli()).setOut(out).setErr(err).execute(args);
  }

  /** Options every client command shares: where the server is and how to authenticate. */
  static class Remote {
    @Option(
        names = "--url",
        description = "Server URL (default: $STOCKROOM_URL or http://127.0.0.1:8080)")
    String url;

    @Option(
        names = "--admin-token",
        description = "Admin token (default: $STOCKROOM_ADMIN_TOKEN or <data-dir>/admin-token)")
    String adminToken;

    @Option(
        names = "--data-dir",
        defaultValue = "data",
        description = "Data directory holding admin-token (default: ${DEFAULT-VALUE})")
    Path dataDir;

    AdminClient client() throws IOException {
      String u =
          url != null
              ? url
              : System.getenv().getOrDefault("STOCKROOM_URL", "http://127.0.0.1:8080");
      return new AdminClient(u, AdminClient.token(adminToken, dataDir));
    }

    /** Sends one control-plane request and prints its answer; returns the exit code. */
    int send(CommandLine.Model.CommandSpec spec, String method, String path, @Nullable String body)
        throws IOException {
      return print(
          spec.commandLine().getOut(),
          spec.commandLine().getErr(),
          client().send(method, path, body));
    }
  }

  static int print(PrintWriter out, PrintWriter err, AdminClient.Answer a) {
    if (a.status() >= 400) {
      err.println("Error " + a.status() + ": " + a.body());
      err.flush();
      return 1;
    }
    if (!a.body().isEmpty()) {
      try {
        out.println(
            Json.MAPPER.writerWithDefaultPrettyPrinter().writeValueAsString(Json.tree(a.body())));
      } catch (IOException e) {
        out.println(a.body());
      }
    } else {
      out.println("done (" + a.status() + ")");
    }
    out.flush();
    return 0;
  }

  @Command(name = "serve", mixinStandardHelpOptions = true, description = "Start the server.")
  static final class Serve implements Callable<Integer> {
    @CommandLine.Spec CommandLine.Model.CommandSpec spec;

    @Option(
        names = "--port",
        defaultValue = "8080",
        description = "HTTP port, 0 for any free port (default: ${DEFAULT-VALUE})")
    int port;

    @Option(
        names = "--host",
        defaultValue = "127.0.0.1",
        description = "Address to listen on; 0.0.0.0 for all (default: ${DEFAULT-VALUE})")
    String host;

    @Option(
        names = "--data-dir",
        defaultValue = "data",
        description = "Data directory (default: ${DEFAULT-VALUE})")
    Path dataDir;

    @Option(
        names = "--database-url",
        description =
            "JDBC URL; default a SQLite file in the data dir; jdbc:postgresql://… selects PostgreSQL")
    String databaseUrl;

    @Option(
        names = "--max-body-bytes",
        defaultValue = "4194304",
        description = "Largest accepted request body (default: ${DEFAULT-VALUE})")
    long maxBody;

    @Option(
        names = "--batch-limit",
        defaultValue = "10",
        description = "Items per batch write before 413 (default: ${DEFAULT-VALUE})")
    int batchLimit;

    @Option(
        names = "--public-url",
        description =
            "What the URLs of uploaded images start with, e.g. https://shop.example"
                + " (default: http://<host>:<port> of this server)")
    @Nullable String publicUrl;

    @Option(
        names = "--sqlite-sync",
        defaultValue = "normal",
        description =
            "normal (survives a process crash) or full (also power loss) (default: ${DEFAULT-VALUE})")
    String sqliteSync;

    @Option(
        names = "--webhooks-public-only",
        description =
            "Hosted rules for webhook destinations: https on port 443, public addresses only"
                + " (default: any http(s) URL, localhost included)")
    boolean webhooksPublicOnly;

    @Option(
        names = "--webhook-retry-scale",
        defaultValue = "1",
        description =
            "Multiplies the webhook retry delays (60 s … 86400 s); 0.001 runs the whole"
                + " schedule in about three minutes (default: ${DEFAULT-VALUE})")
    double webhookRetryScale;

    @Option(
        names = "--task-threshold",
        defaultValue = "250",
        description =
            "Collection deletes and batch updates touching more objects than this answer 202"
                + " and run as a scheduled task (default: ${DEFAULT-VALUE})")
    int taskThreshold;

    @Override
    public Integer call() throws IOException, InterruptedException {
      PrintWriter out = spec.commandLine().getOut();
      Files.createDirectories(dataDir);
      String token = adminToken(out);
      String db = databaseUrl != null ? databaseUrl : System.getenv("STOCKROOM_DATABASE_URL");
      Config config =
          new Config(
              host,
              port,
              dataDir,
              db,
              token,
              maxBody,
              batchLimit,
              sqliteSync.equalsIgnoreCase("full"),
              Clock.systemUTC(),
              publicUrl,
              new Config.Background(
                  webhooksPublicOnly,
                  webhookRetryScale,
                  Config.Background.DEFAULTS.webhookPollMs(),
                  Config.Background.DEFAULTS.webhookTimeoutMs(),
                  taskThreshold));
      App app = App.start(config);
      CountDownLatch stop = new CountDownLatch(1);
      Runtime.getRuntime()
          .addShutdownHook(
              new Thread(
                  () -> {
                    app.close();
                    stop.countDown();
                  }));
      out.println(
          "Stockroom listening on http://"
              + host
              + ":"
              + app.port()
              + " (database: "
              + (db == null || db.isBlank()
                  ? "SQLite " + dataDir.resolve("stockroom.db")
                  : db.replaceAll("password=[^&]*", "password=***"))
              + ")");
      out.println(
          "Control plane: http://"
              + host
              + ":"
              + app.port()
              + "/admin/api/stores (Authorization: Bearer <admin token>)");
      out.flush();
      stop.await();
      return 0;
    }

    private String adminToken(PrintWriter out) throws IOException {
      String env = System.getenv("STOCKROOM_ADMIN_TOKEN");
      if (env != null && !env.isBlank()) {
        return env.trim();
      }
      Path file = dataDir.resolve("admin-token");
      if (Files.exists(file)) {
        return Files.readString(file).trim();
      }
      byte[] b = new byte[24];
      new SecureRandom().nextBytes(b);
      String token = HexFormat.of().formatHex(b);
      Files.writeString(file, token + "\n");
      try {
        Files.setPosixFilePermissions(file, PosixFilePermissions.fromString("rw-------"));
      } catch (UnsupportedOperationException ignored) {
        // not a POSIX file system: the file stays with default permissions
      }
      out.println("Generated an admin token (shown once; kept in " + file + "): " + token);
      return token;
    }
  }

  @Command(
      name = "store",
      mixinStandardHelpOptions = true,
      description = "Manage stores on a running server.",
      subcommands = {
        Store.Create.class,
        Store.ListAll.class,
        Store.Get.class,
        Store.Update.class,
        Store.Delete.class,
        FaultCommands.DrainRateLimit.class,
        StoreSeed.class
      })
  static final class Store {
    /** The limits a store is created or updated with; each only when given. */
    static final class Limits {
      @Option(names = "--product-limit")
      @Nullable Long productLimit;

      @Option(names = "--rate-quota")
      @Nullable Long quota;

      @Option(names = "--rate-window-ms")
      @Nullable Long windowMs;

      @Option(
          names = "--platform-limit",
          paramLabel = "NAME=N",
          description =
              "A platform limit (repeatable), e.g. skus_per_product=600, custom_fields_per_product=200,"
                  + " values_per_option=250, category_depth=8, metafields_per_resource=50.")
      java.util.Map<String, Long> platformLimits = new java.util.LinkedHashMap<>();

      void addTo(ObjectNode body) {
        if (!platformLimits.isEmpty()) {
          ObjectNode pl = body.putObject("platform_limits");
          platformLimits.forEach(pl::put);
        }
        if (productLimit != null) {
          body.put("product_limit", productLimit);
        }
        if (quota != null || windowMs != null) {
          ObjectNode rl = body.putObject("rate_limit");
          if (quota != null) {
            rl.put("quota", quota);
          }
          if (windowMs != null) {
            rl.put("window_ms", windowMs);
          }
        }
      }
    }

    @Command(name = "create", mixinStandardHelpOptions = true, description = "Create a store.")
    static final class Create extends Remote implements Callable<Integer> {
      @CommandLine.Spec CommandLine.Model.CommandSpec spec;

      @Option(names = "--name", required = true)
      String name;

      @Option(
          names = "--plan",
          defaultValue = "standard",
          description = "standard, plus, pro or enterprise")
      String plan;

      @CommandLine.Mixin Limits limits = new Limits();

      @Override
      public Integer call() throws IOException {
        ObjectNode body = Json.MAPPER.createObjectNode().put("name", name).put("plan", plan);
        limits.addTo(body);
        return send(spec, "POST", "/admin/api/stores", Json.text(body));
      }
    }

    @Command(name = "list", mixinStandardHelpOptions = true, description = "List stores.")
    static final class ListAll extends Remote implements Callable<Integer> {
      @CommandLine.Spec CommandLine.Model.CommandSpec spec;

      @Override
      public Integer call() throws IOException {
        return send(spec, "GET", "/admin/api/stores", null);
      }
    }

    @Command(name = "get", mixinStandardHelpOptions = true, description = "Show a store.")
    static final class Get extends Remote implements Callable<Integer> {
      @CommandLine.Spec CommandLine.Model.CommandSpec spec;

      @Parameters(index = "0", description = "store hash")
      String hash;

      @Override
      public Integer call() throws IOException {
        return send(spec, "GET", "/admin/api/stores/" + hash, null);
      }
    }

    @Command(
        name = "update",
        mixinStandardHelpOptions = true,
        description = "Change a store's name, plan, status or limits.")
    static final class Update extends Remote implements Callable<Integer> {
      @CommandLine.Spec CommandLine.Model.CommandSpec spec;

      @Parameters(index = "0", description = "store hash")
      String hash;

      @Option(names = "--name")
      String name;

      @Option(names = "--plan")
      String plan;

      @Option(names = "--status", description = "live, maintenance or upgrading")
      String status;

      @CommandLine.Mixin Limits limits = new Limits();

      @Override
      public Integer call() throws IOException {
        ObjectNode body = Json.MAPPER.createObjectNode();
        if (name != null) {
          body.put("name", name);
        }
        if (plan != null) {
          body.put("plan", plan);
        }
        if (status != null) {
          body.put("status", status);
        }
        limits.addTo(body);
        return send(spec, "PUT", "/admin/api/stores/" + hash, Json.text(body));
      }
    }

    @Command(
        name = "delete",
        mixinStandardHelpOptions = true,
        description = "Delete a store and all of its data.")
    static final class Delete extends Remote implements Callable<Integer> {
      @CommandLine.Spec CommandLine.Model.CommandSpec spec;

      @Parameters(index = "0", description = "store hash")
      String hash;

      @Override
      public Integer call() throws IOException {
        return send(spec, "DELETE", "/admin/api/stores/" + hash, null);
      }
    }
  }

  @Command(
      name = "account",
      mixinStandardHelpOptions = true,
      description = "Manage a store's API accounts.",
      subcommands = {Account.Create.class, Account.ListAll.class, Account.Delete.class})
  static final class Account {
    @Command(
        name = "create",
        mixinStandardHelpOptions = true,
        description = "Create an API account; its access token is shown once.")
    static final class Create extends Remote implements Callable<Integer> {
      @CommandLine.Spec CommandLine.Model.CommandSpec spec;

      @Option(names = "--store", required = true, description = "store hash")
      String hash;

      @Option(names = "--name", required = true)
      String name;

      @Option(
          names = "--scope",
          required = true,
          split = ",",
          description = "scopes, e.g. store_v2_products,store_v2_information_read_only")
      List<String> scopes;

      @Override
      public Integer call() throws IOException {
        ObjectNode body = Json.MAPPER.createObjectNode().put("name", name);
        ArrayNode s = body.putArray("scopes");
        scopes.forEach(s::add);
        return send(spec, "POST", "/admin/api/stores/" + hash + "/api-accounts", Json.text(body));
      }
    }

    @Command(
        name = "list",
        mixinStandardHelpOptions = true,
        description = "List a store's API accounts (without tokens).")
    static final class ListAll extends Remote implements Callable<Integer> {
      @CommandLine.Spec CommandLine.Model.CommandSpec spec;

      @Option(names = "--store", required = true, description = "store hash")
      String hash;

      @Override
      public Integer call() throws IOException {
        return send(spec, "GET", "/admin/api/stores/" + hash + "/api-accounts", null);
      }
    }

    @Command(
        name = "delete",
        mixinStandardHelpOptions = true,
        description = "Revoke an API account at once.")
    static final class Delete extends Remote implements Callable<Integer> {
      @CommandLine.Spec CommandLine.Model.CommandSpec spec;

      @Option(names = "--store", required = true, description = "store hash")
      String hash;

      @Parameters(index = "0", description = "account id")
      long id;

      @Override
      public Integer call() throws IOException {
        return send(spec, "DELETE", "/admin/api/stores/" + hash + "/api-accounts/" + id, null);
      }
    }
  }
}
