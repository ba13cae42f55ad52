package dev.stockroom.catalog.images;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.stockroom.api.ApiException;
import dev.stockroom.api.Json;
import dev.stockroom.catalog.products.ProductStore;
import dev.stockroom.db.Docs;
import org.jdbi.v3.core.Handle;

/**
 * The hooks that set the image of a variant ({@code variants.doc.image_url}) and of a modifier
 * value ({@code product_options.doc.option_values[].adjusters.image_url}, kind {@code modifier}).
 * They stand in for methods of the variants feature until it lands; each returns the previous URL
 * ("" for none) and throws 404s naming what is missing.
 */
public final class VariantImages {
  private VariantImages() {}

  /** Sets variant {@code variantId}'s image_url ("" clears it); returns the previous one. */
  public static String attach(Handle h, long storeId, long productId, long variantId, String url) {
    ProductStore.require(h, storeId, productId);
    ApiException.NotFound missing =
        new ApiException.NotFound(
            "Variant " + variantId + " not found on product " + productId + ".");
    boolean onProduct =
        h.createQuery(
                    "SELECT COUNT(*) FROM variants WHERE store_id = ? AND product_id = ? AND id = ?")
                .bind(0, storeId)
                .bind(1, productId)
                .bind(2, variantId)
                .mapTo(Long.class)
                .one()
            > 0;
    if (!onProduct) {
      throw missing;
    }
    return Docs.setText(h, "variants", storeId, variantId, "image_url", url)
        .orElseThrow(() -> missing);
  }

  /**
   * Sets the image of value {@code valueId} of modifier {@code modifierId} ("" clears it); returns
   * the previous one.
   */
  public static String attachModifierValue(
      Handle h, long storeId, long productId, long modifierId, long valueId, String url) {
    ProductStore.require(h, storeId, productId);
    ObjectNode doc =
        h.createQuery(
                "SELECT doc FROM product_options WHERE store_id = ? AND product_id = ? AND id = ?"
                    + " AND kind = 'modifier'")
            .bind(0, storeId)
            .bind(1, productId)
            .bind(2, modifierId)
            .map((rs, ctx) -> (ObjectNode) Json.tree(rs.getString(1)))
            .findOne()
            .orElseThrow(
                () ->
                    new ApiException.NotFound(
                        "Modifier " + modifierId + " not found on product " + productId + "."));
    for (JsonNode value : doc.path("option_values")) {
      if (value.path("id").asLong() == valueId && value.isObject()) {
        JsonNode adjusters = value.get("adjusters");
        ObjectNode a =
            adjusters instanceof ObjectNode o ? o : ((ObjectNode) value).putObject("adjusters");
        String previous = a.path("image_url").asText("");
        a.put("image_url", url);
        h.createUpdate("UPDATE product_options SET doc = ? WHERE store_id = ? AND id = ?")
            .bind(0, Json.text(doc))
            .bind(1, storeId)
            .bind(2, modifierId)
            .execute();
        return previous;
      }
    }
    throw new ApiException.NotFound(
        "Value " + valueId + " not found on modifier " + modifierId + ".");
  }
}
