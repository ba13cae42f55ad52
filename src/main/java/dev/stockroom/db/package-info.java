/**
 * The database: SQLite (write lane, readers) or PostgreSQL, migrations, per-store ids and counts,
 * document reads.
 */
@NullMarked
package dev.stockroom.db;

import org.jspecify.annotations.NullMarked;
