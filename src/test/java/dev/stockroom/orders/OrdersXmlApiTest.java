package dev.stockroom.orders;

import static org.assertj.core.api.Assertions.assertThat;

import dev.stockroom.testing.ApiClient.Response;
import dev.stockroom.testing.Stockroom;
import dev.stockroom.testing.StockroomTest;
import dev.stockroom.testing.TestStore;
import dev.stockroom.testing.XmlBodies;
import org.junit.jupiter.api.Test;
import org.w3c.dom.Document;
import org.w3c.dom.Element;

/** Orders in XML, both ways: answers by Accept or suffix, and XML request bodies. */
@StockroomTest
class OrdersXmlApiTest {
  static final String O = Orders.O;
  final Stockroom sr;

  OrdersXmlApiTest(Stockroom sr) {
    this.sr = sr;
  }

  static Document xml(Response r) throws Exception {
    return XmlBodies.parse(r);
  }

  static String text(Element e, String tag) {
    return e.getElementsByTagName(tag).item(0).getTextContent();
  }

  @Test
  void anOrderInXmlHasTheLegacyShape() throws Exception {
    TestStore s = sr.newStore();
    long id = Orders.create(s, Orders.body(Orders.custom("Jar", 2, "3.5")));
    Response r = s.get(O + "/" + id + ".xml");
    assertThat(r.status()).isEqualTo(200);
    assertThat(r.header("Content-Type").orElseThrow()).startsWith("application/xml");
    Element order = xml(r).getDocumentElement();
    assertThat(order.getTagName()).isEqualTo("order");
    assertThat(text(order, "id")).isEqualTo(String.valueOf(id));
    assertThat(text(order, "total_inc_tax")).isEqualTo("7.0000");
    assertThat(text(order, "date_created")).endsWith("+0000");
    // a sub-resource link: <products><link rel="resource" href="…">/orders/1/products</link>
    Element products = (Element) order.getElementsByTagName("products").item(0);
    Element link = (Element) products.getElementsByTagName("link").item(0);
    assertThat(link.getAttribute("rel")).isEqualTo("resource");
    assertThat(link.getAttribute("href")).endsWith("/v2/orders/" + id + "/products");
    assertThat(link.getTextContent()).isEqualTo("/orders/" + id + "/products");
    // null is the literal NULL
    assertThat(text(order, "external_source")).isEqualTo("NULL");
    // the same data as the JSON form
    assertThat(text(order, "status")).isEqualTo(s.get(O + "/" + id).json().path("status").asText());
  }

  @Test
  void listsAreWrappedInThePluralAndCountsInResponse() throws Exception {
    TestStore s = sr.newStore();
    Orders.create(s, Orders.body(Orders.custom("A", 1, "1")));
    Orders.create(s, Orders.body(Orders.custom("B", 1, "1")));
    Document list = xml(s.call("GET", O, null, "Accept", "application/xml"));
    assertThat(list.getDocumentElement().getTagName()).isEqualTo("orders");
    assertThat(list.getDocumentElement().getElementsByTagName("order").getLength()).isEqualTo(2);
    Document lines = xml(s.get(O + "/1/products.xml"));
    assertThat(lines.getDocumentElement().getTagName()).isEqualTo("products");
    assertThat(lines.getElementsByTagName("product").getLength()).isEqualTo(1);
    Document count = xml(s.get(O + "/count.xml"));
    assertThat(count.getDocumentElement().getTagName()).isEqualTo("response");
    // {statuses: [...each with its count], count}: the order count is the root's own child
    String total = "";
    for (var n = count.getDocumentElement().getFirstChild(); n != null; n = n.getNextSibling()) {
      if (n instanceof Element e && e.getTagName().equals("count")) {
        total = e.getTextContent();
      }
    }
    assertThat(total).isEqualTo("2");
    assertThat(count.getElementsByTagName("statuses").item(0).getFirstChild().getNodeName())
        .isEqualTo("value");
    Document statuses = xml(s.get("v2/order_statuses.xml"));
    assertThat(statuses.getDocumentElement().getTagName()).isEqualTo("order_statuses");
    assertThat(statuses.getElementsByTagName("order_status").getLength()).isEqualTo(15);
    // an empty list stays a 204 with no body in XML too
    Response empty = s.get(O + ".xml?min_id=1000");
    assertThat(empty.status()).isEqualTo(204);
    assertThat(empty.body()).isEmpty();
  }

  @Test
  void anOrderCanBePlacedAndChangedWithXmlBodies() throws Exception {
    TestStore s = sr.newStore();
    String body =
        "<?xml version=\"1.0\" encoding=\"UTF-8\"?>"
            + "<order><customer_id>0</customer_id><status_id>11</status_id>"
            + "<billing_address><first_name>Jane</first_name><last_name>Doe</last_name>"
            + "<street_1>1 Main</street_1><city>Austin</city><state>Texas</state>"
            + "<zip>01234</zip><country>United States</country><country_iso2>US</country_iso2>"
            + "<email>jane@example.com</email></billing_address>"
            + "<products><product><name>Jar</name><quantity>3</quantity>"
            + "<price_inc_tax>2.5</price_inc_tax><price_ex_tax>2.5</price_ex_tax></product>"
            + "</products></order>";
    Response created =
        s.call("POST", O, body, "Content-Type", "application/xml", "Accept", "application/json");
    assertThat(created.status()).as(created.body()).isEqualTo(201);
    long id = created.json().path("id").asLong();
    assertThat(created.json().path("status").asText()).isEqualTo("Awaiting Fulfillment");
    assertThat(created.json().path("billing_address").path("zip").asText()).isEqualTo("01234");
    assertThat(created.json().path("items_total").asInt()).isEqualTo(3);
    assertThat(created.json().path("total_inc_tax").asText()).isEqualTo("7.5000");

    Response put =
        s.call(
            "PUT",
            O + "/" + id + ".xml",
            "<order><staff_notes>fragile</staff_notes></order>",
            "Content-Type",
            "text/xml");
    assertThat(put.status()).isEqualTo(200);
    assertThat(text(xml(put).getDocumentElement(), "staff_notes")).isEqualTo("fragile");
  }

  @Test
  void badXmlIs400AndDoctypesAreRefused() throws Exception {
    TestStore s = sr.newStore();
    Response broken =
        s.call("POST", O, "<order><customer_id>0</order>", "Content-Type", "application/xml");
    assertThat(broken.status()).isEqualTo(400);
    assertThat(broken.json().get(0).path("message").asText()).contains("XML");
    Response entity =
        s.call(
            "POST",
            O + ".xml",
            "<?xml version=\"1.0\"?><!DOCTYPE order [<!ENTITY x SYSTEM \"file:///etc/passwd\">]>"
                + "<order><staff_notes>&x;</staff_notes></order>",
            "Content-Type",
            "application/xml");
    assertThat(entity.status()).isEqualTo(400);
    assertThat(entity.body()).doesNotContain("root:");
    assertThat(xml(entity).getDocumentElement().getTagName()).isEqualTo("errors");
    assertThat(s.get(O + "/count").json().path("count").asInt()).isZero();
    // v3 takes no XML
    assertThat(
            s.call(
                    "POST",
                    "v3/catalog/brands",
                    "<brand><name>x</name></brand>",
                    "Content-Type",
                    "application/xml")
                .status())
        .isEqualTo(415);
  }
}
