package dev.stockroom.testing.conformance;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.dataformat.yaml.YAMLMapper;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.atomic.LongAdder;
import java.util.regex.Pattern;

/**
 * {@code src/test/resources/conformance/allow-list.yml}: where the check departs from the specs,
 * each with its reason. Three sections: {@code seed} (the seed contract wins over the specs on
 * status codes, and gives the v2 rules: error body, 204 empty lists, XML), {@code spec} (defects of
 * a spec) and {@code ours} (our own known bugs, to fix). An entry names its spec ({@code spec:
 * orders.v2.oas2.yml}; {@value #DEFAULT_SPEC} when absent) and either patches that spec at a JSON
 * pointer ({@code patch} merges keys into the schema there, {@code replace} swaps it) or ignores
 * one kind of violation in answers checked against that spec.
 */
final class AllowList {
  static final String RESOURCE = "/conformance/allow-list.yml";

  /** The spec of an entry that names none (the entries written before there were several). */
  static final String DEFAULT_SPEC = "catalog.v3.yml";

  /** One entry; {@code patch} entries change the spec, the others ignore matching violations. */
  record Entry(
      String section,
      String spec,
      String at,
      JsonNode patch,
      boolean replace,
      String operationGlob,
      Pattern operation,
      Pattern pointer,
      String keyword,
      String query,
      String why,
      LongAdder used) {
    boolean isPatch() {
      return !at.isEmpty();
    }

    boolean ignores(String specName, String op, String instance, String kw, String requestQuery) {
      return !isPatch()
          && spec.equals(specName)
          && operation.matcher(op).matches()
          && pointer.matcher(instance).matches()
          && (keyword.isEmpty() || keyword.equals(kw))
          && (query.isEmpty()
              || Pattern.compile("(^|&)(" + query + ")=").matcher(requestQuery).find());
    }

    String label() {
      return section
          + ": "
          + spec
          + " "
          + (isPatch()
              ? at
              : operationGlob
                  + " "
                  + pointer.pattern()
                  + (keyword.isEmpty() ? "" : " [" + keyword + "]")
                  + (query.isEmpty() ? "" : " when " + query + " is sent"));
    }
  }

  private final int created;
  private final Set<String> createdMethods = new TreeSet<>();
  private final Set<Integer> seedStatuses = new TreeSet<>();
  private final int notModified;
  private final int accepted;
  private final Set<String> acceptedMethods = new TreeSet<>();
  private final Set<String> notModifiedMethods = new TreeSet<>();
  private final List<Entry> entries = new ArrayList<>();
  private final JsonNode v2Error;
  private final int v2EmptyList;
  private final Set<String> v2EmptyListMethods = new TreeSet<>();
  private final Set<String> v2NotChecked = new TreeSet<>();

  AllowList(JsonNode root) {
    JsonNode seed = root.path("seed");
    this.created = seed.path("created").path("status").asInt(201);
    seed.path("created").path("methods").forEach(m -> createdMethods.add(m.asText()));
    seed.path("statuses").path("codes").forEach(c -> seedStatuses.add(c.asInt()));
    this.notModified = seed.path("not_modified").path("status").asInt(0);
    seed.path("not_modified").path("methods").forEach(m -> notModifiedMethods.add(m.asText()));
    this.accepted = seed.path("accepted").path("status").asInt(0);
    seed.path("accepted").path("methods").forEach(m -> acceptedMethods.add(m.asText()));
    JsonNode v2 = seed.path("v2");
    this.v2Error = v2.path("error").path("schema");
    this.v2EmptyList = v2.path("empty_list").path("status").asInt(0);
    v2.path("empty_list").path("methods").forEach(m -> v2EmptyListMethods.add(m.asText()));
    v2.path("not_checked").path("content_types").forEach(t -> v2NotChecked.add(t.asText()));
    for (String section : List.of("spec", "ours")) {
      for (JsonNode e : root.path(section)) {
        if (e.path("why").asText("").isBlank()) {
          throw new IllegalStateException("allow-list entry without a `why`: " + e);
        }
        String spec = e.path("spec").asText(DEFAULT_SPEC);
        if (!SpecLoader.FILES.contains(spec)) {
          throw new IllegalStateException(
              "allow-list entry names an unknown spec `"
                  + spec
                  + "` (known: "
                  + SpecLoader.FILES
                  + "): "
                  + e);
        }
        entries.add(
            new Entry(
                section,
                spec,
                e.path("at").asText(""),
                e.has("replace") ? e.path("replace") : e.path("patch"),
                e.has("replace"),
                e.path("operation").asText("*"),
                glob(e.path("operation").asText("*")),
                Pattern.compile(e.path("pointer").asText(".*")),
                e.path("keyword").asText(""),
                e.path("query").asText(""),
                e.path("why").asText(""),
                new LongAdder()));
      }
    }
  }

  static AllowList load() {
    try (InputStream in = AllowList.class.getResourceAsStream(RESOURCE)) {
      if (in == null) {
        throw new IllegalStateException(RESOURCE + " is missing from the test classpath");
      }
      return new AllowList(new YAMLMapper().readTree(in));
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /**
   * Merges the patches of one spec into its document; a pointer the spec lacks is a stale entry.
   */
  void patch(String spec, JsonNode doc) {
    for (Entry e : entries) {
      if (!e.isPatch() || !e.spec().equals(spec)) {
        continue;
      }
      if (!(doc.at(e.at()) instanceof ObjectNode target) || !e.patch().isObject()) {
        throw new IllegalStateException(
            "allow-list entry points at nothing in " + spec + ": " + e.at());
      }
      if (e.replace()) {
        target.removeAll();
      }
      target.setAll((ObjectNode) e.patch());
    }
  }

  /** The entry that excuses a violation, if any (counting its use when asked). */
  Optional<Entry> excuse(
      String spec, String op, String instance, String keyword, String query, boolean counted) {
    for (Entry e : entries) {
      if (e.ignores(spec, op, instance, keyword, query)) {
        if (counted) {
          e.used().increment();
        }
        return Optional.of(e);
      }
    }
    return Optional.empty();
  }

  /** A status the seed contract gives although the spec does not declare it for the operation. */
  boolean seedError(int status) {
    return seedStatuses.contains(status);
  }

  /** The seed's 304 (no body) for a conditional read the spec does not declare. */
  boolean seedNotModified(String method, int status) {
    return status == notModified && notModifiedMethods.contains(method);
  }

  /** The seed's 202 for a write that became a scheduled task. */
  boolean seedAccepted(String method, int status) {
    return status == accepted && acceptedMethods.contains(method);
  }

  /** The seed's 201 for a create the spec answers with 200. */
  boolean seedCreated(String method, int status) {
    return status == created && createdMethods.contains(method);
  }

  /** The seed's v2 error body (an array of {@code {status, message, details?}}), a JSON schema. */
  JsonNode v2Error() {
    if (!v2Error.isObject()) {
      throw new IllegalStateException(RESOURCE + " lacks seed.v2.error.schema");
    }
    return v2Error;
  }

  /** The seed's 204 without a body for an empty v2 list (or a page past the end). */
  boolean seedEmptyList(String method, int status) {
    return status == v2EmptyList && v2EmptyListMethods.contains(method);
  }

  /** A v2 answer in this format (XML) is not checked against the spec's JSON schemas. */
  boolean v2NotChecked(String contentType) {
    String type = contentType.replaceFirst(";.*", "").trim();
    return v2NotChecked.contains(type);
  }

  List<Entry> entries() {
    return entries;
  }

  private static Pattern glob(String s) {
    return Pattern.compile(Pattern.quote(s).replace("*", "\\E.*\\Q"));
  }
}
