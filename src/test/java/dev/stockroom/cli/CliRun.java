package dev.stockroom.cli;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.stockroom.testing.Stockroom;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.util.ArrayList;
import java.util.List;

/** One run of the command line against the server under test: exit code, output, errors. */
record CliRun(int code, String out, String err) {
  JsonNode json() throws Exception {
    return new ObjectMapper().readTree(out);
  }

  /** Runs {@code args} with {@code --url} and {@code --admin-token} of {@code sr}. */
  static CliRun of(Stockroom sr, String... args) {
    List<String> all = new ArrayList<>(List.of(args));
    all.add("--url");
    all.add(sr.http().base());
    all.add("--admin-token");
    all.add(sr.adminToken());
    StringWriter out = new StringWriter();
    StringWriter err = new StringWriter();
    int code = Cli.run(all.toArray(String[]::new), new PrintWriter(out), new PrintWriter(err));
    return new CliRun(code, out.toString(), err.toString());
  }
}
