package dev.stockroom;

import dev.stockroom.cli.Cli;
import java.util.Properties;

/** Reads the command line and runs it; nothing else. */
public final class Main {
  private Main() {}

  /** The JDK property that chooses how virtual threads wait for socket readiness. */
  static final String POLLER_MODE = "jdk.pollerMode";

  public static void main(String[] args) {
    ioDefaults(System.getProperties());
    org.slf4j.bridge.SLF4JBridgeHandler.removeHandlersForRootLogger();
    org.slf4j.bridge.SLF4JBridgeHandler.install();
    int code = Cli.run(args);
    if (code != 0 || args.length == 0 || !args[0].equals("serve")) {
      System.exit(code);
    }
  }

  /**
   * Socket readiness through the JDK's platform poller threads ({@code jdk.pollerMode=1}) unless
   * the command line chose otherwise. With the JDK's default on Linux (virtual-thread pollers that
   * run only when a carrier is free), a server kept busy by large pages noticed waiting requests in
   * bursts and served them out of order: list 250's p99 was 252–540 ms against 255–336 ms with
   * platform pollers, four alternated pairs (bench/RESULTS.md, "I/O pollers"). It must be set
   * before the first socket is used, so it is set here, first. A {@code -Djdk.pollerMode=…} given
   * to the JVM is kept.
   */
  static void ioDefaults(Properties system) {
    system.putIfAbsent(POLLER_MODE, "1");
  }
}
