package dev.stockroom.testing.conformance;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.dataformat.yaml.YAMLMapper;
import com.networknt.schema.Schema;
import com.networknt.schema.SchemaLocation;
import com.networknt.schema.SchemaRegistry;
import com.networknt.schema.SchemaRegistryConfig;
import com.networknt.schema.dialect.Dialect;
import com.networknt.schema.dialect.Dialects;
import com.networknt.schema.keyword.NonValidationKeyword;
import com.networknt.schema.path.PathType;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.regex.Pattern;

/**
 * {@code catalog.v3.yml} (Swagger 2.0) read once and turned into draft-04 JSON schemas: {@code
 * x-nullable} becomes a {@code null} alternative, the allow-list's patches are merged in, and the
 * {@code data}/{@code meta} envelope of every success answer is made required (the spec lists both
 * in every success schema and shows both in every example, but never says {@code required}).
 */
final class CatalogSpec {
  /** The spec's schemas are served to the validator under this name (never fetched). */
  static final String DOC = "https://stockroom.invalid/catalog.v3.json";

  /** One operation of the spec: its path template and the schema pointer of each status. */
  record Operation(String method, String template, Map<Integer, Optional<String>> responses) {
    String name() {
      return method + " " + template;
    }
  }

  private record Template(String template, Pattern regex, int literals) {}

  private final JsonNode doc;
  private final List<Template> templates = new ArrayList<>();
  private final SchemaRegistry registry;
  private final Map<String, Schema> schemas = new ConcurrentHashMap<>();

  private CatalogSpec(JsonNode doc, String json) {
    this.doc = doc;
    doc.path("paths")
        .fieldNames()
        .forEachRemaining(
            t -> {
              String regex = t.replaceAll("\\{[^/}]+}", "[^/]+");
              int literals = (int) Pattern.compile("/[^/{]").matcher(t).results().count();
              templates.add(new Template(t, Pattern.compile(regex), literals));
            });
    templates.sort(Comparator.comparingInt(Template::literals).reversed());
    SchemaRegistryConfig config =
        SchemaRegistryConfig.builder()
            .pathType(PathType.JSON_POINTER)
            .formatAssertionsEnabled(true)
            .locale(Locale.ENGLISH)
            .build();
    // draft-04, plus the two Swagger sections that sit beside `definitions` in the document
    Dialect dialect =
        Dialect.builder(Dialects.getDraft4())
            .keyword(new NonValidationKeyword("paths"))
            .keyword(new NonValidationKeyword("responses"))
            .build();
    this.registry =
        SchemaRegistry.withDefaultDialect(
            dialect, b -> b.schemaRegistryConfig(config).schemas(Map.of(DOC, json)));
  }

  static CatalogSpec load(Path yml, AllowList allow) throws IOException {
    ObjectNode spec = (ObjectNode) new YAMLMapper().readTree(yml.toFile());
    ObjectNode doc = JsonNodeFactory.instance.objectNode();
    doc.set("definitions", spec.path("definitions"));
    doc.set("responses", spec.path("responses"));
    ObjectNode paths = doc.putObject("paths");
    spec.path("paths")
        .properties()
        .forEach(
            p -> {
              ObjectNode ops = paths.putObject(p.getKey());
              p.getValue()
                  .properties()
                  .forEach(
                      op -> {
                        if (!op.getKey().equals("parameters")) {
                          ops.putObject(op.getKey())
                              .set("responses", op.getValue().path("responses"));
                        }
                      });
            });
    allow.patch(doc);
    for (JsonNode d : iterable(doc.path("definitions"))) {
      clean(d);
    }
    for (JsonNode r : iterable(doc.path("responses"))) {
      clean(r.path("schema"));
    }
    for (JsonNode ops : iterable(paths)) {
      for (JsonNode op : iterable(ops)) {
        op.path("responses")
            .properties()
            .forEach(
                r -> {
                  clean(r.getValue().path("schema"));
                  if (r.getKey().startsWith("2")) {
                    requireEnvelope(resolve(doc, r.getValue()).path("schema"));
                  }
                });
      }
    }
    return new CatalogSpec(doc, new ObjectMapper().writeValueAsString(doc));
  }

  /** The operation for a method and a path below {@code /v3}, if the spec has one. */
  Optional<Operation> find(String method, String path) {
    for (Template t : templates) {
      if (!t.regex().matcher(path).matches()) {
        continue;
      }
      JsonNode op = doc.path("paths").path(t.template()).path(method.toLowerCase(Locale.ROOT));
      if (op.isMissingNode()) {
        return Optional.empty();
      }
      String base = "/paths/" + escape(t.template()) + "/" + method.toLowerCase(Locale.ROOT);
      Map<Integer, Optional<String>> responses = new LinkedHashMap<>();
      op.path("responses")
          .properties()
          .forEach(
              r -> {
                String ref = r.getValue().path("$ref").asText("");
                String at = ref.isEmpty() ? base + "/responses/" + r.getKey() : ref.substring(1);
                boolean hasSchema = doc.at(at).has("schema");
                responses.put(
                    Integer.parseInt(r.getKey()),
                    hasSchema ? Optional.of(at + "/schema") : Optional.empty());
              });
      return Optional.of(new Operation(method, t.template(), responses));
    }
    return Optional.empty();
  }

  /**
   * The compiled schema at a JSON pointer of the document, e.g. {@code /definitions/error_Base}.
   */
  Schema schema(String pointer) {
    return schemas.computeIfAbsent(
        pointer, p -> registry.getSchema(SchemaLocation.of(DOC + "#" + p)));
  }

  static String escape(String token) {
    return token.replace("~", "~0").replace("/", "~1");
  }

  private static JsonNode resolve(JsonNode doc, JsonNode response) {
    String ref = response.path("$ref").asText("");
    return ref.isEmpty() ? response : doc.at(ref.substring(1));
  }

  private static void requireEnvelope(JsonNode schema) {
    if (schema instanceof ObjectNode s
        && s.path("properties").has("data")
        && s.path("properties").has("meta")
        && !s.has("required")) {
      s.putArray("required").add("data").add("meta");
    }
  }

  /**
   * Rewrites one Swagger schema object, and those below it, as draft-04: {@code x-nullable: true}
   * admits null; Swagger's annotations ({@code example}, {@code x-*}, {@code readOnly}) go.
   */
  private static void clean(JsonNode node) {
    if (!(node instanceof ObjectNode s)) {
      return;
    }
    for (JsonNode p : iterable(s.path("properties"))) {
      clean(p);
    }
    clean(s.path("items"));
    clean(s.path("additionalProperties"));
    for (JsonNode a : iterable(s.path("allOf"))) {
      clean(a);
    }
    boolean nullable = s.path("x-nullable").asBoolean(false);
    Iterator<String> keys = s.fieldNames();
    while (keys.hasNext()) {
      String k = keys.next();
      if (k.startsWith("x-") || k.equals("example") || k.equals("readOnly") || k.equals("id")) {
        keys.remove();
      }
    }
    if (nullable) {
      admitNull(s);
    }
  }

  private static void admitNull(ObjectNode s) {
    if (s.path("type").isTextual() && !s.has("$ref") && !s.has("allOf")) {
      String type = s.path("type").asText();
      s.putArray("type").add(type).add("null");
      if (s.path("enum") instanceof ArrayNode e) {
        e.addNull();
      }
      return;
    }
    ObjectNode copy = s.deepCopy();
    s.removeAll();
    ArrayNode anyOf = s.putArray("anyOf");
    anyOf.add(copy);
    anyOf.addObject().put("type", "null");
  }

  private static Iterable<JsonNode> iterable(JsonNode node) {
    return node::elements;
  }
}
