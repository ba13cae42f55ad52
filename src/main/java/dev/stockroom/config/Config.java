package dev.stockroom.config;

import java.nio.file.Path;
import java.time.Clock;
import org.jspecify.annotations.Nullable;

/**
 * Everything a node is configured with, passed down through constructors (no global config).
 *
 * @param databaseUrl null or empty: a SQLite file in {@code dataDir}; {@code jdbc:postgresql:…}:
 *     PostgreSQL
 * @param adminToken the control-plane bearer token
 * @param maxBodyBytes request bodies over this are refused with 413
 * @param batchLimit items per batch write (PUT /v3/catalog/products) before 413
 * @param sqliteSyncFull SQLite synchronous=FULL (survives power loss) instead of NORMAL
 * @param publicUrl what the URLs of uploaded images start with ({@code https://shop.example});
 *     null: {@code http://<host>:<port>} of this server, with 127.0.0.1 for a wildcard host
 * @param background webhook delivery and scheduled-task settings
 */
public record Config(
    String host,
    int port,
    Path dataDir,
    @Nullable String databaseUrl,
    String adminToken,
    long maxBodyBytes,
    int batchLimit,
    boolean sqliteSyncFull,
    Clock clock,
    @Nullable String publicUrl,
    Background background) {

  /**
   * Webhook delivery and scheduled tasks.
   *
   * @param webhooksPublicOnly the hosted rules for destinations (https on 443, public addresses
   *     only, SSRF checks); off by default so that hooks can reach localhost
   * @param webhookRetryScale multiplies the retry delays (60 s … 86,400 s); 0.001 shows the whole
   *     schedule in about three minutes
   * @param webhookPollMs how often a node looks for due deliveries and queued tasks
   * @param webhookTimeoutMs the most a delivery may take, connection to answer, before it counts as
   *     failed
   * @param taskThreshold collection deletes and batch updates touching more objects than this are
   *     scheduled (202 Accepted) instead of done in the request
   */
  public record Background(
      boolean webhooksPublicOnly,
      double webhookRetryScale,
      long webhookPollMs,
      long webhookTimeoutMs,
      int taskThreshold) {
    public static final Background DEFAULTS = new Background(false, 1.0, 250, 10_000, 250);
  }

  public static final long DEFAULT_MAX_BODY = 4L * 1024 * 1024;
  public static final int DEFAULT_BATCH_LIMIT = 10;

  public static Config defaults(Path dataDir, String adminToken) {
    return new Config(
        "127.0.0.1",
        8080,
        dataDir,
        null,
        adminToken,
        DEFAULT_MAX_BODY,
        DEFAULT_BATCH_LIMIT,
        false,
        Clock.systemUTC(),
        null,
        Background.DEFAULTS);
  }

  public Config withPort(int p) {
    return new Config(
        host,
        p,
        dataDir,
        databaseUrl,
        adminToken,
        maxBodyBytes,
        batchLimit,
        sqliteSyncFull,
        clock,
        publicUrl,
        background);
  }

  public Config withDatabaseUrl(@Nullable String url) {
    return new Config(
        host,
        port,
        dataDir,
        url,
        adminToken,
        maxBodyBytes,
        batchLimit,
        sqliteSyncFull,
        clock,
        publicUrl,
        background);
  }

  public Config withClock(Clock c) {
    return new Config(
        host,
        port,
        dataDir,
        databaseUrl,
        adminToken,
        maxBodyBytes,
        batchLimit,
        sqliteSyncFull,
        c,
        publicUrl,
        background);
  }

  public Config withPublicUrl(@Nullable String url) {
    return new Config(
        host,
        port,
        dataDir,
        databaseUrl,
        adminToken,
        maxBodyBytes,
        batchLimit,
        sqliteSyncFull,
        clock,
        url,
        background);
  }

  public Config withMaxBodyBytes(long max) {
    return new Config(
        host,
        port,
        dataDir,
        databaseUrl,
        adminToken,
        max,
        batchLimit,
        sqliteSyncFull,
        clock,
        publicUrl,
        background);
  }

  public Config withBackground(Background s) {
    return new Config(
        host,
        port,
        dataDir,
        databaseUrl,
        adminToken,
        maxBodyBytes,
        batchLimit,
        sqliteSyncFull,
        clock,
        publicUrl,
        s);
  }
}
