/**
 * Webhooks: {@code /v3/hooks} and {@code /v2/hooks}, delivery from the outbox that every feature
 * writes in its own transactions ({@link dev.stockroom.db.Events}), retries on the hosted schedule,
 * domain blocking, SSRF checks in public-only mode, and the control plane's delivery log.
 */
@NullMarked
package dev.stockroom.webhooks;

import org.jspecify.annotations.NullMarked;
