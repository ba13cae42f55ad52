package dev.stockroom.catalog.metafields;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.stockroom.api.ApiException;
import dev.stockroom.api.Filters;
import dev.stockroom.api.Json;
import dev.stockroom.api.Schema;
import dev.stockroom.api.Status;
import dev.stockroom.catalog.brands.BrandStore;
import dev.stockroom.catalog.categories.CategoryStore;
import dev.stockroom.catalog.children.Child;
import dev.stockroom.catalog.children.ChildStore;
import dev.stockroom.catalog.children.Owner;
import dev.stockroom.catalog.children.Parent;
import dev.stockroom.catalog.products.ProductStore;
import java.util.EnumSet;
import java.util.List;
import java.util.Map;
import org.jdbi.v3.core.Handle;

/**
 * The metafield resource (catalog.v3 {@code metafield_Full}), one kind per resource type. Ids are
 * store-wide across the four. contract (spec-digest §8 #28): the key (client id, namespace, key,
 * resource_type, resource_id) is unique (409); only the creating client may change namespace, key
 * or permission_set (403); "the max number of metafields allowed on each product, category,
 * variant, or brand is fifty" (403 through {@code metafields_per_resource}).
 */
public final class Metafield {
  static final Schema SCHEMA =
      Schema.of("id", "date_created", "date_modified")
          .enumeration(
              "permission_set",
              "app_only",
              "read",
              "write",
              "read_and_sf_access",
              "write_and_sf_access")
          .string("namespace", 1, 64)
          .string("key", 1, 64)
          .string("value", 1, 65535)
          .string("description", 0, 255)
          .enumeration("resource_type", "category", "brand", "product", "variant")
          .integer("resource_id", 0, 10_000_000_000L);

  private static final List<String> OWNED_FIELDS = List.of("namespace", "key", "permission_set");

  static final Parent VARIANT =
      new Parent(
          Parent.PRODUCT.path() + "/variants/{variant_id}",
          List.of("product_id", "variant_id"),
          (h, storeId, ids) -> {
            ProductStore.require(h, storeId, ids[0]);
            MetafieldStore.requireVariant(h, storeId, ids[0], ids[1]);
            return new Owner("variant", ids[1], ids[0]);
          });
  static final Parent CATEGORY = topLevel("category", "categories", CategoryStore::require);
  static final Parent BRAND = topLevel("brand", "brands", BrandStore::require);

  /** Checks that a category or brand exists (404 naming it). */
  @FunctionalInterface
  interface Require {
    void require(Handle h, long storeId, long id);
  }

  private static Parent topLevel(String type, String collection, Require require) {
    String param = type + "_id";
    return new Parent(
        "/stores/{store_hash}/v3/catalog/" + collection + "/{" + param + "}",
        List.of(param),
        (h, storeId, ids) -> {
          require.require(h, storeId, ids[0]);
          return new Owner(type, ids[0], 0);
        });
  }

  /** contract: catalog.v3 — key and namespace on every list; id ranges on categories and brands. */
  private static Filters filters(boolean byId) {
    Filters f =
        new Filters()
            .text("key", "field_key", EnumSet.of(Filters.Op.EQ, Filters.Op.IN))
            .text("namespace", "namespace", EnumSet.of(Filters.Op.EQ, Filters.Op.IN));
    return byId ? f.integer("id", "id", Filters.RANGE) : f;
  }

  public static final Child ON_PRODUCT = on("product", Parent.PRODUCT, false);
  public static final Child ON_VARIANT = on("variant", VARIANT, false);
  public static final Child ON_CATEGORY = on("category", CATEGORY, true);
  public static final Child ON_BRAND = on("brand", BRAND, true);

  private Metafield() {}

  private static Child on(String type, Parent parent, boolean filterById) {
    String kind = type + "_metafield";
    return new Child(
            kind, "Metafield", parent, "metafields", "metafield_id", SCHEMA, Metafield::create)
        .sequence("metafields")
        .required("permission_set", "namespace", "key", "value")
        .limit("metafields_per_resource", "metafields")
        .filters(filters(filterById))
        .hook((h, change) -> check(h, kind, change));
  }

  private static ObjectNode create(long id, Owner owner, ObjectNode input, String now) {
    ObjectNode doc = Json.MAPPER.createObjectNode();
    doc.put("id", id);
    doc.set("key", input.get("key"));
    doc.set("value", input.get("value"));
    doc.set("namespace", input.get("namespace"));
    doc.set("permission_set", input.get("permission_set"));
    doc.put("resource_type", owner.type());
    doc.put("resource_id", owner.id());
    doc.put("description", input.path("description").asText(""));
    doc.put("date_created", now);
    doc.put("date_modified", now);
    return doc;
  }

  /**
   * contract: catalog.v3 permission_set — `read` (and `read_and_sf_access`) lets other API
   * consumers see the metafield, only `write` (and `write_and_sf_access`) lets them change or
   * delete it; `app_only` ones they cannot even see (the store answers 404 before this).
   */
  private static void refuseReadOnly(ObjectNode before) {
    String set = before.path("permission_set").asText();
    if (!set.startsWith("write")) {
      throw new ApiException.Refused(
          Status.FORBIDDEN,
          "Metafield "
              + before.path("id").asLong()
              + " has permission_set '"
              + set
              + "': only the API account that created it may change or delete it.",
          Map.of("permission_set", set),
          Map.of());
    }
  }

  private static void check(Handle h, String kind, Child.Change change) {
    ObjectNode input = change.input();
    ObjectNode after = change.after();
    ObjectNode before = change.before();
    if (before != null && !change.client().equals(change.creator())) {
      refuseReadOnly(before);
    }
    if (input == null || after == null) {
      return; // a delete by the creator, or by another client of a `write` metafield
    }
    Owner owner = change.owner();
    if (input.has("resource_type") && !input.get("resource_type").asText().equals(owner.type())) {
      throw ApiException.Invalid.field(
          "resource_type", "must be " + owner.type() + ": the metafield belongs to " + owner);
    }
    if (input.has("resource_id") && input.get("resource_id").asLong() != owner.id()) {
      throw ApiException.Invalid.field(
          "resource_id", "must be " + owner.id() + ": the metafield belongs to " + owner);
    }
    if (before != null && !change.client().equals(change.creator())) {
      for (String f : OWNED_FIELDS) {
        if (input.has(f) && !input.get(f).equals(before.get(f))) {
          throw new ApiException.Refused(
              Status.FORBIDDEN,
              "Only the API account (client id) that created metafield "
                  + before.path("id").asLong()
                  + " can change its namespace, key or permission_set.",
              Map.of(f, "can be changed only by the client that created the metafield"),
              Map.of());
        }
      }
    }
    ChildStore.sameKey(h, change.storeId(), kind, owner.id(), after, change.creator())
        .ifPresent(
            other -> {
              throw new ApiException.Conflict(
                  "Metafield "
                      + other
                      + " of "
                      + owner
                      + " already has this namespace and key for this client; the combination"
                      + " of client id, namespace, key and resource must be unique.",
                  Map.of(
                      "key",
                      "metafield "
                          + other
                          + " already uses namespace '"
                          + after.path("namespace").asText()
                          + "' and key '"
                          + after.path("key").asText()
                          + "'"));
            });
  }
}
