package dev.stockroom.catalog.images;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.stockroom.api.ApiException;
import dev.stockroom.api.Call;
import dev.stockroom.api.Envelope;
import dev.stockroom.api.Fields;
import dev.stockroom.api.Json;
import dev.stockroom.api.Multipart;
import dev.stockroom.api.Paging;
import dev.stockroom.api.Reply;
import dev.stockroom.api.Router;
import dev.stockroom.api.Routes;
import dev.stockroom.api.Schema;
import dev.stockroom.api.Status;
import dev.stockroom.catalog.brands.BrandStore;
import dev.stockroom.catalog.categories.CategoryStore;
import dev.stockroom.db.Docs;
import java.util.List;
import java.util.Map;
import org.jdbi.v3.core.Handle;

/**
 * Product images ({@code /products/{product_id}/images}) and the one image of a category or a brand
 * ({@code /categories/{category_id}/image}, {@code /brands/{brand_id}/image}).
 */
public final class ImageRoutes implements Routes {
  private static final String V3 = "/stores/{store_hash}/v3/catalog";
  private static final String IMAGES = V3 + "/products/{product_id}/images";
  private static final String IMAGE = IMAGES + "/{image_id}";
  private static final String CATEGORY_IMAGE = V3 + "/categories/{category_id}/image";
  private static final String BRAND_IMAGE = V3 + "/brands/{brand_id}/image";

  /** contract: catalog.v3 createCategoryImage — "Limit image size to 1MB" (also brands). */
  static final long ONE_MB = 1024 * 1024;

  /** The fields a product image upload form may carry besides the file. */
  private static final Schema FORM =
      Schema.of()
          .bool("is_thumbnail")
          .integer("sort_order", Integer.MIN_VALUE, Integer.MAX_VALUE)
          .text("description");

  private final ImageStore store;

  public ImageRoutes(ImageStore store) {
    this.store = store;
  }

  @Override
  public void register(Router r) {
    r.get(IMAGES, this::list)
        .postJsonOrForm(IMAGES, this::create)
        .get(IMAGE, this::get)
        .put(IMAGE, this::update)
        .delete(IMAGE, this::delete);
    resourceImage(r, CATEGORY_IMAGE, "category_id", "c", CategoryStore::replaceImageUrl);
    resourceImage(r, BRAND_IMAGE, "brand_id", "b", BrandStore::replaceImageUrl);
  }

  /** Sets the image_url of a resource of the store, returning the previous one. */
  @FunctionalInterface
  private interface ImageUrl {
    String replace(Handle h, long storeId, long id, String url);
  }

  /**
   * POST (upload) and DELETE of the one image of a resource: the owner of its file is {@code
   * prefix} and the resource's id ({@code c3}: category 3).
   */
  private void resourceImage(
      Router r, String template, String idParam, String prefix, ImageUrl imageUrl) {
    r.postForm(
            template, c -> resourceImage(c, prefix + c.id(idParam), attacher(c, idParam, imageUrl)))
        .delete(
            template,
            c -> {
              store.detach(c.tenant(), prefix + c.id(idParam), attacher(c, idParam, imageUrl));
              return Reply.noContent();
            });
  }

  private static ImageStore.Attacher attacher(Call c, String idParam, ImageUrl imageUrl) {
    long id = c.id(idParam);
    return (h, url) -> imageUrl.replace(h, c.tenant().id(), id, url);
  }

  /**
   * contract: catalog.v3 getProductImages lists 204 for a product without images; Stockroom answers
   * 200 with an empty page, like every other v3 list, so clients always get a body to parse.
   */
  private Reply list(Call c) {
    Paging paging = Paging.of(c.query());
    Fields fields = Fields.of(c.query());
    Docs.Page page = store.page(c.tenant(), c.id("product_id"), paging);
    return Reply.json(
        Status.OK, Envelope.docs(page.docs(), page.total(), paging, c.query(), fields));
  }

  private Reply get(Call c) {
    byte[] doc = store.get(c.tenant(), c.id("product_id"), c.id("image_id"));
    return Reply.json(Status.OK, Envelope.doc(doc, Fields.of(c.query())));
  }

  private Reply create(Call c) {
    long productId = c.id("product_id");
    ObjectNode doc;
    if (c.isForm()) {
      Map<String, Multipart.Part> form = c.form();
      ObjectNode input = formFields(form);
      Upload upload = Upload.of(form, c.tenant().limits().of("image_bytes"), "image_bytes");
      doc = store.create(c.tenant(), productId, input, upload);
    } else {
      doc = store.create(c.tenant(), productId, ProductImage.jsonInput(c.json()), null);
    }
    return Reply.created(
        Json.write(Envelope.single(doc)),
        c.basePath() + "/catalog/products/" + productId + "/images/" + doc.get("id").asLong());
  }

  /** The text fields of an upload form, typed and checked like their JSON counterparts. */
  private static ObjectNode formFields(Map<String, Multipart.Part> form) {
    ObjectNode raw = Json.MAPPER.createObjectNode();
    for (Multipart.Part p : form.values()) {
      if (p.name().equals(Upload.FIELD)) {
        continue;
      }
      if (p.name().equals("image_url")) {
        throw ApiException.Invalid.field(
            "image_url", "send image_url in a JSON body, or upload image_file; not both");
      }
      String text = p.text().trim();
      switch (p.name()) {
        case "is_thumbnail" -> {
          switch (text) {
            case "true", "1" -> raw.put(p.name(), true);
            case "false", "0" -> raw.put(p.name(), false);
            default -> raw.put(p.name(), text);
          }
        }
        case "sort_order" -> {
          try {
            raw.put(p.name(), new java.math.BigDecimal(text));
          } catch (NumberFormatException e) {
            raw.put(p.name(), text);
          }
        }
        default -> raw.put(p.name(), p.text());
      }
    }
    return FORM.check(raw, "", List.of());
  }

  private Reply update(Call c) {
    JsonNode body = c.json();
    String echoedUrl =
        body.isObject() && body.path("image_url").isTextual()
            ? body.get("image_url").textValue()
            : null;
    if (body.isObject() && body.has("image_url") && echoedUrl == null) {
      throw ApiException.Invalid.field("image_url", "cannot be changed by PUT");
    }
    ObjectNode input = ProductImage.PUT.check(withoutUrl(body), "", List.of());
    ObjectNode doc =
        store.update(c.tenant(), c.id("product_id"), c.id("image_id"), input, echoedUrl);
    return Reply.ok(Envelope.single(doc));
  }

  private static JsonNode withoutUrl(JsonNode body) {
    if (!body.isObject() || !body.has("image_url")) {
      return body;
    }
    ObjectNode copy = ((ObjectNode) body).deepCopy();
    copy.remove("image_url");
    return copy;
  }

  private Reply delete(Call c) {
    store.delete(c.tenant(), c.id("product_id"), c.id("image_id"));
    return Reply.noContent();
  }

  /**
   * An upload that becomes a resource's {@code image_url}: 201 with {@code {data:{image_url}}} and
   * the file's URL as {@code Location}. Files over 1 MB (or the store's smaller image_bytes) get
   * 413.
   */
  Reply resourceImage(Call c, String owner, ImageStore.Attacher attacher) {
    long max = Math.min(ONE_MB, c.tenant().limits().of("image_bytes"));
    Upload upload = Upload.only(c.form(), max, max == ONE_MB ? "1 MB" : "image_bytes");
    String url = store.attach(c.tenant(), owner, upload, attacher);
    return imageUrl(url);
  }

  static Reply imageUrl(String url) {
    ObjectNode data = Json.MAPPER.createObjectNode().put("image_url", url);
    Reply r = Reply.json(Status.CREATED, Json.write(Envelope.single(data)));
    return r.header("Location", url);
  }
}
