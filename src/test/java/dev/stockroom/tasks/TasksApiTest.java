package dev.stockroom.tasks;

import static dev.stockroom.tasks.TaskPolling.awaitFinished;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.stockroom.testing.ApiClient;
import dev.stockroom.testing.Stockroom;
import dev.stockroom.testing.StockroomTest;
import dev.stockroom.testing.TestStore;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The task resource, archiving every order, sample data, and who may read a task. */
@StockroomTest
class TasksApiTest {
  final Stockroom sr;

  TasksApiTest(Stockroom sr) {
    this.sr = sr;
  }

  @Test
  void archivingAllOrdersAnswers202WithATaskThatArchivesThem() {
    TestStore s = sr.newStore();
    for (int i = 1; i <= 2; i++) {
      assertThat(s.post("v2/orders", TaskPolling.order(i)).status()).isEqualTo(201);
    }
    ApiClient.Response r = s.delete("v2/orders");
    assertThat(r.status()).isEqualTo(202);
    String location = r.header("Location").orElseThrow();
    assertThat(location).matches("/stores/" + s.hash() + "/v3/tasks/\\d+");
    JsonNode task = r.json().path("data");
    assertThat(task.path("kind").asText()).isEqualTo("orders.archive_all");
    assertThat(task.path("status").asText()).isEqualTo("queued");
    assertThat(task.path("progress").path("total").asLong()).isEqualTo(2);
    assertThat(task.path("progress").path("done").asLong()).isZero();
    assertThat(task.path("result").isNull()).isTrue();
    assertThat(task.path("created_at").asText()).isNotEmpty();
    assertThat(task.path("started_at").isNull()).isTrue();
    assertThat(r.json().path("meta").isObject()).isTrue();

    JsonNode done =
        awaitFinished(() -> sr.http().send("GET", location, null, "X-Auth-Token", s.token()));
    assertThat(done.path("id").asLong()).isEqualTo(task.path("id").asLong());
    assertThat(done.path("status").asText()).isEqualTo("completed");
    assertThat(done.path("result").path("status").asInt()).isEqualTo(204);
    assertThat(done.path("result").path("body").isNull()).isTrue();
    assertThat(done.path("progress").path("done").asLong()).isEqualTo(2);
    assertThat(done.path("started_at").asText()).isNotEmpty();
    assertThat(done.path("finished_at").asText()).isNotEmpty();
    assertThat(s.get("v2/orders").status()).isEqualTo(204);
    assertThat(s.get("v2/orders?is_deleted=true").json()).hasSize(2);
  }

  @Test
  void theTaskListPagesTheStoresTasksNewestFirst() {
    TestStore s = sr.newStore();
    long first = s.delete("v2/orders").json().path("data").path("id").asLong();
    long second = s.delete("v2/orders").json().path("data").path("id").asLong();
    ApiClient.Response list = s.get("v3/tasks?limit=1");
    assertThat(list.status()).isEqualTo(200);
    assertThat(list.ids()).containsExactly(second);
    assertThat(list.json().path("meta").path("pagination").path("total").asLong()).isEqualTo(2);
    assertThat(s.get("v3/tasks?page=2&limit=1").ids()).containsExactly(first);
  }

  @Test
  void anyAccountOfTheStoreMayReadItsTasks() {
    TestStore s = sr.newStore();
    String location = s.delete("v2/orders").header("Location").orElseThrow();
    String readOnly = sr.newToken(s.hash(), List.of("store_v2_information_read_only"));
    assertThat(sr.http().send("GET", location, null, "X-Auth-Token", readOnly).status())
        .isEqualTo(200);
    assertThat(sr.http().send("GET", location, null).status()).isEqualTo(401);
  }

  @Test
  void anotherStoresTaskIsNotFound() {
    TestStore a = sr.newStore();
    TestStore b = sr.newStore();
    long id = a.delete("v2/orders").json().path("data").path("id").asLong();
    ApiClient.Response r = b.get("v3/tasks/" + id);
    assertThat(r.status()).isEqualTo(404);
    assertThat(r.json().path("status").asInt()).isEqualTo(404);
    assertThat(r.json().path("title").asText()).isNotEmpty();
    assertThat(b.get("v3/tasks").ids()).isEmpty();
    assertThat(sr.admin("GET", "/admin/api/stores/" + b.hash() + "/tasks/" + id, null).status())
        .isEqualTo(404);
  }

  @Test
  void unknownTaskIdsAreNotFound() {
    TestStore s = sr.newStore();
    assertThat(s.get("v3/tasks/999").status()).isEqualTo(404);
    assertThat(s.get("v3/tasks/abc").status()).isEqualTo(404);
  }

  @Test
  void sampleDataIsMadeByATaskOfTheControlPlane() {
    TestStore s = sr.newStore();
    String base = "/admin/api/stores/" + s.hash();
    ApiClient.Response r =
        sr.admin("POST", base + "/sample-data", "{\"products\":3,\"customers\":2,\"orders\":2}");
    assertThat(r.status()).isEqualTo(202);
    String location = r.header("Location").orElseThrow();
    assertThat(location).matches(base + "/tasks/\\d+");
    assertThat(r.json().path("data").path("kind").asText()).isEqualTo("sample_data");
    assertThat(r.json().path("data").path("progress").path("total").asLong()).isEqualTo(7);

    JsonNode done = awaitFinished(() -> sr.admin("GET", location, null));
    assertThat(done.path("status").asText()).isEqualTo("completed");
    assertThat(done.path("progress").path("done").asLong()).isEqualTo(7);
    JsonNode made = done.path("result").path("body");
    assertThat(made.path("products").asLong()).isEqualTo(3);
    assertThat(made.path("customers").asLong()).isEqualTo(2);
    assertThat(made.path("orders").asLong()).isEqualTo(2);
    assertThat(s.get("v3/catalog/products").ids()).hasSize(3);
    assertThat(s.get("v3/customers").ids()).hasSize(2);
    assertThat(s.get("v2/orders/count").json().path("count").asLong()).isEqualTo(2);
    assertThat(s.get("v3/tasks").ids()).containsExactly(done.path("id").asLong());
    assertThat(sr.admin("GET", base + "/tasks", null).json().path("data")).hasSize(1);
  }

  @Test
  void sampleDataRefusesBadInputUnknownStoresAndMissingAdminToken() {
    TestStore s = sr.newStore();
    String path = "/admin/api/stores/" + s.hash() + "/sample-data";
    assertThat(sr.admin("POST", path, "{\"products\":-1}").status()).isEqualTo(422);
    assertThat(sr.admin("POST", path, "{\"products\":0}").status()).isEqualTo(422);
    assertThat(sr.admin("POST", path, "{\"widgets\":2}").status()).isEqualTo(422);
    assertThat(
            sr.admin("POST", "/admin/api/stores/nosuch/sample-data", "{\"products\":1}").status())
        .isEqualTo(404);
    assertThat(sr.admin("GET", "/admin/api/stores/nosuch/tasks", null).status()).isEqualTo(404);
    assertThat(sr.http().send("POST", path, "{\"products\":1}").status()).isEqualTo(401);
    assertThat(sr.http().send("GET", "/admin/api/stores/" + s.hash() + "/tasks", null).status())
        .isEqualTo(401);
  }

  @Test
  void collectionDeletesAtOrBelowTheThresholdAreDoneInTheRequest() {
    TestStore s = sr.newStore();
    s.brand("One");
    s.brand("Two");
    assertThat(s.delete("v3/catalog/brands?name:like=o").status()).isEqualTo(204);
    assertThat(s.get("v3/tasks").ids()).isEmpty();
  }
}
