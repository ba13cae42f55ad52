package dev.stockroom.api;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;
import org.jspecify.annotations.Nullable;

/**
 * Path templates ({@code /v3/catalog/products/{product_id}}) to handlers. Matching is done by
 * Stockroom, not by the HTTP server, because the contract puts route errors (404, 405 with {@code
 * Allow}) after authentication and rate limiting.
 */
public final class Router {
  /** The request bodies a route takes: JSON (every route but uploads), forms, or either. */
  public enum Body {
    JSON,
    FORM,
    JSON_OR_FORM;

    public boolean takesForm() {
      return this != JSON;
    }

    public boolean takesJson() {
      return this != FORM;
    }
  }

  /**
   * A registered endpoint; {@code scope} is the OAuth scope that gates it (null: none), {@code
   * body} the media types its writes accept.
   */
  public record Route(
      String method, String template, @Nullable String scope, Body body, Handler handler) {}

  /** The outcome of a lookup: a route with its parameters, or the methods the path allows. */
  public record Match(@Nullable Route route, Map<String, String> params, List<String> allowed) {
    public boolean found() {
      return route != null;
    }
  }

  /** One path template and its routes by method. */
  private static final class Entry {
    private final String[] segments;
    private final int literals;
    private final Map<String, Route> byMethod;

    Entry(String[] segments, int literals, Map<String, Route> byMethod) {
      this.segments = segments;
      this.literals = literals;
      this.byMethod = byMethod;
    }

    String[] segments() {
      return segments;
    }

    int literals() {
      return literals;
    }

    Map<String, Route> byMethod() {
      return byMethod;
    }
  }

  private final List<Entry> entries = new ArrayList<>();

  /**
   * The entries that can match a path, by the path's length and its third and fourth segments
   * ({@code v3}, {@code catalog}): a lookup scans a handful of templates instead of every one.
   */
  private final java.util.concurrent.ConcurrentHashMap<String, List<Entry>> candidates =
      new java.util.concurrent.ConcurrentHashMap<>();

  private final @Nullable String defaultScope;

  public Router(@Nullable String defaultScope) {
    this.defaultScope = defaultScope;
  }

  public Router get(String template, Handler h) {
    return add("GET", template, defaultScope, h);
  }

  public Router post(String template, Handler h) {
    return add("POST", template, defaultScope, h);
  }

  /** A POST that takes only a {@code multipart/form-data} upload (category and brand images). */
  public Router postForm(String template, Handler h) {
    return add("POST", template, defaultScope, Body.FORM, h);
  }

  /** A POST that takes JSON or a {@code multipart/form-data} upload (product images). */
  public Router postJsonOrForm(String template, Handler h) {
    return add("POST", template, defaultScope, Body.JSON_OR_FORM, h);
  }

  public Router put(String template, Handler h) {
    return add("PUT", template, defaultScope, h);
  }

  public Router delete(String template, Handler h) {
    return add("DELETE", template, defaultScope, h);
  }

  public Router add(String method, String template, @Nullable String scope, Handler h) {
    return add(method, template, scope, Body.JSON, h);
  }

  public Router add(String method, String template, @Nullable String scope, Body body, Handler h) {
    String[] segs = split(template);
    for (Entry e : entries) {
      if (java.util.Arrays.equals(e.segments(), segs)) {
        if (e.byMethod().containsKey(method)) {
          throw new IllegalStateException("route registered twice: " + method + " " + template);
        }
        e.byMethod().put(method, new Route(method, template, scope, body, h));
        return this;
      }
    }
    int literals = 0;
    for (String s : segs) {
      if (!s.startsWith("{")) {
        literals++;
      }
    }
    Map<String, Route> byMethod = new HashMap<>();
    byMethod.put(method, new Route(method, template, scope, body, h));
    entries.add(new Entry(segs, literals, byMethod));
    entries.sort((a, b) -> Integer.compare(b.literals(), a.literals()));
    candidates.clear();
    return this;
  }

  /** Every registered route, for the API inventory tests. */
  public List<Route> routes() {
    List<Route> out = new ArrayList<>();
    entries.forEach(e -> out.addAll(e.byMethod().values()));
    return out;
  }

  /** HEAD is served by the GET route without a body. */
  public Match match(String method, String path) {
    String[] segs = split(path);
    TreeSet<String> allowed = null;
    for (Entry e : candidatesFor(segs)) {
      Map<String, String> params = bind(e.segments(), segs);
      if (params == null) {
        continue;
      }
      Route r = e.byMethod().get(method.equals("HEAD") ? "GET" : method);
      if (r != null) {
        return new Match(r, params, List.of());
      }
      if (allowed == null) {
        allowed = new TreeSet<>();
      }
      allowed.addAll(e.byMethod().keySet());
      if (allowed.contains("GET")) {
        allowed.add("HEAD");
      }
    }
    return new Match(null, Map.of(), allowed == null ? List.of() : List.copyOf(allowed));
  }

  /** The entries, in match order, whose length and segments 2 and 3 fit the path's. */
  private List<Entry> candidatesFor(String[] segs) {
    String key =
        segs.length
            + "/"
            + (segs.length > 2 ? segs[2] : "")
            + "/"
            + (segs.length > 3 ? segs[3] : "");
    List<Entry> found = candidates.get(key);
    if (found != null) {
      return found;
    }
    List<Entry> fit = new ArrayList<>();
    for (Entry e : entries) {
      String[] t = e.segments();
      if (t.length == segs.length && fits(t, segs, 2) && fits(t, segs, 3)) {
        fit.add(e);
      }
    }
    // Only keys that name routes are kept: arbitrary paths cannot grow the map without bound.
    if (!fit.isEmpty() && candidates.size() < 10_000) {
      candidates.put(key, List.copyOf(fit));
    }
    return fit;
  }

  private static boolean fits(String[] template, String[] path, int i) {
    return i >= template.length || template[i].startsWith("{") || template[i].equals(path[i]);
  }

  private static @Nullable Map<String, String> bind(String[] template, String[] path) {
    if (template.length != path.length) {
      return null;
    }
    Map<String, String> params = null;
    for (int i = 0; i < template.length; i++) {
      String t = template[i];
      if (t.startsWith("{")) {
        if (path[i].isEmpty()) {
          return null;
        }
        if (params == null) {
          params = new HashMap<>();
        }
        params.put(t.substring(1, t.length() - 1), path[i]);
      } else if (!t.equals(path[i])) {
        return null;
      }
    }
    return params == null ? Map.of() : params;
  }

  private static String[] split(String path) {
    String p = path;
    while (p.length() > 1 && p.endsWith("/")) {
      p = p.substring(0, p.length() - 1);
    }
    return p.startsWith("/") ? p.substring(1).split("/", -1) : p.split("/", -1);
  }
}
