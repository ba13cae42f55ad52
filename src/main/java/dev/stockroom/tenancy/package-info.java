/** Stores (tenants), their API accounts and OAuth scopes: store hash and token to tenant. */
@NullMarked
package dev.stockroom.tenancy;

import org.jspecify.annotations.NullMarked;
