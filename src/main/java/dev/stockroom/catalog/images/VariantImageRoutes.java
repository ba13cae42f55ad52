package dev.stockroom.catalog.images;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.stockroom.api.Call;
import dev.stockroom.api.Reply;
import dev.stockroom.api.Router;
import dev.stockroom.api.Routes;
import dev.stockroom.api.Schema;
import java.util.List;

/**
 * The image of a variant ({@code POST /products/{product_id}/variants/{variant_id}/image}: JSON
 * {@code image_url} or an upload) and of a modifier value ({@code POST} and {@code DELETE
 * /products/{product_id}/modifiers/{modifier_id}/values/{value_id}/image}: uploads only).
 *
 * <p>contract: catalog.v3 createVariantImage declares 500 for an {@code image_file} over 1 MB;
 * Stockroom answers 413 (the seed's code for a body too large; no 500 without a fault).
 *
 * <p>Not in App's feature list until the variants feature lands (its tables are what the {@link
 * VariantImages} hooks write).
 */
public final class VariantImageRoutes implements Routes {
  private static final String PRODUCT = "/stores/{store_hash}/v3/catalog/products/{product_id}";
  private static final String VARIANT_IMAGE = PRODUCT + "/variants/{variant_id}/image";
  private static final String MODIFIER_IMAGE =
      PRODUCT + "/modifiers/{modifier_id}/values/{value_id}/image";

  /** contract: catalog.v3 "Resource Image" — {image_url}. */
  private static final Schema RESOURCE_IMAGE = Schema.of().string("image_url", 1, 255);

  private final ImageStore store;
  private final ImageRoutes images;

  public VariantImageRoutes(ImageStore store) {
    this.store = store;
    this.images = new ImageRoutes(store);
  }

  @Override
  public void register(Router r) {
    r.postJsonOrForm(VARIANT_IMAGE, this::variantImage)
        .postForm(MODIFIER_IMAGE, this::modifierImage)
        .delete(MODIFIER_IMAGE, this::deleteModifierImage);
  }

  private Reply variantImage(Call c) {
    long product = c.id("product_id");
    long variant = c.id("variant_id");
    ImageStore.Attacher attacher =
        (h, url) -> VariantImages.attach(h, c.tenant().id(), product, variant, url);
    if (c.isForm()) {
      return images.resourceImage(c, "v" + variant, attacher);
    }
    ObjectNode in = RESOURCE_IMAGE.check(c.json(), "", List.of("image_url"));
    String url = in.get("image_url").asText();
    ProductImage.checkUrl(url, "image_url");
    return ImageRoutes.imageUrl(store.attachUrl(c.tenant(), "v" + variant, url, attacher));
  }

  private Reply modifierImage(Call c) {
    return images.resourceImage(c, "m" + c.id("value_id"), modifierValue(c));
  }

  private Reply deleteModifierImage(Call c) {
    store.detach(c.tenant(), "m" + c.id("value_id"), modifierValue(c));
    return Reply.noContent();
  }

  private static ImageStore.Attacher modifierValue(Call c) {
    long product = c.id("product_id");
    long modifier = c.id("modifier_id");
    long value = c.id("value_id");
    return (h, url) ->
        VariantImages.attachModifierValue(h, c.tenant().id(), product, modifier, value, url);
  }
}
