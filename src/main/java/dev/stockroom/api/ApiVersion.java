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
    // "/stores/{hash}/v2/…": the segment after the hash decides (read without splitting the path,
    // which every request does)
    if (path.startsWith("/stores/")) {
      int afterHash = path.indexOf('/', 8);
      if (afterHash > 0
          && path.startsWith("/v2", afterHash)
          && (path.length() == afterHash + 3 || path.charAt(afterHash + 3) == '/')) {
        return V2;
      }
    }
    return V3;
  }
}
