package dev.stockroom.tenancy;

import dev.stockroom.api.ApiException;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.SecureRandom;
import java.time.Clock;
import java.util.HexFormat;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Resolves store hashes and tokens for every request, from a small cache that control-plane changes
 * invalidate at once (a revoked token stops working on the next request). Entries also expire after
 * a few seconds so that nodes sharing one database converge.
 */
public final class Tenants {
  private static final long TTL_MS = 5_000;
  private static final char[] ALNUM = "abcdefghijklmnopqrstuvwxyz0123456789".toCharArray();

  private record Cached<T>(Optional<T> value, long at) {}

  private final TenantStore store;
  private final Clock clock;
  private final SecureRandom random = new SecureRandom();
  private final ConcurrentHashMap<String, Cached<Tenant>> byHash = new ConcurrentHashMap<>();
  private final ConcurrentHashMap<String, Cached<ApiAccount>> byToken = new ConcurrentHashMap<>();

  /** Bumped after every committed change, so a lookup that raced it is not cached. */
  private final java.util.concurrent.atomic.AtomicLong generation =
      new java.util.concurrent.atomic.AtomicLong();

  public Tenants(TenantStore store, Clock clock) {
    this.store = store;
    this.clock = clock;
  }

  public TenantStore store() {
    return store;
  }

  public Optional<Tenant> find(String hash) {
    long now = clock.millis();
    Cached<Tenant> c = byHash.get(hash);
    if (c == null || now - c.at() > TTL_MS) {
      long seen = generation.get();
      c = new Cached<>(store.byHash(hash), now);
      if (byHash.size() > 100_000) {
        byHash.clear();
      }
      if (generation.get() == seen) { // no change was committed meanwhile: safe to keep
        byHash.put(hash, c);
      }
    }
    return c.value();
  }

  public Tenant get(String hash) {
    return find(hash).orElseThrow(() -> new ApiException.NotFound("Store " + hash + " not found."));
  }

  /** The account that {@code token} belongs to, if any (any store). */
  public Optional<ApiAccount> authenticate(String token) {
    // Cached by the presented token: a hit costs no hashing. The database only holds hashes.
    long now = clock.millis();
    Cached<ApiAccount> c = byToken.get(token);
    if (c == null || now - c.at() > TTL_MS) {
      long seen = generation.get();
      c = new Cached<>(store.accountByTokenHash(sha256(token)), now);
      if (byToken.size() > 100_000) {
        byToken.clear();
      }
      if (generation.get() == seen) {
        byToken.put(token, c);
      }
    }
    return c.value();
  }

  public Tenant create(
      String name, Plan plan, long productLimit, long quota, long windowMs, PlatformLimits limits) {
    for (int attempt = 0; ; attempt++) {
      String hash = randomHash();
      if (store.byHash(hash).isEmpty() || attempt > 5) {
        Tenant t =
            store.insert(hash, name, plan, productLimit, quota, windowMs, limits, clock.millis());
        generation.incrementAndGet();
        byHash.remove(hash);
        return t;
      }
    }
  }

  public Tenant update(Tenant t) {
    Tenant updated = store.update(t);
    generation.incrementAndGet();
    byHash.remove(t.hash());
    return updated;
  }

  public void delete(Tenant t) {
    store.delete(t);
    generation.incrementAndGet();
    byHash.remove(t.hash());
    byToken.clear();
    afterDelete.forEach(hook -> hook.accept(t.id()));
  }

  private final java.util.List<java.util.function.LongConsumer> afterDelete =
      new java.util.concurrent.CopyOnWriteArrayList<>();

  /**
   * Runs after a store's rows are deleted and committed, with its id: what the store kept outside
   * the database goes then (image files).
   */
  public void afterDelete(java.util.function.LongConsumer hook) {
    afterDelete.add(hook);
  }

  /** Creates an account and returns it with its token, which is shown only this once. */
  public record NewAccount(ApiAccount account, String accessToken) {}

  public NewAccount createAccount(Tenant t, String name, List<String> scopes) {
    String token = random(31);
    String clientId = random(31);
    ApiAccount a = store.insertAccount(t, name, clientId, sha256(token), scopes, clock.millis());
    byToken.remove(token);
    return new NewAccount(a, token);
  }

  public void revoke(Tenant t, long accountId) {
    store.deleteAccount(t, accountId);
    generation.incrementAndGet();
    byToken.clear();
  }

  private String randomHash() {
    // BigCommerce store hashes are short lower-case alphanumerics; start with a letter.
    return (char) ('a' + random.nextInt(26)) + random(9);
  }

  private String random(int n) {
    char[] c = new char[n];
    for (int i = 0; i < n; i++) {
      c[i] = ALNUM[random.nextInt(ALNUM.length)];
    }
    return new String(c);
  }

  public static String sha256(String s) {
    try {
      MessageDigest md = MessageDigest.getInstance("SHA-256");
      return HexFormat.of().formatHex(md.digest(s.getBytes(StandardCharsets.UTF_8)));
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException(e);
    }
  }
}
