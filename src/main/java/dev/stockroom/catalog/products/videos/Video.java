package dev.stockroom.catalog.products.videos;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.stockroom.api.Json;
import dev.stockroom.api.Schema;
import dev.stockroom.catalog.children.Child;
import dev.stockroom.catalog.children.Owner;
import dev.stockroom.catalog.children.Parent;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The product video resource (catalog.v3 {@code productVideo_Full}). contract: "Videos must be
 * loaded through YouTube at this time" and "publicly accessible URLs are valid": {@code video_id}
 * is a YouTube id of 11 characters, or a YouTube URL holding one, stored as the id. Title,
 * description and length would come from YouTube; Stockroom never calls it, so they stay as sent,
 * and {@code length} is {@code "00:00"} (the spec's examples write {@code "01:54"}).
 */
public final class Video {
  private static final Pattern ID = Pattern.compile("[A-Za-z0-9_-]{11}");
  private static final Pattern URL =
      Pattern.compile(
          "https?://(?:www\\.|m\\.)?(?:youtube\\.com/(?:watch\\?(?:.*&)?v=|embed/|shorts/)|youtu\\.be/)"
              + "([A-Za-z0-9_-]{11})(?:[?&#].*)?");

  static final Schema SCHEMA =
      Schema.of("id", "product_id", "length")
          .string("title", 0, 255)
          .text("description")
          .integer("sort_order", Integer.MIN_VALUE, Integer.MAX_VALUE)
          .enumeration("type", "youtube")
          .string("video_id", 1, 255);

  public static final Child KIND =
      new Child("video", "Video", Parent.PRODUCT, "videos", "id", SCHEMA, Video::create)
          .sequence("videos")
          .required("video_id")
          .limit("videos_per_product", "videos")
          .makesRoom()
          .validator(Video::validate);

  private Video() {}

  private static ObjectNode create(long id, Owner owner, ObjectNode input, String now) {
    ObjectNode doc = Json.MAPPER.createObjectNode();
    doc.put("id", id);
    doc.put("type", "youtube");
    doc.put("video_id", "");
    doc.put("product_id", owner.id());
    doc.put("sort_order", 0);
    doc.put("title", "");
    doc.put("description", "");
    doc.put("length", "00:00");
    Schema.merge(doc, input);
    return doc;
  }

  /** Keeps the id of a YouTube URL; anything else that is not an id is a 422. */
  private static void validate(ObjectNode input, Map<String, String> errors) {
    if (!input.has("video_id")) {
      return;
    }
    String v = input.get("video_id").asText().trim();
    Matcher url = URL.matcher(v);
    if (url.matches()) {
      input.put("video_id", url.group(1));
    } else if (ID.matcher(v).matches()) {
      input.put("video_id", v);
    } else {
      errors.put(
          "video_id",
          "must be a YouTube video id (11 characters: letters, digits, - and _) or a YouTube URL");
    }
  }
}
