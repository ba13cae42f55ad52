package dev.stockroom.faults;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.stockroom.api.Dates;
import dev.stockroom.api.Json;
import dev.stockroom.api.Status;
import java.util.regex.Pattern;
import org.jspecify.annotations.Nullable;

/**
 * One failure rule of a store: which requests it matches ({@code method}, {@code path} glob on the
 * part after {@code /stores/{store_hash}}), what it does (answer {@code status}, wait {@code
 * latencyMs}, {@code drop} the connection) and how often ({@code times}: the next N matches, null
 * for every one; {@code probability}: the chance that a match fires).
 *
 * @param remaining how many more times a counted rule fires; null when {@code times} is null
 * @param fired how many requests the rule has answered so far (all nodes)
 */
public record FaultRule(
    long storeId,
    long id,
    String method,
    String path,
    @Nullable Status status,
    @Nullable Long latencyMs,
    boolean drop,
    @Nullable Long times,
    @Nullable Double probability,
    @Nullable Long remaining,
    long fired,
    long createdAt) {

  /** What a client asks for; checked by {@link FaultRoutes}. */
  public record Input(
      String method,
      String path,
      @Nullable Status status,
      @Nullable Long latencyMs,
      boolean drop,
      @Nullable Long times,
      @Nullable Double probability) {}

  /** Whether the rule is used up (a counted rule that has fired its {@code times}). */
  public boolean spent() {
    return remaining != null && remaining <= 0;
  }

  /** The path glob as a regular expression: {@code *} is any run of characters, {@code ?} one. */
  static Pattern compile(String glob) {
    StringBuilder re = new StringBuilder();
    StringBuilder literal = new StringBuilder();
    for (int i = 0; i < glob.length(); i++) {
      char c = glob.charAt(i);
      if (c == '*' || c == '?') {
        if (!literal.isEmpty()) {
          re.append(Pattern.quote(literal.toString()));
          literal.setLength(0);
        }
        re.append(c == '*' ? ".*" : ".");
      } else {
        literal.append(c);
      }
    }
    if (!literal.isEmpty()) {
      re.append(Pattern.quote(literal.toString()));
    }
    return Pattern.compile(re.toString(), Pattern.DOTALL);
  }

  /** The control plane's JSON form. */
  public ObjectNode json() {
    ObjectNode n = Json.MAPPER.createObjectNode();
    n.put("id", id);
    n.put("method", method);
    n.put("path", path);
    n.put("status", status == null ? null : status.code());
    n.put("latency_ms", latencyMs);
    n.put("drop", drop);
    n.put("times", times);
    n.put("probability", probability);
    n.put("remaining", remaining);
    n.put("fired", fired);
    n.put("created_at", Dates.v3(createdAt));
    return n;
  }
}
