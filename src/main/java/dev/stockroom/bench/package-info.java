/**
 * Benchmark helpers run by {@code bench/run.sh}: {@link dev.stockroom.bench.Ceiling}, a bare
 * Helidon server that answers every request with one fixed body (a product, a page of them, or a
 * captured response: the HTTP ceiling the store API is measured against), {@link
 * dev.stockroom.bench.Seed}, which creates a store, an API account and N products (with variants
 * and images) through the public API, and {@link dev.stockroom.bench.Fetch}, one GET to a file.
 * Nothing in the server depends on this package.
 */
package dev.stockroom.bench;
