package dev.stockroom.testing;

import dev.stockroom.App;
import dev.stockroom.config.Config;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.stream.Stream;
import org.junit.jupiter.api.extension.AfterAllCallback;
import org.junit.jupiter.api.extension.BeforeAllCallback;
import org.junit.jupiter.api.extension.ExtensionContext;
import org.junit.jupiter.api.extension.ParameterContext;
import org.junit.jupiter.api.extension.ParameterResolver;

/** JUnit extension behind {@link StockroomTest}: one real server per test class. */
public final class StockroomServer
    implements BeforeAllCallback, AfterAllCallback, ParameterResolver {
  private static final ExtensionContext.Namespace NS =
      ExtensionContext.Namespace.create(StockroomServer.class);

  @Override
  public void beforeAll(ExtensionContext context) throws IOException {
    Class<?> testClass = context.getRequiredTestClass();
    String url = TestDatabase.isIntegration(testClass) ? TestDatabase.postgresUrlOrSkip() : null;
    Path dir = Files.createTempDirectory("stockroom-test-");
    TestClock clock = new TestClock();
    Config config =
        Config.defaults(dir, "test-admin-token-" + Long.toHexString(System.nanoTime()))
            .withPort(0)
            .withDatabaseUrl(url)
            .withClock(clock)
            .withMaxBodyBytes(256 * 1024)
            // Deliveries polled often and timed out soon, so webhook tests wait little.
            .withBackground(new Config.Background(false, 1.0, 100, 2_000, 250));
    App app = App.start(config);
    context.getStore(NS).put("server", new Stockroom(app, config, clock));
  }

  @Override
  public void afterAll(ExtensionContext context) throws IOException {
    Stockroom s = context.getStore(NS).remove("server", Stockroom.class);
    if (s != null) {
      s.app().close();
      deleteTree(s.dataDir());
    }
  }

  static void deleteTree(Path dir) throws IOException {
    if (!Files.exists(dir)) {
      return;
    }
    try (Stream<Path> walk = Files.walk(dir)) {
      walk.sorted(Comparator.reverseOrder())
          .forEach(
              p -> {
                try {
                  Files.deleteIfExists(p);
                } catch (IOException e) {
                  throw new UncheckedIOException(e);
                }
              });
    }
  }

  @Override
  public boolean supportsParameter(ParameterContext p, ExtensionContext e) {
    return p.getParameter().getType() == Stockroom.class;
  }

  @Override
  public Object resolveParameter(ParameterContext p, ExtensionContext e) {
    ExtensionContext c = e;
    while (c != null) {
      Stockroom s = c.getStore(NS).get("server", Stockroom.class);
      if (s != null) {
        return s;
      }
      c = c.getParent().orElse(null);
    }
    throw new IllegalStateException("no Stockroom server started for " + e.getDisplayName());
  }
}
