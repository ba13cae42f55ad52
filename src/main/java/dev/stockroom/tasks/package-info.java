/**
 * Scheduled tasks: operations that touch many objects (collection deletes and batch updates above
 * the threshold, archiving every order, sample data) answer 202 Accepted with the {@code Location}
 * of a task resource, and a background runner on each node does them exactly once, surviving
 * restarts. Routes ask for a task through {@link dev.stockroom.api.Scheduler}.
 */
@NullMarked
package dev.stockroom.tasks;

import org.jspecify.annotations.NullMarked;
