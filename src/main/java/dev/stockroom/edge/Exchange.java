package dev.stockroom.edge;

import java.util.Map;

/**
 * A request as the edge read it, independent of the HTTP server: method, raw path and query,
 * lower-cased headers, and the body up to the configured cap ({@code bodyTooLarge} if it was
 * longer).
 */
record Exchange(
    String method,
    String path,
    String rawQuery,
    Map<String, String> headers,
    byte[] body,
    boolean bodyTooLarge,
    String requestId) {}
