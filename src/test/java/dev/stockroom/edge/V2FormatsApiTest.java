package dev.stockroom.edge;

import static org.assertj.core.api.Assertions.assertThat;

import dev.stockroom.testing.ApiClient.Response;
import dev.stockroom.testing.Stockroom;
import dev.stockroom.testing.StockroomTest;
import dev.stockroom.testing.TestStore;
import dev.stockroom.testing.XmlBodies;
import org.junit.jupiter.api.Test;
import org.w3c.dom.Document;

/** v2 answers in XML or JSON: by Accept, or by a .xml / .json suffix (spec-digest §1). */
@StockroomTest
class V2FormatsApiTest {
  final Stockroom sr;

  V2FormatsApiTest(Stockroom sr) {
    this.sr = sr;
  }

  static Document xml(Response r) throws Exception {
    return XmlBodies.parse(r);
  }

  @Test
  void acceptXmlOrAnXmlSuffixAnswersXmlWithTheResourceAsRoot() throws Exception {
    TestStore s = sr.newStore();
    Response json = s.get("v2/store");
    for (Response r :
        new Response[] {
          s.call("GET", "v2/store", null, "Accept", "application/xml"),
          s.call("GET", "v2/store", null, "Accept", "text/xml"),
          s.get("v2/store.xml"),
          s.call("GET", "v2/store.xml", null, "Accept", "application/json")
        }) {
      assertThat(r.status()).isEqualTo(200);
      assertThat(r.header("Content-Type").orElseThrow()).startsWith("application/xml");
      Document d = xml(r);
      assertThat(d.getDocumentElement().getTagName()).isEqualTo("store");
      assertThat(d.getElementsByTagName("name").item(0).getTextContent())
          .isEqualTo(json.json().path("name").asText());
      assertThat(d.getElementsByTagName("id").item(0).getTextContent()).isEqualTo(s.hash());
      // a nested object stays nested
      assertThat(d.getElementsByTagName("timezone").item(0).getChildNodes().getLength())
          .isGreaterThan(1);
      assertThat(r.header("X-Rate-Limit-Requests-Left")).isPresent();
    }
  }

  @Test
  void jsonStaysTheDefaultAndTheJsonSuffixForcesIt() {
    TestStore s = sr.newStore();
    for (Response r :
        new Response[] {
          s.get("v2/time"),
          s.call("GET", "v2/time", null, "Accept", "*/*"),
          s.call("GET", "v2/time", null, "Accept", "application/json, application/xml;q=0.5"),
          s.call("GET", "v2/time.json", null, "Accept", "application/xml")
        }) {
      assertThat(r.status()).isEqualTo(200);
      assertThat(r.header("Content-Type").orElseThrow()).startsWith("application/json");
      assertThat(r.json().path("time").asLong()).isPositive();
    }
    Response preferred =
        s.call("GET", "v2/time", null, "Accept", "application/json;q=0.4, application/xml");
    assertThat(preferred.header("Content-Type").orElseThrow()).startsWith("application/xml");
  }

  @Test
  void errorsComeInTheAskedFormat() throws Exception {
    TestStore s = sr.newStore();
    Response r = s.get("v2/no_such_thing.xml");
    assertThat(r.status()).isEqualTo(404);
    Document d = xml(r);
    assertThat(d.getDocumentElement().getTagName()).isEqualTo("errors");
    assertThat(d.getElementsByTagName("error").getLength()).isEqualTo(1);
    assertThat(d.getElementsByTagName("status").item(0).getTextContent()).isEqualTo("404");
    assertThat(d.getElementsByTagName("message").item(0).getTextContent()).isNotBlank();

    Response unknownStore =
        sr.http().send("GET", "/stores/nosuchstore/v2/store", null, "Accept", "application/xml");
    assertThat(unknownStore.status()).isEqualTo(404);
    assertThat(xml(unknownStore).getDocumentElement().getTagName()).isEqualTo("errors");

    Response unauthorized = sr.http().send("GET", "/stores/" + s.hash() + "/v2/store.xml", null);
    assertThat(unauthorized.status()).isEqualTo(401);
    assertThat(xml(unauthorized).getElementsByTagName("status").item(0).getTextContent())
        .isEqualTo("401");
  }

  @Test
  void acceptThatRulesOutJsonAndXmlIs406AndV3StaysJsonOnly() {
    TestStore s = sr.newStore();
    Response v2 = s.call("GET", "v2/store", null, "Accept", "application/pdf");
    assertThat(v2.status()).isEqualTo(406);
    assertThat(v2.json().get(0).path("message").asText()).contains("application/xml");
    Response v3 = s.call("GET", "v3/catalog/products", null, "Accept", "application/xml");
    assertThat(v3.status()).isEqualTo(406);
    assertThat(v3.json().path("title").asText()).contains("application/json");
    // the suffix is a v2 rule only: on v3 it names no route
    assertThat(s.get("v3/catalog/products.json").status()).isEqualTo(404);
  }

  @Test
  void xmlAndJsonHaveDifferentEtags() {
    TestStore s = sr.newStore();
    String json = s.get("v2/store").header("ETag").orElseThrow();
    String xml = s.get("v2/store.xml").header("ETag").orElseThrow();
    assertThat(xml).isNotEqualTo(json);
    assertThat(s.call("GET", "v2/store.xml", null, "If-None-Match", xml).status()).isEqualTo(304);
    assertThat(s.call("GET", "v2/store", null, "If-None-Match", xml).status()).isEqualTo(200);
  }
}
