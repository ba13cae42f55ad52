package dev.stockroom.catalog.children;

/**
 * The resource a child hangs on: its type as metafields name it ({@code product}, {@code variant},
 * {@code category}, {@code brand}), its id, and the product it goes with (0 for none).
 */
public record Owner(String type, long id, long productId) {
  /** "product 5", for messages. */
  @Override
  public String toString() {
    return type + " " + id;
  }
}
