/**
 * The shared machinery of catalog sub-resources stored as documents of their own (product custom
 * fields, bulk pricing rules, videos, reviews; metafields): one table, one store and one route
 * table for every kind, so that each kind is a definition ({@link
 * dev.stockroom.catalog.children.Child}) of its fields and rules rather than a copy of the CRUD
 * code.
 */
@NullMarked
package dev.stockroom.catalog.children;

import org.jspecify.annotations.NullMarked;
