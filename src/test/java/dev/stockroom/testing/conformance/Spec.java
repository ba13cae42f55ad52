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
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.regex.Pattern;

/**
 * One BigCommerce spec file, Swagger 2.0 or OpenAPI 3.0, read once and turned into draft-04 JSON
 * schemas. The two formats differ only in where schemas live: Swagger keeps them in {@code
 * definitions} and a response's {@code schema}, OpenAPI 3.0 in {@code components/schemas} and a
 * response's {@code content['application/json'].schema}. Everything else is one code path: {@code
 * x-nullable} (Swagger) and {@code nullable} (OpenAPI) become a {@code null} alternative,
 * annotations ({@code example}, {@code readOnly}, {@code writeOnly}, {@code discriminator}, {@code
 * x-*}) go, the allow-list's patches for this spec are merged in, and the {@code data}/{@code meta}
 * envelope of a v3 success answer is made required (the specs list both in every success schema and
 * show both in every example, but never say {@code required}).
 *
 * <p>The document keeps the spec's own layout, so JSON pointers (in the allow-list and in the
 * violations) are pointers into the spec file as written.
 */
final class Spec {
  /** One operation: its path template, the schema pointer of each status, and if it is a list. */
  record Operation(
      String method,
      String template,
      Map<Integer, Optional<String>> responses,
      boolean collection) {
    String name() {
      return method + " " + template;
    }
  }

  private record Template(String template, Pattern regex, int literals) {}

  private static final String JSON = "application/json";

  /** Keywords of Swagger/OpenAPI that annotate a schema and must not reach the validator. */
  private static final Set<String> ANNOTATIONS =
      Set.of("example", "examples", "readOnly", "writeOnly", "discriminator", "xml", "id");

  private final String name;
  private final boolean oas3;
  private final String uri;
  private final JsonNode doc;
  private final List<Template> templates = new ArrayList<>();
  private final SchemaRegistry registry;
  private final Map<String, Schema> schemas = new ConcurrentHashMap<>();

  private Spec(String name, boolean oas3, JsonNode doc, String json) {
    this.name = name;
    this.oas3 = oas3;
    this.doc = doc;
    // the schemas are served to the validator under this name (never fetched)
    this.uri = "https://stockroom.invalid/" + name + ".json";
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
    // draft-04, plus the sections of the document that sit beside the schemas
    Dialect dialect =
        Dialect.builder(Dialects.getDraft4())
            .keyword(new NonValidationKeyword("paths"))
            .keyword(new NonValidationKeyword("responses"))
            .keyword(new NonValidationKeyword("components"))
            .keyword(new NonValidationKeyword("stockroom"))
            .build();
    this.registry =
        SchemaRegistry.withDefaultDialect(
            dialect, b -> b.schemaRegistryConfig(config).schemas(Map.of(uri, json)));
  }

  /**
   * Reads a spec file. {@code extra} schemas (the seed's v2 error) are added under {@code
   * /stockroom/<name>}, where {@link #schema} finds them like the spec's own.
   */
  static Spec load(String name, Path yml, AllowList allow, Map<String, JsonNode> extra)
      throws IOException {
    ObjectNode spec = (ObjectNode) new YAMLMapper().readTree(yml.toFile());
    boolean oas3 = spec.path("openapi").asText("").startsWith("3.");
    ObjectNode doc = JsonNodeFactory.instance.objectNode();
    if (oas3) {
      ObjectNode components = doc.putObject("components");
      for (String section : List.of("schemas", "responses", "requestBodies")) {
        if (spec.path("components").has(section)) {
          components.set(section, spec.path("components").path(section));
        }
      }
    } else {
      doc.set("definitions", spec.path("definitions"));
      doc.set("responses", spec.path("responses"));
    }
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
                        if (op.getValue().has("responses")) {
                          ops.putObject(op.getKey())
                              .set("responses", op.getValue().path("responses"));
                        }
                      });
            });
    ObjectNode own = doc.putObject("stockroom");
    extra.forEach((k, v) -> own.set(k, v.deepCopy()));
    allow.patch(name, doc);
    inlineExternalRefs(doc, yml.getParent(), new HashMap<>(), 0);
    List<JsonNode> roots = new ArrayList<>();
    if (oas3) {
      JsonNode components = doc.path("components");
      components.path("schemas").forEach(roots::add);
      components.path("responses").forEach(r -> roots.addAll(schemasOf(r, true)));
      components.path("requestBodies").forEach(r -> roots.addAll(schemasOf(r, true)));
    } else {
      doc.path("definitions").forEach(roots::add);
      doc.path("responses").forEach(r -> roots.addAll(schemasOf(r, false)));
    }
    for (JsonNode ops : iterable(paths)) {
      for (JsonNode op : iterable(ops)) {
        op.path("responses").forEach(r -> roots.addAll(schemasOf(r, oas3)));
      }
    }
    roots.forEach(Spec::clean);
    for (JsonNode ops : iterable(paths)) {
      for (JsonNode op : iterable(ops)) {
        op.path("responses")
            .properties()
            .forEach(
                r -> {
                  if (r.getKey().startsWith("2")) {
                    schemasOf(resolve(doc, r.getValue()), oas3).forEach(Spec::requireEnvelope);
                  }
                });
      }
    }
    return new Spec(name, oas3, doc, new ObjectMapper().writeValueAsString(doc));
  }

  /** The file name of the spec, e.g. {@code orders.v2.oas2.yml}. */
  String name() {
    return name;
  }

  /** The operation for a method and a path below the spec's base path, if the spec has one. */
  Optional<Operation> find(String method, String path) {
    String m = method.toLowerCase(Locale.ROOT);
    for (Template t : templates) {
      if (!t.regex().matcher(path).matches()) {
        continue;
      }
      JsonNode op = doc.path("paths").path(t.template()).path(m);
      if (op.isMissingNode()) {
        return Optional.empty();
      }
      String base = "/paths/" + escape(t.template()) + "/" + m;
      Map<Integer, Optional<String>> responses = new LinkedHashMap<>();
      op.path("responses")
          .properties()
          .forEach(
              r -> {
                if (!r.getKey().matches("\\d{3}")) {
                  return; // `default` or `2XX`: the specs in use have none
                }
                String ref = r.getValue().path("$ref").asText("");
                String at = ref.isEmpty() ? base + "/responses/" + r.getKey() : ref.substring(1);
                responses.put(Integer.parseInt(r.getKey()), schemaPointer(at));
              });
      boolean collection =
          responses
              .getOrDefault(200, Optional.empty())
              .map(p -> resolveSchema(doc.at(p)).path("type").asText("").equals("array"))
              .orElse(false);
      return Optional.of(new Operation(method, t.template(), responses, collection));
    }
    return Optional.empty();
  }

  /** Where the JSON body schema of the response at {@code at} lives, if it declares one. */
  private Optional<String> schemaPointer(String at) {
    JsonNode response = doc.at(at);
    if (!oas3) {
      return response.has("schema") ? Optional.of(at + "/schema") : Optional.empty();
    }
    return jsonMediaType(response)
        .filter(t -> response.path("content").path(t).has("schema"))
        .map(t -> at + "/content/" + escape(t) + "/schema");
  }

  /**
   * The compiled schema at a JSON pointer of the document, e.g. {@code /definitions/error_Base} or
   * {@code /components/schemas/ErrorResponse}.
   */
  Schema schema(String pointer) {
    return schemas.computeIfAbsent(
        pointer, p -> registry.getSchema(SchemaLocation.of(uri + "#" + p)));
  }

  /** Whether the document has something at this pointer (a generic error schema, say). */
  boolean has(String pointer) {
    return !doc.at(pointer).isMissingNode();
  }

  static String escape(String token) {
    return token.replace("~", "~0").replace("/", "~1");
  }

  private static Optional<String> jsonMediaType(JsonNode response) {
    if (response.path("content").has(JSON)) {
      return Optional.of(JSON);
    }
    Iterator<String> types = response.path("content").fieldNames();
    while (types.hasNext()) {
      String t = types.next();
      if (t.startsWith(JSON)) {
        return Optional.of(t);
      }
    }
    // webhooks.v3 names its two media types "v3" ({data, meta}) and "v2" (bare): the v3 paths
    // are the ones checked (SpecLoader), so the v3 one is their JSON.
    if (response.path("content").has("v3")) {
      return Optional.of("v3");
    }
    return Optional.empty();
  }

  /** The body schemas of a response (or request body) object, in either format. */
  private static List<JsonNode> schemasOf(JsonNode response, boolean oas3) {
    if (!oas3) {
      return response.has("schema") ? List.of(response.path("schema")) : List.of();
    }
    List<JsonNode> out = new ArrayList<>();
    response.path("content").forEach(media -> out.add(media.path("schema")));
    return out;
  }

  private static JsonNode resolve(JsonNode doc, JsonNode response) {
    String ref = response.path("$ref").asText("");
    return ref.startsWith("#") ? doc.at(ref.substring(1)) : response;
  }

  private JsonNode resolveSchema(JsonNode schema) {
    JsonNode s = schema;
    for (int i = 0; i < 10 && s.path("$ref").asText("").startsWith("#"); i++) {
      s = doc.at(s.path("$ref").asText().substring(1));
    }
    return s;
  }

  /**
   * Replaces each {@code $ref} to another file ({@code ./channels.v3.yml#/components/schemas/x}) by
   * the schema it names, read from the same folder; its own local {@code $ref}s are inlined too. If
   * that file is absent, the schema becomes {@code {}} (anything), said in one line.
   */
  private static void inlineExternalRefs(
      JsonNode node, Path dir, Map<String, JsonNode> files, int depth) {
    if (node instanceof ObjectNode o) {
      String ref = o.path("$ref").asText("");
      if (!ref.isEmpty() && !ref.startsWith("#")) {
        int hash = ref.indexOf('#');
        String file = hash < 0 ? ref : ref.substring(0, hash);
        String pointer = hash < 0 ? "" : ref.substring(hash + 1);
        JsonNode other = files.computeIfAbsent(file, f -> read(dir.resolve(f)));
        o.removeAll();
        if (other.isMissingNode()) {
          System.err.println(ref + " cannot be read; that schema accepts anything");
        } else if (depth < 20) {
          JsonNode target = other.at(pointer).deepCopy();
          o.setAll((ObjectNode) localRefsOf(target, file));
          inlineExternalRefs(o, dir, files, depth + 1);
        }
        return;
      }
    }
    for (JsonNode child : iterable(node)) {
      inlineExternalRefs(child, dir, files, depth);
    }
  }

  /** Makes the local {@code $ref}s of a schema taken from {@code file} point into that file. */
  private static JsonNode localRefsOf(JsonNode node, String file) {
    if (node instanceof ObjectNode o && o.path("$ref").asText("").startsWith("#")) {
      o.put("$ref", file + o.path("$ref").asText());
    }
    for (JsonNode child : iterable(node)) {
      localRefsOf(child, file);
    }
    return node;
  }

  private static JsonNode read(Path yml) {
    try {
      return Files.isRegularFile(yml)
          ? new YAMLMapper().readTree(yml.toFile())
          : JsonNodeFactory.instance.missingNode();
    } catch (IOException e) {
      return JsonNodeFactory.instance.missingNode();
    }
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
   * Rewrites one Swagger/OpenAPI schema object, and those below it, as draft-04: {@code x-nullable:
   * true} or {@code nullable: true} admits null; annotations go.
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
    clean(s.path("not"));
    for (String k : List.of("allOf", "anyOf", "oneOf")) {
      for (JsonNode a : iterable(s.path(k))) {
        clean(a);
      }
    }
    boolean nullable = s.path("x-nullable").asBoolean(false) || s.path("nullable").asBoolean(false);
    Iterator<String> keys = s.fieldNames();
    while (keys.hasNext()) {
      String k = keys.next();
      if (k.startsWith("x-") || k.equals("nullable") || ANNOTATIONS.contains(k)) {
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
