package dev.stockroom.testing.conformance;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.tuple;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.stockroom.testing.ApiClient.Response;
import dev.stockroom.testing.Stockroom;
import dev.stockroom.testing.StockroomTest;
import dev.stockroom.testing.TestStore;
import java.util.Optional;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** The conformance check itself: real answers pass, and wrong ones are caught. */
@StockroomTest
class ConformanceTest {
  private static final String JSON = "application/json";

  private Conformance check;
  private TestStore store;

  @BeforeEach
  void setUp(Stockroom server) {
    Optional<Conformance> c = Conformance.instance();
    Assumptions.assumeTrue(
        c.isPresent() && c.get().has("catalog.v3.yml"),
        "catalog.v3.yml is absent: nothing to test");
    check = c.get();
    store = server.newStore();
  }

  private String products() {
    return store.path("v3/catalog/products");
  }

  private Conformance.Result get(String path, int status, String body) {
    return check.verify("GET", path, status, JSON, body);
  }

  @Test
  void aRealProductAnswerPasses() {
    long id = store.product("Jar", 7.95);
    Response r = store.get("v3/catalog/products/" + id);
    Conformance.Result result = get(products() + "/" + id, r.status(), r.body());
    assertThat(result.operation()).isEqualTo("GET /catalog/products/{product_id}");
    assertThat(result.violations()).isEmpty();
  }

  @Test
  void aPriceThatIsNotANumberIsCaught() {
    long id = store.product("Jar", 7.95);
    ObjectNode body = (ObjectNode) store.get("v3/catalog/products/" + id).json();
    ((ObjectNode) body.path("data")).put("price", "abc");
    Conformance.Result result = get(products() + "/" + id, 200, body.toString());
    assertThat(result.violations())
        .anySatisfy(
            v -> {
              assertThat(v.pointer()).isEqualTo("/data/price");
              assertThat(v.keyword()).isEqualTo("type");
              assertThat(v.schema()).contains("/definitions/product_Base/properties/price");
            });
  }

  @Test
  void aDateThatIsNotIso8601AndANegativePriceAreCaught() {
    long id = store.product("Jar", 7.95);
    ObjectNode body = (ObjectNode) store.get("v3/catalog/products/" + id).json();
    ((ObjectNode) body.path("data")).put("date_created", "Tue, 05 Mar 2019 21:40:11 +0000");
    ((ObjectNode) body.path("data")).put("price", -1);
    assertThat(get(products() + "/" + id, 200, body.toString()).violations())
        .extracting(Conformance.Violation::pointer, Conformance.Violation::keyword)
        .containsExactlyInAnyOrder(
            tuple("/data/date_created", "format"), tuple("/data/price", "minimum"));
  }

  @Test
  void aMissingDataEnvelopeIsCaught() {
    Conformance.Result result = get(products() + "/1", 200, "{\"meta\":{}}");
    assertThat(result.violations())
        .anySatisfy(
            v -> {
              assertThat(v.keyword()).isEqualTo("required");
              assertThat(v.message()).contains("data");
            });
    assertThat(get(products(), 200, "{\"data\":[]}").violations())
        .anySatisfy(v -> assertThat(v.message()).contains("meta"));
  }

  @Test
  void aNullTheSpecDoesNotAllowIsCaught() {
    long id = store.product("Jar", 7.95);
    ObjectNode body = (ObjectNode) store.get("v3/catalog/products/" + id).json();
    ((ObjectNode) body.path("data")).putNull("name");
    assertThat(get(products() + "/" + id, 200, body.toString()).violations())
        .anySatisfy(v -> assertThat(v.pointer()).isEqualTo("/data/name"));
  }

  @Test
  void variantsAreAnArrayOfVariantsAsTheAllowListSays() {
    long id = store.product("Jar", 7.95);
    ObjectNode body = (ObjectNode) store.get("v3/catalog/products/" + id).json();
    ObjectNode variant =
        ((ObjectNode) body.path("data")).putArray("variants").addObject().put("id", 1);
    variant.put("product_id", id).put("sku", "").putNull("sku_id").putNull("price");
    variant.putArray("option_values");
    assertThat(get(products() + "/" + id, 200, body.toString()).violations()).isEmpty();
    variant.put("id", "x");
    assertThat(get(products() + "/" + id, 200, body.toString()).violations())
        .singleElement()
        .satisfies(v -> assertThat(v.pointer()).isEqualTo("/data/variants/0/id"));
  }

  @Test
  void anErrorBodyIsCheckedAgainstTheDeclaredErrorSchema() {
    String wrong = "{\"status\":\"404\",\"title\":\"Not found\",\"type\":\"t\"}";
    assertThat(get(products() + "/99", 404, wrong).violations())
        .anySatisfy(v -> assertThat(v.pointer()).isEqualTo("/status"));
    String right = "{\"status\":404,\"title\":\"Not found\",\"type\":\"t\"}";
    assertThat(get(products() + "/99", 404, right).violations()).isEmpty();
  }

  @Test
  void aSeedStatusTheSpecOmitsIsCheckedAgainstTheGenericError() {
    Conformance.Result ok =
        get(
            products(),
            429,
            "{\"status\":429,\"title\":\"Too many\",\"type\":\"t\",\"errors\":{}}");
    assertThat(ok.violations()).isEmpty();
    assertThat(ok.schema()).isEqualTo("#" + Conformance.GENERIC_ERROR);
    assertThat(get(products(), 429, "{\"errors\":[\"x\"]}").violations())
        .anySatisfy(v -> assertThat(v.pointer()).isEqualTo("/errors"));
  }

  @Test
  void aStatusNeitherTheSpecNorTheSeedGivesIsCaught() {
    assertThat(check.verify("DELETE", products() + "/1", 200, JSON, "{}").violations())
        .anySatisfy(v -> assertThat(v.keyword()).isEqualTo("status"));
    assertThat(get(products(), 418, "").violations())
        .anySatisfy(v -> assertThat(v.message()).contains("418"));
  }

  @Test
  void aCreateAnswersWithTheSeeds201AndTheSpecs200Body() {
    Response r = store.post("v3/catalog/brands", "{\"name\":\"Acme\"}");
    assertThat(r.status()).isEqualTo(201);
    String path = store.path("v3/catalog/brands");
    assertThat(check.verify("POST", path, 201, JSON, r.body()).violations()).isEmpty();
    assertThat(check.verify("POST", path, 201, JSON, "{\"data\":{\"id\":\"x\"},\"meta\":{}}").ok())
        .isFalse();
  }

  @Test
  void aBodyOnA204AndANonJsonBodyAreCaught() {
    assertThat(check.verify("DELETE", products() + "/1", 204, JSON, "{}").ok()).isFalse();
    assertThat(get(products() + "/1", 200, "<html></html>").ok()).isFalse();
    assertThat(check.verify("GET", products() + "/1", 200, "text/html", "{}").violations())
        .anySatisfy(v -> assertThat(v.keyword()).isEqualTo("produces"));
  }

  @Test
  void aViolationFailsTheTestWithTheOperationPointerAndBody() {
    String body = "{\"meta\":{}}";
    Conformance.Result r = get(products(), 200, body);
    assertThatThrownBy(() -> Conformance.assertOk("GET", products(), 200, body, r))
        .isInstanceOf(AssertionError.class)
        .hasMessageContaining("GET /catalog/products → 200")
        .hasMessageContaining("[required]")
        .hasMessageContaining("body: {\"meta\":{}}");
  }

  @Test
  void everyCatalogAnswerOfTheApiClientIsChecked() {
    long before = check.checked();
    store.get("v3/catalog/brands");
    store.get("v3/catalog/categories/999");
    store.get("v2/store");
    assertThat(check.checked() - before)
        .isGreaterThanOrEqualTo(check.has("store_information.v2.yml") ? 3 : 2);
  }

  @Test
  void includeFieldsExcusesOnlyMissingRequiredFields() {
    String partial = "{\"data\":[{\"id\":1,\"name\":\"Jar\"}],\"meta\":{}}";
    assertThat(get(products() + "?include_fields=name", 200, partial).violations()).isEmpty();
    assertThat(get(products(), 200, partial).violations())
        .anySatisfy(v -> assertThat(v.keyword()).isEqualTo("required"));
    String wrong = "{\"data\":[{\"id\":1,\"name\":5}],\"meta\":{}}";
    assertThat(get(products() + "?include_fields=name", 200, wrong).violations())
        .singleElement()
        .satisfies(v -> assertThat(v.pointer()).isEqualTo("/data/0/name"));
  }

  @Test
  void pathsNoSpecCoversAreNotChecked() {
    Conformance.check("GET", store.path("v3/pricelists"), 200, Optional.of(JSON), "not json");
    Conformance.check("GET", store.path("v2/coupons"), 200, Optional.of(JSON), "not json");
    Conformance.check("GET", "/admin/api/stores", 200, Optional.of(JSON), "not json");
    Conformance.Result r = get(store.path("v3/pricelists"), 200, "not json");
    assertThat(r.checked()).isFalse();
    assertThat(r.ok()).isTrue();
    assertThat(r.note()).isEqualTo("no spec covers this path");
  }
}
