package dev.stockroom.faults;

import dev.stockroom.testing.Stockroom;

/** {@link FaultsApiTest} against PostgreSQL (skipped with a message when none is configured). */
class FaultsApiIT extends FaultsApiTest {
  FaultsApiIT(Stockroom sr) {
    super(sr);
  }
}
