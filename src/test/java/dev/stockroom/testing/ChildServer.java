package dev.stockroom.testing;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The real server as a child JVM ({@code Main serve}), for tests that kill it with SIGKILL and
 * start it again on the same data: what survives a crash is what a user keeps. {@code startup} is
 * what it printed up to "listening".
 */
public record ChildServer(Process process, int port, String startup) {

  /** The JVM flags {@code ./stockroom serve} gives the packaged jar. */
  public static final List<String> STOCKROOM_JVM_FLAGS =
      List.of("--enable-native-access=ALL-UNNAMED", "-Xmx512m", "-XX:G1HeapRegionSize=4m");

  /**
   * Starts {@code serve} on a free port with {@code dataDir}, the database URL (null: SQLite in the
   * data dir), the admin token and extra options; returns once it listens.
   */
  public static ChildServer start(
      Path dataDir, String databaseUrl, String adminToken, String... options) throws IOException {
    List<String> cmd =
        new ArrayList<>(
            List.of(
                java(),
                "--enable-native-access=ALL-UNNAMED",
                "--add-opens=java.base/java.lang=ALL-UNNAMED",
                "--add-opens=java.base/java.util.concurrent=ALL-UNNAMED",
                "--add-opens=java.base/jdk.internal.vm=ALL-UNNAMED",
                "-Xmx256m",
                "-cp",
                System.getProperty("java.class.path"),
                "dev.stockroom.Main"));
    cmd.addAll(serve(dataDir));
    if (databaseUrl != null) {
      cmd.add("--database-url");
      cmd.add(databaseUrl);
    }
    cmd.addAll(List.of(options));
    return launch(cmd, adminToken);
  }

  /**
   * Starts the packaged {@code jar} exactly as {@code ./stockroom serve} does ({@link
   * #STOCKROOM_JVM_FLAGS}, {@code -jar}, so the manifest's settings apply) plus {@code jvmFlags},
   * on SQLite in {@code dataDir}.
   */
  public static ChildServer startJar(
      Path jar, Path dataDir, String adminToken, List<String> jvmFlags) throws IOException {
    List<String> cmd = new ArrayList<>(List.of(java()));
    cmd.addAll(STOCKROOM_JVM_FLAGS);
    cmd.addAll(jvmFlags);
    cmd.addAll(List.of("-jar", jar.toString()));
    cmd.addAll(serve(dataDir));
    return launch(cmd, adminToken);
  }

  private static String java() {
    return ProcessHandle.current().info().command().orElse("java");
  }

  private static List<String> serve(Path dataDir) {
    return List.of("serve", "--port", "0", "--data-dir", dataDir.toString());
  }

  private static ChildServer launch(List<String> cmd, String adminToken) throws IOException {
    ProcessBuilder pb = new ProcessBuilder(cmd).redirectErrorStream(true);
    pb.environment().put("STOCKROOM_ADMIN_TOKEN", adminToken);
    Process p = pb.start();
    BufferedReader out =
        new BufferedReader(new InputStreamReader(p.getInputStream(), StandardCharsets.UTF_8));
    Pattern listening = Pattern.compile("listening on http://[^:]+:(\\d+)");
    long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
    String line;
    StringBuilder seen = new StringBuilder();
    while (System.nanoTime() < deadline && (line = out.readLine()) != null) {
      seen.append(line).append('\n');
      Matcher m = listening.matcher(line);
      if (m.find()) {
        Thread drain =
            new Thread(
                () -> {
                  try {
                    while (out.readLine() != null) {
                      // keep the pipe empty so the child never blocks on output
                    }
                  } catch (IOException ignored) {
                    // the child was killed
                  }
                });
        drain.setDaemon(true);
        drain.start();
        return new ChildServer(p, Integer.parseInt(m.group(1)), seen.toString());
      }
    }
    p.destroyForcibly();
    throw new IllegalStateException("server did not start:\n" + seen);
  }

  /** SIGKILL, and wait until the process is gone. */
  public void kill() throws InterruptedException {
    process.destroyForcibly();
    process.waitFor(30, TimeUnit.SECONDS);
  }

  public ApiClient http() {
    return new ApiClient("http://127.0.0.1:" + port);
  }
}
