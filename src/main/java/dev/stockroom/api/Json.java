package dev.stockroom.api;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.StreamReadConstraints;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.PropertyNamingStrategies;
import java.io.IOException;

/** The one configured JSON mapper: snake_case names, strict parsing of request bodies. */
public final class Json {
  /** Deeper request bodies are malformed for this API (its deepest documents nest ~5 levels). */
  public static final int MAX_DEPTH = 32;

  public static final ObjectMapper MAPPER = create();

  private Json() {}

  private static ObjectMapper create() {
    JsonFactory factory =
        JsonFactory.builder()
            .streamReadConstraints(
                StreamReadConstraints.builder()
                    .maxNestingDepth(MAX_DEPTH)
                    .maxNumberLength(64)
                    .maxStringLength(1_000_000)
                    .build())
            .build();
    ObjectMapper mapper = new ObjectMapper(factory);
    mapper.setPropertyNamingStrategy(PropertyNamingStrategies.SNAKE_CASE);
    mapper.enable(JsonParser.Feature.STRICT_DUPLICATE_DETECTION);
    mapper.enable(DeserializationFeature.FAIL_ON_TRAILING_TOKENS);
    mapper.enable(DeserializationFeature.USE_BIG_DECIMAL_FOR_FLOATS);
    mapper.enable(DeserializationFeature.USE_BIG_INTEGER_FOR_INTS);
    return mapper;
  }

  /** Parses a request body; anything that is not one well-formed JSON value is a 400. */
  public static JsonNode parse(byte[] body) {
    if (body.length == 0) {
      throw new ApiException.Refused(Status.BAD_REQUEST, "The request body is empty; send JSON.");
    }
    try {
      JsonNode node = MAPPER.readTree(body);
      if (node == null || node.isMissingNode()) {
        throw new ApiException.Refused(Status.BAD_REQUEST, "The request body is empty; send JSON.");
      }
      return node;
    } catch (JsonProcessingException e) {
      throw new ApiException.Refused(
          Status.BAD_REQUEST, "The request body is not valid JSON: " + firstLine(e));
    } catch (IOException e) {
      // Jackson's encoding detection (UTF-16/32 guesses) fails with plain IOExceptions.
      throw new ApiException.Refused(
          Status.BAD_REQUEST, "The request body is not valid JSON text in UTF-8.");
    }
  }

  private static String firstLine(JsonProcessingException e) {
    String m = e.getOriginalMessage();
    if (m == null) {
      return "syntax error";
    }
    int nl = m.indexOf('\n');
    String line = nl < 0 ? m : m.substring(0, nl);
    var loc = e.getLocation();
    return loc == null
        ? line
        : line + " (line " + loc.getLineNr() + ", column " + loc.getColumnNr() + ")";
  }

  public static byte[] write(Object value) {
    try {
      return MAPPER.writeValueAsBytes(value);
    } catch (JsonProcessingException e) {
      throw new IllegalStateException("unserializable response value", e);
    }
  }

  public static String text(Object value) {
    try {
      return MAPPER.writeValueAsString(value);
    } catch (JsonProcessingException e) {
      throw new IllegalStateException("unserializable response value", e);
    }
  }

  /** Stored documents hold plain doubles and longs: read them back as such. */
  private static final com.fasterxml.jackson.databind.ObjectReader STORED =
      MAPPER
          .reader()
          .without(DeserializationFeature.USE_BIG_DECIMAL_FOR_FLOATS)
          .without(DeserializationFeature.USE_BIG_INTEGER_FOR_INTS);

  public static JsonNode tree(byte[] utf8) {
    try {
      return STORED.readTree(utf8);
    } catch (IOException e) {
      throw new IllegalStateException("stored JSON is corrupt", e);
    }
  }

  public static JsonNode tree(String text) {
    try {
      return STORED.readTree(text);
    } catch (JsonProcessingException e) {
      throw new IllegalStateException("stored JSON is corrupt", e);
    }
  }
}
