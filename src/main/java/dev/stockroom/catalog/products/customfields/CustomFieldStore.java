package dev.stockroom.catalog.products.customfields;

import dev.stockroom.catalog.children.ChildStore;
import java.util.List;
import java.util.Map;
import org.jdbi.v3.core.Handle;

/** Reads of custom fields for other features (the SQL is {@link ChildStore}'s). */
public final class CustomFieldStore {
  private CustomFieldStore() {}

  /** Each product's custom fields, in id order ({@code include=custom_fields}). */
  public static Map<Long, List<byte[]>> forProducts(Handle h, long storeId, List<Long> productIds) {
    return ChildStore.forOwners(h, storeId, CustomField.KIND.kind(), productIds);
  }
}
