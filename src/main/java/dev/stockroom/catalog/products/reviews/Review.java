package dev.stockroom.catalog.products.reviews;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.stockroom.api.Json;
import dev.stockroom.api.Schema;
import dev.stockroom.catalog.children.Child;
import dev.stockroom.catalog.children.Owner;
import dev.stockroom.catalog.children.Parent;
import dev.stockroom.catalog.products.ProductStore;
import java.util.regex.Pattern;
import org.jdbi.v3.core.Handle;
import org.jspecify.annotations.Nullable;

/**
 * The product review resource (catalog.v3 {@code productReview_Full}). contract: {@code status}
 * "must be one of approved, disapproved or pending", {@code rating} "one of 0, 1, 2, 3, 4, 5",
 * {@code email} "a valid email, or an empty string". Only approved reviews count in the product's
 * totals (BigCommerce: "when this review is sent and approved, reviews_count will increase by 1").
 */
public final class Review {
  private static final Pattern EMAIL = Pattern.compile("[^@\\s]+@[^@\\s]+\\.[^@\\s]+");

  static final Schema SCHEMA =
      Schema.of("id", "product_id", "date_created", "date_modified")
          .string("title", 0, 255)
          .text("text")
          .enumeration("status", "approved", "disapproved", "pending")
          .integer("rating", 0, 5)
          .string("email", 0, 255)
          .string("name", 0, 255)
          .date("date_reviewed");

  public static final Child KIND =
      new Child("review", "Review", Parent.PRODUCT, "reviews", "review_id", SCHEMA, Review::create)
          .sequence("reviews")
          .required("title", "date_reviewed")
          .validator(
              (input, errors) -> {
                String email = input.path("email").asText("");
                if (!email.isEmpty() && !EMAIL.matcher(email).matches()) {
                  errors.put("email", "must be a valid email address, or empty");
                }
              })
          .hook(Review::count);

  private Review() {}

  private static ObjectNode create(long id, Owner owner, ObjectNode input, String now) {
    ObjectNode doc = Json.MAPPER.createObjectNode();
    doc.put("id", id);
    doc.put("product_id", owner.id());
    doc.put("title", "");
    doc.put("text", "");
    doc.put("status", "pending");
    doc.put("rating", 0);
    doc.put("email", "");
    doc.put("name", "");
    doc.put("date_reviewed", now);
    doc.put("date_created", now);
    doc.put("date_modified", now);
    Schema.merge(doc, input);
    return doc;
  }

  /** Moves the product's totals by what the write changes in approved reviews. */
  private static void count(Handle h, Child.Change change) {
    long count = approved(change.after()) - approved(change.before());
    long sum = rating(change.after()) - rating(change.before());
    if (count != 0 || sum != 0) {
      ProductStore.adjustReviews(h, change.storeId(), change.owner().productId(), count, sum);
    }
  }

  private static long approved(@Nullable ObjectNode review) {
    return review != null && review.path("status").asText().equals("approved") ? 1 : 0;
  }

  private static long rating(@Nullable ObjectNode review) {
    return approved(review) * (review == null ? 0 : review.path("rating").asLong());
  }
}
