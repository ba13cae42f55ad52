package dev.stockroom.orders;

import com.fasterxml.jackson.databind.node.ObjectNode;

/**
 * An order line (order product) as stored: its document and what placing it took from stock ({@code
 * stockMode} {@code ""}, {@code product} or {@code variant}, and how many), so that a cancel gives
 * back exactly that, once.
 */
final class Line {
  final ObjectNode doc;
  String stockMode;
  long stockTaken;

  Line(ObjectNode doc, String stockMode, long stockTaken) {
    this.doc = doc;
    this.stockMode = stockMode;
    this.stockTaken = stockTaken;
  }

  long id() {
    return doc.path("id").asLong();
  }

  long productId() {
    return doc.path("product_id").asLong();
  }

  long variantId() {
    return doc.path("variant_id").asLong();
  }

  long quantity() {
    return doc.path("quantity").asLong();
  }

  long shipped() {
    return doc.path("quantity_shipped").asLong();
  }
}
