package dev.stockroom.catalog.products.bulkpricing;

import dev.stockroom.testing.Stockroom;

/**
 * {@link BulkPricingRulesApiTest} against PostgreSQL (skipped with a message when no server is
 * configured).
 */
class BulkPricingRulesApiIT extends BulkPricingRulesApiTest {
  BulkPricingRulesApiIT(Stockroom sr) {
    super(sr);
  }
}
