/** The request pipelines of the store API and the control plane, and the one Helidon handler. */
@NullMarked
package dev.stockroom.edge;

import org.jspecify.annotations.NullMarked;
