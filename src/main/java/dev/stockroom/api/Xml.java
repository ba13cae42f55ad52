package dev.stockroom.api;

import com.fasterxml.jackson.databind.JsonNode;
import java.nio.charset.StandardCharsets;
import java.util.Locale;
import java.util.Map;

/**
 * v2 answers in XML, by the legacy v2 rules (spec-digest §1): the root element is the singular
 * resource name and a collection is wrapped in the plural name; a null is the literal {@code NULL};
 * an array inside an object is a set of {@code <value>} elements; a sub-resource link {@code {url,
 * resource}} is {@code <link rel="resource" href="url">resource</link>}. The JSON answer is the
 * single source: XML is rendered from it, so both always carry the same data.
 */
public final class Xml {
  public static final String MEDIA_TYPE = "application/xml";

  private Xml() {}

  /**
   * The XML form of a v2 JSON answer. {@code collection} is the plural element name (a path's last
   * literal segment, e.g. {@code shipping_addresses}); an array becomes {@code <collection>} of
   * singular items, an object becomes one {@code <singular>} element, or {@code objectRoot} when
   * given (counts and other non-resource objects).
   */
  public static byte[] render(JsonNode json, String collection, String objectRoot) {
    StringBuilder out = new StringBuilder(256);
    out.append("<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n");
    String item = singular(collection);
    if (json.isArray()) {
      out.append('<').append(name(collection)).append('>');
      for (JsonNode n : json) {
        element(out, item, n);
      }
      out.append("</").append(name(collection)).append('>');
    } else {
      element(out, objectRoot.isEmpty() ? item : objectRoot, json);
    }
    return out.toString().getBytes(StandardCharsets.UTF_8);
  }

  /**
   * Reads a v2 XML request body into the JSON tree the handlers take. The root element is the
   * resource; an element whose children all share one name ({@code <value>}, the singular of its
   * own name, or a repeated name) is an array, any other element with children an object. Text
   * {@code NULL} is null, {@code true}/{@code false} a boolean, a plain number (no leading zeros,
   * so a zip code such as {@code 01234} stays text) a number, anything else text. Doctypes and
   * external entities are refused. Malformed XML is a 400.
   */
  public static JsonNode toJson(byte[] body) {
    org.w3c.dom.Document doc;
    try {
      javax.xml.parsers.DocumentBuilderFactory f =
          javax.xml.parsers.DocumentBuilderFactory.newInstance();
      f.setFeature("http://apache.org/xml/features/disallow-doctype-decl", true);
      f.setFeature("http://xml.org/sax/features/external-general-entities", false);
      f.setFeature("http://xml.org/sax/features/external-parameter-entities", false);
      f.setXIncludeAware(false);
      f.setExpandEntityReferences(false);
      f.setFeature(javax.xml.XMLConstants.FEATURE_SECURE_PROCESSING, true);
      javax.xml.parsers.DocumentBuilder b = f.newDocumentBuilder();
      b.setErrorHandler(null);
      doc = b.parse(new java.io.ByteArrayInputStream(body));
    } catch (org.xml.sax.SAXException | java.io.IOException e) {
      throw new ApiException.Refused(
          Status.BAD_REQUEST,
          "The request body is not well-formed XML"
              + (e.getMessage() == null ? "." : ": " + e.getMessage()));
    } catch (javax.xml.parsers.ParserConfigurationException e) {
      throw new IllegalStateException("the XML parser cannot be configured safely", e);
    }
    return node(doc.getDocumentElement(), 0);
  }

  private static JsonNode node(org.w3c.dom.Element e, int depth) {
    if (depth > Json.MAX_DEPTH) {
      throw new ApiException.Refused(
          Status.BAD_REQUEST, "The XML body is nested more than " + Json.MAX_DEPTH + " deep.");
    }
    java.util.List<org.w3c.dom.Element> children = new java.util.ArrayList<>();
    for (org.w3c.dom.Node n = e.getFirstChild(); n != null; n = n.getNextSibling()) {
      if (n instanceof org.w3c.dom.Element child) {
        children.add(child);
      }
    }
    if (children.isEmpty()) {
      return scalar(e.getTextContent());
    }
    String first = children.get(0).getTagName();
    boolean same = children.stream().allMatch(c -> c.getTagName().equals(first));
    if (same
        && (children.size() > 1
            || first.equals("value")
            || first.equals(singular(e.getTagName())))) {
      com.fasterxml.jackson.databind.node.ArrayNode a = Json.MAPPER.createArrayNode();
      children.forEach(c -> a.add(node(c, depth + 1)));
      return a;
    }
    com.fasterxml.jackson.databind.node.ObjectNode o = Json.MAPPER.createObjectNode();
    children.forEach(c -> o.set(c.getTagName(), node(c, depth + 1)));
    return o;
  }

  private static final java.util.regex.Pattern INTEGER =
      java.util.regex.Pattern.compile("-?(0|[1-9][0-9]{0,17})");
  private static final java.util.regex.Pattern DECIMAL =
      java.util.regex.Pattern.compile("-?(0|[1-9][0-9]{0,17})\\.[0-9]{1,12}");

  private static JsonNode scalar(String raw) {
    String t = raw.trim();
    var f = Json.MAPPER.getNodeFactory();
    if (t.equals("NULL")) {
      return f.nullNode();
    }
    if (t.equals("true") || t.equals("false")) {
      return f.booleanNode(t.equals("true"));
    }
    if (INTEGER.matcher(t).matches()) {
      return f.numberNode(Long.parseLong(t));
    }
    if (DECIMAL.matcher(t).matches()) {
      return f.numberNode(new java.math.BigDecimal(t));
    }
    return f.textNode(raw);
  }

  /** The singular of a collection segment: addresses → address, statuses → status, taxes → tax. */
  public static String singular(String plural) {
    String p = plural.toLowerCase(Locale.ROOT);
    if (p.endsWith("sses") || p.endsWith("uses") || p.endsWith("xes")) {
      return plural.substring(0, plural.length() - 2);
    }
    if (p.endsWith("ies")) {
      return plural.substring(0, plural.length() - 3) + "y";
    }
    if (p.endsWith("s") && p.length() > 1) {
      return plural.substring(0, plural.length() - 1);
    }
    return plural;
  }

  private static void element(StringBuilder out, String name, JsonNode value) {
    String tag = name(name);
    if (value.isObject() && isLink(value)) {
      out.append('<').append(tag).append("><link rel=\"resource\" href=\"");
      escape(out, value.get("url").asText(), true);
      out.append("\">");
      escape(out, value.get("resource").asText(), false);
      out.append("</link></").append(tag).append('>');
      return;
    }
    out.append('<').append(tag).append('>');
    if (value.isObject()) {
      for (Map.Entry<String, JsonNode> f : value.properties()) {
        element(out, f.getKey(), f.getValue());
      }
    } else if (value.isArray()) {
      for (JsonNode n : value) {
        element(out, "value", n);
      }
    } else if (value.isNull() || value.isMissingNode()) {
      out.append("NULL");
    } else {
      escape(out, value.asText(), false);
    }
    out.append("</").append(tag).append('>');
  }

  private static boolean isLink(JsonNode node) {
    return node.size() == 2 && node.path("url").isTextual() && node.path("resource").isTextual();
  }

  /** A JSON key as an XML element name: characters XML does not allow in names become '_'. */
  static String name(String key) {
    if (key.isEmpty()) {
      return "_";
    }
    StringBuilder b = new StringBuilder(key.length() + 1);
    for (int i = 0; i < key.length(); i++) {
      char c = key.charAt(i);
      boolean ok =
          Character.isLetter(c)
              || c == '_'
              || (i > 0 && (Character.isDigit(c) || c == '-' || c == '.'));
      b.append(ok ? c : '_');
    }
    if (!Character.isLetter(b.charAt(0)) && b.charAt(0) != '_') {
      b.insert(0, '_');
    }
    if (b.length() >= 3 && b.substring(0, 3).equalsIgnoreCase("xml")) {
      b.insert(0, '_');
    }
    return b.toString();
  }

  private static void escape(StringBuilder out, String text, boolean attribute) {
    for (int i = 0; i < text.length(); i++) {
      char c = text.charAt(i);
      switch (c) {
        case '<' -> out.append("&lt;");
        case '>' -> out.append("&gt;");
        case '&' -> out.append("&amp;");
        case '"' -> out.append(attribute ? "&quot;" : "\"");
        default -> {
          // Characters XML 1.0 cannot carry at all are dropped rather than sent broken.
          if (c >= 0x20 || c == '\t' || c == '\n' || c == '\r') {
            out.append(c);
          }
        }
      }
    }
  }
}
