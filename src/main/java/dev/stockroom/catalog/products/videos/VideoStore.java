package dev.stockroom.catalog.products.videos;

import dev.stockroom.catalog.children.ChildStore;
import java.util.List;
import java.util.Map;
import org.jdbi.v3.core.Handle;

/** Reads of product videos for other features (the SQL is {@link ChildStore}'s). */
public final class VideoStore {
  private VideoStore() {}

  /** Each product's videos, by sort_order then id ({@code include=videos}). */
  public static Map<Long, List<byte[]>> forProducts(Handle h, long storeId, List<Long> productIds) {
    return ChildStore.forOwners(h, storeId, Video.KIND.kind(), productIds);
  }
}
