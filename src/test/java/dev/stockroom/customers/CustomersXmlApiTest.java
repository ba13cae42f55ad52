package dev.stockroom.customers;

import static org.assertj.core.api.Assertions.assertThat;

import dev.stockroom.testing.ApiClient.Response;
import dev.stockroom.testing.Stockroom;
import dev.stockroom.testing.StockroomTest;
import dev.stockroom.testing.TestStore;
import dev.stockroom.testing.XmlBodies;
import org.junit.jupiter.api.Test;
import org.w3c.dom.Document;
import org.w3c.dom.Element;

/** v2 customers, their addresses and groups in XML, both ways. */
@StockroomTest
class CustomersXmlApiTest {
  final Stockroom sr;

  CustomersXmlApiTest(Stockroom sr) {
    this.sr = sr;
  }

  static Document xml(Response r) throws Exception {
    return XmlBodies.parse(r);
  }

  @Test
  void aCustomerIsCreatedAndReadInXml() throws Exception {
    TestStore s = sr.newStore();
    Response created =
        s.call(
            "POST",
            "v2/customers.xml",
            "<customer><email>xml@example.com</email><first_name>Xa</first_name>"
                + "<last_name>Ml</last_name><phone>0123456</phone></customer>",
            "Content-Type",
            "application/xml");
    assertThat(created.status()).as(created.body()).isEqualTo(201);
    Element c = xml(created).getDocumentElement();
    assertThat(c.getTagName()).isEqualTo("customer");
    String id = c.getElementsByTagName("id").item(0).getTextContent();
    // a leading zero keeps the phone a string
    assertThat(c.getElementsByTagName("phone").item(0).getTextContent()).isEqualTo("0123456");
    Element link =
        (Element)
            ((Element) c.getElementsByTagName("addresses").item(0))
                .getElementsByTagName("link")
                .item(0);
    assertThat(link.getTextContent()).isEqualTo("/customers/" + id + "/addresses");

    Document list = xml(s.call("GET", "v2/customers", null, "Accept", "application/xml"));
    assertThat(list.getDocumentElement().getTagName()).isEqualTo("customers");
    assertThat(list.getElementsByTagName("customer").getLength()).isEqualTo(1);
    assertThat(s.get("v2/customers/" + id).json().path("email").asText())
        .isEqualTo("xml@example.com");

    Response group =
        s.call(
            "POST",
            "v2/customer_groups",
            "<customer_group><name>Wholesale</name></customer_group>",
            "Content-Type",
            "text/xml",
            "Accept",
            "application/xml");
    assertThat(group.status()).isEqualTo(201);
    assertThat(xml(group).getDocumentElement().getTagName()).isEqualTo("customer_group");
    Document groups = xml(s.get("v2/customer_groups.xml"));
    assertThat(groups.getDocumentElement().getTagName()).isEqualTo("customer_groups");
    Document count = xml(s.get("v2/customers/count.xml"));
    assertThat(count.getDocumentElement().getTagName()).isEqualTo("response");
    assertThat(count.getElementsByTagName("count").item(0).getTextContent()).isEqualTo("1");
  }

  @Test
  void xmlValidationErrorsAreV2ErrorsInXml() throws Exception {
    TestStore s = sr.newStore();
    Response r =
        s.call(
            "POST",
            "v2/customers.xml",
            "<customer><first_name>No</first_name></customer>",
            "Content-Type",
            "application/xml");
    assertThat(r.status()).isEqualTo(422);
    Element errors = xml(r).getDocumentElement();
    assertThat(errors.getTagName()).isEqualTo("errors");
    assertThat(errors.getElementsByTagName("status").item(0).getTextContent()).isEqualTo("422");
    assertThat(errors.getElementsByTagName("message").item(0).getTextContent()).isNotBlank();
    // the details name the missing field
    Element details = (Element) errors.getElementsByTagName("details").item(0);
    assertThat(details.getElementsByTagName("email").getLength()).isEqualTo(1);
    assertThat(details.getElementsByTagName("last_name").getLength()).isEqualTo(1);
    assertThat(s.get("v2/customers/count").json().path("count").asInt()).isZero();
  }
}
