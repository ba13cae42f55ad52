/**
 * Benchmark helpers run by {@code bench/run.sh}: {@link dev.stockroom.bench.Ceiling}, a bare
 * Helidon server that answers every request with one fixed product (the HTTP ceiling the store API
 * is measured against), and {@link dev.stockroom.bench.Seed}, which creates a store, an API account
 * and N products through the public API. Nothing in the server depends on this package.
 */
package dev.stockroom.bench;
