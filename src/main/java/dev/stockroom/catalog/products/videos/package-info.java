/**
 * Product videos: {@code /v3/catalog/products/{product_id}/videos}, YouTube ids (or their watch
 * URLs), at most {@code videos_per_product} per product (403). Nothing is fetched from YouTube.
 */
@NullMarked
package dev.stockroom.catalog.products.videos;

import org.jspecify.annotations.NullMarked;
