package dev.stockroom.catalog.children;

import dev.stockroom.catalog.products.ProductStore;
import java.util.List;
import org.jdbi.v3.core.Handle;

/**
 * Where children hang: the path of the owner ({@code /stores/{store_hash}/v3/catalog/products/
 * {product_id}}), the ids it takes from the path, and how to find the owner (404 naming it).
 */
public record Parent(String path, List<String> params, Lookup lookup) {
  /** Finds the owner named by the path's ids (in the order of {@code params}) or throws 404. */
  @FunctionalInterface
  public interface Lookup {
    Owner require(Handle h, long storeId, long[] ids);
  }

  public static final Parent PRODUCT =
      new Parent(
          "/stores/{store_hash}/v3/catalog/products/{product_id}",
          List.of("product_id"),
          (h, storeId, ids) -> {
            ProductStore.require(h, storeId, ids[0]);
            return new Owner("product", ids[0], ids[0]);
          });
}
