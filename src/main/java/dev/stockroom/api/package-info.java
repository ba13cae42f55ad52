/**
 * The HTTP edge shared by every feature: errors and their one renderer, envelopes, paging, filters,
 * field schemas, routing.
 */
@NullMarked
package dev.stockroom.api;

import org.jspecify.annotations.NullMarked;
