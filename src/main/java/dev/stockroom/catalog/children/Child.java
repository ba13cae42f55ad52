package dev.stockroom.catalog.children;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.stockroom.api.ApiException;
import dev.stockroom.api.Filters;
import dev.stockroom.api.Schema;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.jdbi.v3.core.Handle;
import org.jspecify.annotations.Nullable;

/**
 * One kind of catalog sub-resource: where it hangs, its path, its writable fields, the defaults of
 * a new document, its platform limit and its rules. {@link ChildStore} and {@link ChildRoutes}
 * serve every kind the same way.
 */
public final class Child {
  /** A new document: the spec's fields with their defaults, then the checked input over them. */
  @FunctionalInterface
  public interface Defaults {
    ObjectNode create(long id, Owner owner, ObjectNode input, String now);
  }

  /** Checks of a checked input on its own (formats, patterns), added to the schema's errors. */
  @FunctionalInterface
  public interface Validator {
    void validate(ObjectNode input, Map<String, String> errors);
  }

  /**
   * Runs in the writing transaction just before the row changes: the checks that need the store's
   * data (409, 403) and the changes that go with the write (a product's review totals).
   */
  @FunctionalInterface
  public interface Hook {
    void apply(Handle h, Change change);
  }

  /**
   * A write about to happen. {@code before} is null on create, {@code input} and {@code after} are
   * null on delete; {@code client} made the call, {@code creator} created the child.
   */
  public record Change(
      long storeId,
      Owner owner,
      String client,
      String creator,
      @Nullable ObjectNode before,
      @Nullable ObjectNode input,
      @Nullable ObjectNode after) {}

  final String kind;
  final String label;
  final Parent parent;
  final String segment;
  final String idParam;
  final Schema schema;
  final Defaults defaults;
  String sequence;
  List<String> required = List.of();
  @Nullable String limit;
  String counted = "";
  Validator validator = (input, errors) -> {};
  Hook hook = (h, change) -> {};
  Filters filters = new Filters();
  boolean makesRoom;

  /**
   * A kind stored as {@code kind}, named {@code label} in messages ("Custom field 3 not found"),
   * served at {@code parent path/segment[/{idParam}]}.
   */
  public Child(
      String kind,
      String label,
      Parent parent,
      String segment,
      String idParam,
      Schema schema,
      Defaults defaults) {
    this.kind = kind;
    this.label = label;
    this.parent = parent;
    this.segment = segment;
    this.idParam = idParam;
    this.schema = schema;
    this.defaults = defaults;
    this.sequence = kind;
  }

  /** The per-store id sequence (several kinds may share one: metafield ids are store-wide). */
  public Child sequence(String entity) {
    this.sequence = entity;
    return this;
  }

  /** Fields a POST must carry (PUT is partial). */
  public Child required(String... fields) {
    this.required = List.of(fields);
    return this;
  }

  /** The platform limit on how many an owner may have; {@code counted} names them in the 403. */
  public Child limit(String name, String counted) {
    this.limit = name;
    this.counted = counted;
    return this;
  }

  /**
   * A PUT that moves a child to a {@code sort_order} a sibling holds makes room there, as the spec
   * says of images and videos ({@link dev.stockroom.db.SortOrders}). A POST stores it as given.
   */
  public Child makesRoom() {
    this.makesRoom = true;
    return this;
  }

  public Child validator(Validator validator) {
    this.validator = validator;
    return this;
  }

  public Child hook(Hook hook) {
    this.hook = hook;
    return this;
  }

  /** The list's filters, on the columns {@code id}, {@code namespace} and {@code field_key}. */
  public Child filters(Filters filters) {
    this.filters = filters;
    return this;
  }

  public String kind() {
    return kind;
  }

  /** The checked input of a POST (with its required fields) or a PUT, or one 422 naming all. */
  ObjectNode check(JsonNode body, boolean create) {
    Map<String, String> errors = new LinkedHashMap<>();
    ObjectNode input = collect(body, "", create, errors);
    if (!errors.isEmpty()) {
      throw new ApiException.Invalid("JSON data is missing or invalid", errors);
    }
    return input;
  }

  /** Like {@link #check} inside a larger body: errors are added under {@code prefix}. */
  public ObjectNode collect(
      JsonNode body, String prefix, boolean create, Map<String, String> errors) {
    ObjectNode input = schema.collect(body, prefix, create ? required : List.of(), errors);
    Map<String, String> own = new LinkedHashMap<>();
    validator.validate(input, own);
    own.forEach((k, v) -> errors.put(prefix + k, v));
    return input;
  }
}
