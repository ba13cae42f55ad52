package dev.stockroom.api;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.LinkedHashSet;
import java.util.Set;

/** {@code include_fields} / {@code exclude_fields}: the id always stays (catalog.v3). */
public record Fields(Set<String> include, Set<String> exclude) {
  public static final Fields ALL = new Fields(Set.of(), Set.of());

  public static Fields of(Query query) {
    return new Fields(list(query, "include_fields"), list(query, "exclude_fields"));
  }

  private static Set<String> list(Query q, String name) {
    Set<String> out = new LinkedHashSet<>();
    q.first(name)
        .ifPresent(
            v -> {
              for (String s : v.split(",")) {
                if (!s.isBlank()) {
                  out.add(s.trim());
                }
              }
            });
    return out;
  }

  public boolean isAll() {
    return include.isEmpty() && exclude.isEmpty();
  }

  public JsonNode apply(JsonNode node) {
    if (isAll() || !node.isObject()) {
      return node;
    }
    ObjectNode in = (ObjectNode) node;
    ObjectNode out = Json.MAPPER.createObjectNode();
    in.properties()
        .forEach(
            e -> {
              String k = e.getKey();
              boolean keep =
                  k.equals("id")
                      || ((include.isEmpty() || include.contains(k)) && !exclude.contains(k));
              if (keep) {
                out.set(k, e.getValue());
              }
            });
    return out;
  }
}
