/**
 * The control plane under {@code /admin/api}: stores, their plans, limits, status, API accounts.
 */
@NullMarked
package dev.stockroom.admin;

import org.jspecify.annotations.NullMarked;
