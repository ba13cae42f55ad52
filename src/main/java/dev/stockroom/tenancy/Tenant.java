package dev.stockroom.tenancy;

/** A store: the unit of tenancy. Every row of every feature table carries its {@code id}. */
public record Tenant(
    long id,
    String hash,
    String name,
    Plan plan,
    String status,
    long productLimit,
    long rateQuota,
    long rateWindowMs,
    PlatformLimits limits,
    long createdAt,
    long updatedAt) {

  public static final java.util.Set<String> STATUSES =
      java.util.Set.of("live", "maintenance", "upgrading");

  public boolean unavailable() {
    return !status.equals("live");
  }
}
