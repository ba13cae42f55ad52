package dev.stockroom.tenancy;

import java.util.List;

/** An API account of a store: a token (stored hashed) with scopes. */
public record ApiAccount(
    long storeId, long id, String name, String clientId, List<String> scopes, long createdAt) {}
