/**
 * The recent requests of each store as this node answered them, with the rate-limit state, the
 * fault rule that fired and the contract's troubleshooting hint: what a developer reads when a
 * client misbehaves.
 */
@NullMarked
package dev.stockroom.requestlog;

import org.jspecify.annotations.NullMarked;
