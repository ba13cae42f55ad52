/**
 * Images: product images ({@code /products/{id}/images}), the image of a category, a brand, a
 * variant or a modifier value, and the public files that uploads are served from ({@code
 * /images/{store_hash}/{file}}). Uploaded files are checked by their bytes, kept under the data
 * directory and never named by the client; product image uploads get resized copies for {@code
 * url_zoom}, {@code url_standard}, {@code url_thumbnail} and {@code url_tiny}.
 */
@NullMarked
package dev.stockroom.catalog.images;

import org.jspecify.annotations.NullMarked;
