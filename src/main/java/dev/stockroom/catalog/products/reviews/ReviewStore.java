package dev.stockroom.catalog.products.reviews;

import dev.stockroom.catalog.children.ChildStore;
import java.util.List;
import java.util.Map;
import org.jdbi.v3.core.Handle;

/** Reads of product reviews for other features (the SQL is {@link ChildStore}'s). */
public final class ReviewStore {
  private ReviewStore() {}

  /** Each product's reviews, in id order. */
  public static Map<Long, List<byte[]>> forProducts(Handle h, long storeId, List<Long> productIds) {
    return ChildStore.forOwners(h, storeId, Review.KIND.kind(), productIds);
  }
}
