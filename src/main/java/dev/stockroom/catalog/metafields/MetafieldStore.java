package dev.stockroom.catalog.metafields;

import dev.stockroom.api.ApiException;
import dev.stockroom.catalog.children.ChildStore;
import java.util.List;
import java.util.Map;
import org.jdbi.v3.core.Handle;

/** Metafield hooks and reads for other features (the SQL of the metafields is ChildStore's). */
public final class MetafieldStore {
  /** The variants feature's table (store_id, id, product_id, sku, doc). */
  private static final String VARIANTS = "variants";

  /** Set once the variants table is seen; it does not go away. */
  private MetafieldStore() {}

  /** Each product's own metafields, in id order. */
  public static Map<Long, List<byte[]>> forProducts(Handle h, long storeId, List<Long> productIds) {
    return ChildStore.forOwners(h, storeId, Metafield.ON_PRODUCT.kind(), productIds);
  }

  /** Runs where categories are deleted: their metafields go with them. */
  public static void deleteForCategories(Handle h, long storeId, List<Long> categoryIds) {
    ChildStore.deleteForOwners(h, storeId, Metafield.ON_CATEGORY.kind(), categoryIds);
  }

  /** Runs where brands are deleted: their metafields go with them. */
  public static void deleteForBrands(Handle h, long storeId, List<Long> brandIds) {
    ChildStore.deleteForOwners(h, storeId, Metafield.ON_BRAND.kind(), brandIds);
  }

  /** Runs where variants are deleted: their metafields go with them. */
  public static void deleteForVariants(Handle h, long storeId, List<Long> variantIds) {
    ChildStore.deleteForOwners(h, storeId, Metafield.ON_VARIANT.kind(), variantIds);
  }

  /** Metafields of a missing variant (or of another product's variant) answer 404. */
  public static void requireVariant(Handle h, long storeId, long productId, long variantId) {
    boolean found =
        h.createQuery(
                    "SELECT COUNT(*) FROM "
                        + VARIANTS
                        + " WHERE store_id = ? AND product_id = ? AND id = ?")
                .bind(0, storeId)
                .bind(1, productId)
                .bind(2, variantId)
                .mapTo(Long.class)
                .one()
            > 0;
    if (!found) {
      throw new ApiException.NotFound(
          "Variant " + variantId + " of product " + productId + " not found.");
    }
  }
}
