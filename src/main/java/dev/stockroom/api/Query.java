package dev.stockroom.api;

import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/** The query string of a request, decoded once, in the order the client sent it. */
public final class Query {
  private final Map<String, List<String>> params;
  private final String raw;

  private Query(Map<String, List<String>> params, String raw) {
    this.params = params;
    this.raw = raw;
  }

  public static Query parse(String raw) {
    Map<String, List<String>> params = new LinkedHashMap<>();
    if (raw == null || raw.isEmpty()) {
      return new Query(params, "");
    }
    for (String pair : raw.split("&")) {
      if (pair.isEmpty()) {
        continue;
      }
      int eq = pair.indexOf('=');
      String key = decode(eq < 0 ? pair : pair.substring(0, eq));
      String value = eq < 0 ? "" : decode(pair.substring(eq + 1));
      params.computeIfAbsent(key, k -> new ArrayList<>()).add(value);
    }
    return new Query(params, raw);
  }

  private static String decode(String s) {
    if (s.indexOf('%') < 0 && s.indexOf('+') < 0) {
      return s; // nothing to decode (most parameters): no copy
    }
    try {
      return URLDecoder.decode(s, StandardCharsets.UTF_8);
    } catch (IllegalArgumentException e) {
      throw new ApiException.Refused(
          Status.BAD_REQUEST, "The query string has a malformed percent-encoding: " + s);
    }
  }

  /** The query string as sent, undecoded (a scheduled task replays it). */
  public String raw() {
    return raw;
  }

  public Optional<String> first(String name) {
    List<String> values = params.get(name);
    return values == null || values.isEmpty() ? Optional.empty() : Optional.of(values.get(0));
  }

  public Map<String, List<String>> all() {
    return params;
  }

  public boolean has(String name) {
    return params.containsKey(name);
  }
}
