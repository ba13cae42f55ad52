package dev.stockroom.testing.conformance;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatCode;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.stockroom.testing.ApiClient.Response;
import dev.stockroom.testing.Stockroom;
import dev.stockroom.testing.StockroomTest;
import dev.stockroom.testing.TestStore;
import java.io.IOException;
import java.nio.file.Path;
import java.util.Optional;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The check of the specs beside the catalog: store information v2 (real answers), orders v2 and
 * customers v3 (OpenAPI 3.0; synthetic answers, their endpoints are being built), the seed's v2
 * rules, and a spec that is absent.
 */
@StockroomTest
class SpecsConformanceTest {
  private static final String JSON = "application/json";
  private static final String ORDERS = "orders.v2.oas2.yml";
  private static final String CUSTOMERS = "customers.v3.yml";
  private static final String STORE = "store_information.v2.yml";
  private static final String CUSTOMERS_V2 = "customers.v2.yml";
  private static final ObjectMapper MAPPER = new ObjectMapper();

  /** A v2 order as spec-digest §3.5 shows it (money strings, RFC 2822 dates, links). */
  private static final String ORDER =
      """
      {"id":218,"customer_id":11,"date_created":"Tue, 05 Mar 2019 21:40:11 +0000",
       "date_modified":"Mon, 11 Mar 2019 15:17:25 +0000","date_shipped":"","status_id":7,
       "status":"Awaiting Payment","subtotal_ex_tax":"62.6793","subtotal_inc_tax":"67.8400",
       "total_inc_tax":"69.8400","items_total":4,"payment_method":"Cash","payment_provider_id":"",
       "currency_exchange_rate":"1.0000000000","ebay_order_id":"0","external_source":null,
       "billing_address":{"first_name":"Jane","zip":"78108","phone":"1234567890",
         "form_fields":[{"name":"Delivery Instructions","value":"Leave in backyard"}]},
       "products":{"url":"https://api.bigcommerce.com/stores/x/v2/orders/218/products",
         "resource":"/orders/218/products"},
       "custom_status":"Awaiting Payment","customer_locale":"en"}
      """;

  /** A customers v3 list as customers.v3.yml declares it. */
  private static final String CUSTOMER_LIST =
      """
      {"data":[{"id":1,"email":"jane@example.com","first_name":"Jane","last_name":"Doe",
        "company":"","phone":"","customer_group_id":0,"notes":"",
        "date_created":"2021-05-05T10:00:00Z","date_modified":"2021-05-05T10:00:00Z"}],
       "meta":{"pagination":{"total":1,"count":1,"per_page":50,"current_page":1,"total_pages":1,
         "links":{"current":"?page=1&limit=50"}}}}
      """;

  private Conformance check;
  private TestStore store;

  @BeforeEach
  void setUp(Stockroom server) {
    Optional<Conformance> c = Conformance.instance();
    Assumptions.assumeTrue(c.isPresent(), "-Dstockroom.conformance=off: nothing to test");
    check = c.get();
    store = server.newStore();
  }

  private void assume(String spec) {
    Assumptions.assumeTrue(check.has(spec), spec + " is absent: nothing to test");
  }

  private Conformance.Result get(String path, int status, String body) {
    return check.verify("GET", path, status, JSON, body);
  }

  private static ObjectNode json(String text) throws IOException {
    return (ObjectNode) MAPPER.readTree(text);
  }

  @Test
  void realStoreAndTimeAnswersPass() {
    assume(STORE);
    Response r = store.get("v2/store");
    Conformance.Result result = get(store.path("v2/store"), r.status(), r.body());
    assertThat(result.spec()).isEqualTo(STORE);
    assertThat(result.operation()).isEqualTo("GET /store");
    assertThat(result.schema()).isEqualTo("#/paths/~1store/get/responses/200/schema");
    assertThat(result.violations()).isEmpty();
    Response t = store.get("v2/time");
    Conformance.Result time = get(store.path("v2/time"), t.status(), t.body());
    assertThat(time.operation()).isEqualTo("GET /time");
    assertThat(time.violations()).isEmpty();
    assertThat(time.checked()).isTrue();
  }

  @Test
  void aWrongStoreOrTimeBodyIsCaught() {
    assume(STORE);
    assertThat(get(store.path("v2/time"), 200, "{\"time\":\"1529512970\"}").violations())
        .singleElement()
        .satisfies(
            v -> {
              assertThat(v.pointer()).isEqualTo("/time");
              assertThat(v.keyword()).isEqualTo("type");
            });
    assertThat(get(store.path("v2/store.json"), 200, "{\"decimal_places\":\"2\"}").violations())
        .extracting(Conformance.Violation::pointer)
        .containsExactly("/decimal_places");
  }

  @Test
  void anXmlAnswerIsNotSchemaCheckedButItsStatusIs() {
    assume(STORE);
    Response r = store.call("GET", "v2/store", null, "Accept", "application/xml");
    String type = r.header("Content-Type").orElse("");
    assertThat(type).startsWith("application/xml");
    Conformance.Result xml =
        check.verify("GET", store.path("v2/store"), r.status(), type, r.body());
    assertThat(xml.ok()).isTrue();
    assertThat(xml.note()).isEqualTo("XML, body not checked");
    assertThat(check.verify("GET", store.path("v2/store.xml"), 418, type, "<x/>").ok()).isFalse();
  }

  @Test
  void anOrderWhoseIdIsAStringIsCaughtAtId() throws IOException {
    assume(ORDERS);
    String path = "/stores/x/v2/orders/1";
    Conformance.Result ok = get(path, 200, ORDER);
    assertThat(ok.spec()).isEqualTo(ORDERS);
    assertThat(ok.operation()).isEqualTo("GET /orders/{order_id}");
    assertThat(ok.schema())
        .isEqualTo("#/components/responses/order_Resp/content/application~1json/schema");
    assertThat(ok.violations()).isEmpty();
    ObjectNode wrong = json(ORDER).put("id", "1");
    assertThat(get(path, 200, wrong.toString()).violations())
        .singleElement()
        .satisfies(
            v -> {
              assertThat(v.pointer()).isEqualTo("/id");
              assertThat(v.keyword()).isEqualTo("type");
              assertThat(v.schema()).contains("/components/schemas/order_RespOnly/properties/id");
            });
  }

  @Test
  void anOrderListAndACreatedOrderAreCheckedAgainstTheOrderSchema() throws IOException {
    assume(ORDERS);
    String list = "[" + ORDER + "]";
    assertThat(get("/stores/x/v2/orders?page=2", 200, list).violations()).isEmpty();
    String wrongList = "[" + json(ORDER).put("items_total", "4") + "]";
    assertThat(get("/stores/x/v2/orders", 200, wrongList).violations())
        .extracting(Conformance.Violation::pointer)
        .containsExactly("/0/items_total");
    assertThat(check.verify("POST", "/stores/x/v2/orders", 201, JSON, ORDER).violations())
        .isEmpty();
    assertThat(check.verify("POST", "/stores/x/v2/orders", 201, JSON, "{\"id\":\"x\"}").ok())
        .isFalse();
  }

  @Test
  void aV2ErrorWithoutAMessageIsCaught() {
    assume(ORDERS);
    String path = "/stores/x/v2/orders/1";
    Conformance.Result ok =
        get(path, 404, "[{\"status\":404,\"message\":\"The requested resource was not found.\"}]");
    assertThat(ok.violations()).isEmpty();
    assertThat(ok.schema()).isEqualTo("#" + SpecLoader.V2_ERROR);
    assertThat(get(path, 404, "[{\"status\":404}]").violations())
        .singleElement()
        .satisfies(
            v -> {
              assertThat(v.pointer()).isEqualTo("/0");
              assertThat(v.keyword()).isEqualTo("required");
              assertThat(v.message()).contains("message");
            });
    // a v3 error on a v2 path, and a v2 error with details that is not an object
    assertThat(get(path, 404, "{\"status\":404,\"title\":\"Not found\"}").violations())
        .anySatisfy(v -> assertThat(v.keyword()).isEqualTo("type"));
    String details = "[{\"status\":413,\"message\":\"limit\",\"details\":250}]";
    assertThat(get("/stores/x/v2/orders?limit=251", 413, details).violations())
        .extracting(Conformance.Violation::pointer)
        .containsExactly("/0/details");
    assertThat(
            get(
                    "/stores/x/v2/orders?limit=251",
                    413,
                    "[{\"status\":413,\"message\":\"limit\",\"details\":{\"max_limit\":250}}]")
                .violations())
        .isEmpty();
  }

  @Test
  void anEmptyV2ListIs204WithoutABodyOnCollectionsOnly() {
    assume(ORDERS);
    assertThat(get("/stores/x/v2/orders?page=9", 204, "").violations()).isEmpty();
    assertThat(get("/stores/x/v2/order_statuses", 204, "").violations()).isEmpty();
    assertThat(get("/stores/x/v2/orders", 204, "[]").violations())
        .anySatisfy(v -> assertThat(v.keyword()).isEqualTo("body"));
    assertThat(get("/stores/x/v2/orders/1", 204, "").violations())
        .anySatisfy(v -> assertThat(v.keyword()).isEqualTo("status"));
    assertThat(get("/stores/x/v2/orders/count", 204, "").violations())
        .anySatisfy(v -> assertThat(v.keyword()).isEqualTo("status"));
  }

  @Test
  void aCustomerListWhoseEmailIsANumberIsCaught() throws IOException {
    assume(CUSTOMERS);
    String path = "/stores/x/v3/customers?email:in=jane@example.com";
    Conformance.Result ok = get(path, 200, CUSTOMER_LIST);
    assertThat(ok.spec()).isEqualTo(CUSTOMERS);
    assertThat(ok.operation()).isEqualTo("GET /customers");
    assertThat(ok.violations()).isEmpty();
    ObjectNode wrong = json(CUSTOMER_LIST);
    ((ObjectNode) wrong.path("data").path(0)).put("email", 5);
    assertThat(get(path, 200, wrong.toString()).violations())
        .singleElement()
        .satisfies(
            v -> {
              assertThat(v.pointer()).isEqualTo("/data/0/email");
              assertThat(v.keyword()).isEqualTo("type");
            });
    assertThat(get(path, 200, "{\"data\":[]}").violations())
        .anySatisfy(v -> assertThat(v.message()).contains("meta"));
  }

  @Test
  void customersV3ErrorsUseTheV3ErrorSchema() {
    assume(CUSTOMERS);
    String path = "/stores/x/v3/customers";
    Conformance.Result ok =
        get(path, 401, "{\"status\":401,\"title\":\"Unauthorized\",\"type\":\"t\",\"errors\":{}}");
    assertThat(ok.violations()).isEmpty();
    assertThat(ok.schema()).isEqualTo("#/components/schemas/ErrorResponse");
    assertThat(get(path, 401, "[{\"status\":401,\"message\":\"no\"}]").violations())
        .anySatisfy(v -> assertThat(v.keyword()).isEqualTo("type"));
    assertThat(get(path, 429, "{\"status\":429,\"title\":\"t\",\"errors\":{\"a\":1}}").violations())
        .extracting(Conformance.Violation::pointer)
        .containsExactly("/errors/a");
  }

  @Test
  void aV2CustomerIsCheckedAgainstCustomersV2WithRfc2822Dates() throws IOException {
    assume(CUSTOMERS_V2);
    String customer =
        """
        {"id":1,"company":"","first_name":"Jane","last_name":"Doe","email":"jane@example.com",
         "phone":"","date_created":"Thu, 11 Jan 2018 20:57:52 +0000",
         "date_modified":"Tue, 10 Apr 2018 18:59:05 +0000","store_credit":"0.0000",
         "registration_ip_address":"","customer_group_id":0,"notes":"","tax_exempt_category":"",
         "accepts_marketing":false,
         "addresses":{"url":"https://api.bigcommerce.com/stores/x/v2/customers/1/addresses",
           "resource":"/customers/1/addresses"}}
        """;
    Conformance.Result ok = get("/stores/x/v2/customers/1", 200, customer);
    assertThat(ok.spec()).isEqualTo(CUSTOMERS_V2);
    assertThat(ok.operation()).isEqualTo("GET /customers/{customer_id}");
    assertThat(ok.violations()).isEmpty();
    ObjectNode iso = json(customer).put("date_created", "2018-01-11T20:57:52+00:00");
    assertThat(get("/stores/x/v2/customers/1", 200, iso.toString()).violations())
        .singleElement()
        .satisfies(
            v -> {
              assertThat(v.pointer()).isEqualTo("/date_created");
              assertThat(v.keyword()).isEqualTo("pattern");
            });
    assertThat(get("/stores/x/v2/customer_groups", 204, "").violations()).isEmpty();
    assertThat(get("/stores/x/v2/customer_groups/count", 200, "{\"count\":\"2\"}").violations())
        .extracting(Conformance.Violation::pointer)
        .containsExactly("/count");
  }

  @Test
  void anAbsentSpecIsSkippedWithoutFailing(@TempDir Path empty) {
    Conformance none = new Conformance(empty, AllowList.load(), false);
    String path = "/stores/x/v2/orders/1";
    Conformance.Result r = none.verify("GET", path, 200, JSON, "{\"id\":\"1\"}");
    assertThat(r.checked()).isFalse();
    assertThat(r.ok()).isTrue();
    assertThat(r.note()).isEqualTo("orders.v2.oas2.yml not found");
    assertThat(none.has(ORDERS)).isFalse();
    assertThatCode(() -> none.checkAndRecord("GET", path, 200, Optional.of(JSON), "{\"id\":\"1\"}"))
        .doesNotThrowAnyException();
    assertThat(none.checked()).isZero();
  }
}
