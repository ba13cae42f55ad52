package dev.stockroom.faults;

import dev.stockroom.testing.Stockroom;

/** {@link FaultsAcrossNodesTest} with both nodes on one PostgreSQL database. */
class FaultsAcrossNodesIT extends FaultsAcrossNodesTest {
  FaultsAcrossNodesIT(Stockroom sr) {
    super(sr);
  }
}
