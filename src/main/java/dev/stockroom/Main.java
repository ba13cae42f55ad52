package dev.stockroom;

import dev.stockroom.cli.Cli;

/** Reads the command line and runs it; nothing else. */
public final class Main {
  private Main() {}

  public static void main(String[] args) {
    org.slf4j.bridge.SLF4JBridgeHandler.removeHandlersForRootLogger();
    org.slf4j.bridge.SLF4JBridgeHandler.install();
    int code = Cli.run(args);
    if (code != 0 || args.length == 0 || !args[0].equals("serve")) {
      System.exit(code);
    }
  }
}
