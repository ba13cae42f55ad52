package dev.stockroom.api;

/** Which envelope a request gets: decided by its path, never by headers. */
public enum ApiVersion {
  V2,
  V3,
  ADMIN;

  public static ApiVersion ofPath(String path) {
    if (path.startsWith("/admin/")) {
      return ADMIN;
    }
    String[] parts = path.split("/", 5);
    // "", "stores", hash, "v2"|"v3", rest
    if (parts.length >= 4 && parts[1].equals("stores") && parts[3].equals("v2")) {
      return V2;
    }
    return V3;
  }
}
