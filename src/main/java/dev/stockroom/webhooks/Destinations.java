package dev.stockroom.webhooks;

import java.net.InetAddress;
import java.net.URI;
import java.net.URISyntaxException;
import java.net.UnknownHostException;
import java.util.Locale;
import java.util.regex.Pattern;
import org.jspecify.annotations.Nullable;

/**
 * Where a webhook may deliver. By default any http or https URL, localhost included: a developer's
 * receiver runs on their machine. In public-only mode the hosted rules apply (https on port 443)
 * plus SSRF protection: the URL is parsed once, the host is resolved once per delivery with every
 * answer checked ({@link Addresses}), and the connection goes to that same checked address (no
 * second lookup for DNS rebinding to exploit). Numeric hosts must be written as plain dotted quads:
 * {@code 127.1}, {@code 2130706433}, {@code 0x7f.0.0.1} and {@code 0177.0.0.1} are refused rather
 * than guessed, because resolvers disagree on what they mean.
 */
final class Destinations {
  /** Looks up a host name; injectable so that tests can play a rebinding DNS server. */
  interface Resolver {
    InetAddress[] resolve(String host) throws UnknownHostException;
  }

  /** A checked destination and the one address to connect to. */
  record Target(boolean https, String host, int port, String pathAndQuery, InetAddress address) {
    /** The Host header value: the name as written, with the port when it is not the default. */
    String hostHeader() {
      String h = host.contains(":") ? "[" + host + "]" : host;
      return port == (https ? 443 : 80) ? h : h + ":" + port;
    }
  }

  /** A destination that may not be used, with the reason a developer can act on. */
  static final class Refused extends Exception {
    private static final long serialVersionUID = 1L;

    Refused(String message) {
      super(message, null, false, false);
    }
  }

  static final int MAX_LENGTH = 2048;
  private static final Pattern NUMERIC_HOST = Pattern.compile("^[0-9a-fA-FxX.]+$");
  private static final Pattern DOTTED_QUAD =
      Pattern.compile(
          "^(25[0-5]|2[0-4]\\d|1\\d\\d|[1-9]?\\d)(\\.(25[0-5]|2[0-4]\\d|1\\d\\d|[1-9]?\\d)){3}$");

  private final boolean publicOnly;
  private final Resolver resolver;

  Destinations(boolean publicOnly, Resolver resolver) {
    this.publicOnly = publicOnly;
    this.resolver = resolver;
  }

  boolean publicOnly() {
    return publicOnly;
  }

  /**
   * The reason {@code url} may not be a destination, or null. In public-only mode a name that
   * resolves to a refused address is refused now; one that does not resolve yet is accepted (its
   * deliveries fail and are retried, as the hosted API does).
   */
  @Nullable String problem(String url) {
    try {
      Target t = parse(url);
      if (publicOnly) {
        try {
          checkAll(t.host(), lookUp(t.host()));
        } catch (UnknownHostException e) {
          return null;
        }
      }
      return null;
    } catch (Refused e) {
      return e.getMessage();
    }
  }

  /** Parses, resolves and checks {@code url} for one delivery; the address is pinned. */
  Target target(String url) throws Refused {
    Target t = parse(url);
    InetAddress[] all;
    try {
      all = lookUp(t.host());
    } catch (UnknownHostException e) {
      throw new Refused("the host " + t.host() + " does not resolve");
    }
    if (all.length == 0) {
      throw new Refused("the host " + t.host() + " does not resolve");
    }
    if (publicOnly) {
      checkAll(t.host(), all);
    }
    return new Target(t.https(), t.host(), t.port(), t.pathAndQuery(), all[0]);
  }

  private void checkAll(String host, InetAddress[] all) throws Refused {
    for (InetAddress a : all) {
      String why = Addresses.refusal(a);
      if (why != null) {
        throw new Refused(
            host
                + " resolves to "
                + a.getHostAddress()
                + ", "
                + why
                + ": not a public destination");
      }
    }
  }

  /** Syntax and the rules that need no lookup; the address of the result is a placeholder. */
  private Target parse(String url) throws Refused {
    if (url.length() > MAX_LENGTH) {
      throw new Refused("must be at most " + MAX_LENGTH + " characters");
    }
    URI uri;
    try {
      uri = new URI(url);
    } catch (URISyntaxException e) {
      throw new Refused("is not a valid URL (" + e.getReason() + ")");
    }
    String scheme = uri.getScheme() == null ? "" : uri.getScheme().toLowerCase(Locale.ROOT);
    if (!scheme.equals("http") && !scheme.equals("https")) {
      throw new Refused("must be an http or https URL");
    }
    if (uri.getRawUserInfo() != null) {
      throw new Refused("must not carry credentials; send them in the hook's headers instead");
    }
    String host = uri.getHost();
    if (host == null || host.isEmpty()) {
      throw new Refused("must name a host (letters, digits, dots and hyphens, or an IP address)");
    }
    if (host.startsWith("[")) {
      host = host.substring(1, host.length() - 1);
    }
    host = host.toLowerCase(Locale.ROOT);
    boolean https = scheme.equals("https");
    int port = uri.getPort() == -1 ? (https ? 443 : 80) : uri.getPort();
    if (publicOnly) {
      publicRules(https, host, port);
    }
    String path = uri.getRawPath() == null || uri.getRawPath().isEmpty() ? "/" : uri.getRawPath();
    String query = uri.getRawQuery() == null ? "" : "?" + uri.getRawQuery();
    return new Target(https, host, port, path + query, InetAddress.getLoopbackAddress());
  }

  /** contract: spec-digest §7 — the hosted API delivers over https to port 443 only. */
  private static void publicRules(boolean https, String host, int port) throws Refused {
    if (!https || port != 443) {
      throw new Refused(
          "must be an https URL on port 443 (the server runs --webhooks-public-only)");
    }
    if (NUMERIC_HOST.matcher(host).matches() && !DOTTED_QUAD.matcher(host).matches()) {
      throw new Refused(
          "writes an IP address in an ambiguous form; use a host name or a plain a.b.c.d address");
    }
    if (host.equals("localhost")
        || host.endsWith(".localhost")
        || host.endsWith(".local")
        || host.endsWith(".internal")
        || host.endsWith(".localdomain")) {
      throw new Refused("names a local or internal host: not a public destination");
    }
  }

  /** The addresses of {@code host}: an IP literal is read as written, a name is resolved. */
  private InetAddress[] lookUp(String host) throws UnknownHostException {
    if (host.contains(":") || DOTTED_QUAD.matcher(host).matches()) {
      return new InetAddress[] {InetAddress.getByName(host)};
    }
    return resolver.resolve(host);
  }
}
