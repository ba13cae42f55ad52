/** The control plane under {@code /admin/api}: stores, their plans, limits, status, API accounts. */
package dev.stockroom.admin;
