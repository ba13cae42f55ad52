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
    @Nullable String publicUrl) {

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
        null);
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
        publicUrl);
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
        publicUrl);
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
        publicUrl);
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
        url);
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
        publicUrl);
  }
}
