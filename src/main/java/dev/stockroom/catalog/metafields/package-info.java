/**
 * Catalog metafields of products, variants, categories and brands ({@code .../metafields}): unique
 * per (client id, namespace, key, resource) (409), at most {@code metafields_per_resource} per
 * resource (403), namespace, key and permission set changed only by the creating client (403).
 */
@NullMarked
package dev.stockroom.catalog.metafields;

import org.jspecify.annotations.NullMarked;
