/**
 * Catalog v3 categories: a parent_id tree whose names are unique among siblings; a category that
 * still holds products cannot be deleted (409, the seed's own example).
 */
@NullMarked
package dev.stockroom.catalog.categories;

import org.jspecify.annotations.NullMarked;
