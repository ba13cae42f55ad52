package dev.stockroom.tenancy;

import java.util.Locale;

/**
 * BigCommerce plans with their documented API quotas (spec-digest §5: standard and plus 150
 * requests per 30 s, pro 450, enterprise "unlimited (7mil / 30sec)") and Stockroom's product limits
 * per plan (documented in the README; BigCommerce's own limits have changed over time).
 */
public enum Plan {
  STANDARD(150, 30_000, 10_000),
  PLUS(150, 30_000, 50_000),
  PRO(450, 30_000, 250_000),
  ENTERPRISE(7_000_000, 30_000, 10_000_000);

  private final long quota;
  private final long windowMs;
  private final long productLimit;

  Plan(long quota, long windowMs, long productLimit) {
    this.quota = quota;
    this.windowMs = windowMs;
    this.productLimit = productLimit;
  }

  public long quota() {
    return quota;
  }

  public long windowMs() {
    return windowMs;
  }

  public long productLimit() {
    return productLimit;
  }

  public String label() {
    return name().toLowerCase(Locale.ROOT);
  }

  /** The plan named {@code s}; callers validate the name first (an unknown name is a bug). */
  public static Plan of(String s) {
    for (Plan p : values()) {
      if (p.label().equals(s)) {
        return p;
      }
    }
    throw new IllegalArgumentException("unknown plan: " + s);
  }
}
