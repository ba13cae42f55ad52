/**
 * Orders v2: {@code /stores/{store_hash}/v2/orders} and its sub-resources (products, shipping
 * addresses, shipments, coupons, taxes, messages) and {@code /order_statuses}; placing an order
 * takes tracked stock from the catalog in the same transaction and never oversells.
 */
@NullMarked
package dev.stockroom.orders;

import org.jspecify.annotations.NullMarked;
