/**
 * Customers: the v3 batch API ({@code /v3/customers…}: customers, addresses, attributes, attribute
 * and form-field values, settings, consent) and the v2 API ({@code /v2/customers…}, {@code
 * /v2/customer_groups}), both over the same rows.
 */
@NullMarked
package dev.stockroom.customers;

import org.jspecify.annotations.NullMarked;
