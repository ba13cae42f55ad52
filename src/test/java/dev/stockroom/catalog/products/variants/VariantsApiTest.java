package dev.stockroom.catalog.products.variants;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.stockroom.App;
import dev.stockroom.testing.ApiClient.Response;
import dev.stockroom.testing.Sql;
import dev.stockroom.testing.Stockroom;
import dev.stockroom.testing.StockroomTest;
import dev.stockroom.testing.TestStore;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

@StockroomTest
class VariantsApiTest {
  static final String P = "v3/catalog/products";
  final Stockroom sr;

  VariantsApiTest(Stockroom sr) {
    this.sr = sr;
  }

  static JsonNode data(Response r) {
    return r.json().path("data");
  }

  /** An option "Size" with the given labels on product {@code id}; returns the option. */
  static JsonNode option(TestStore s, long id, String name, String... labels) {
    StringBuilder values = new StringBuilder();
    for (int i = 0; i < labels.length; i++) {
      values
          .append(i > 0 ? "," : "")
          .append("{\"label\":\"")
          .append(labels[i])
          .append("\",\"sort_order\":")
          .append(i)
          .append('}');
    }
    Response r =
        s.post(
            P + "/" + id + "/options",
            "{\"display_name\":\""
                + name
                + "\",\"type\":\"dropdown\",\"option_values\":["
                + values
                + "]}");
    assertThat(r.status()).as(r.body()).isEqualTo(201);
    return data(r);
  }

  static String ov(JsonNode option, int value) {
    return "{\"id\":"
        + option.path("option_values").get(value).path("id").asLong()
        + ",\"option_id\":"
        + option.path("id").asLong()
        + "}";
  }

  @Test
  void everyProductHasABaseVariantThatFollowsIt() {
    TestStore s = sr.newStore();
    Response created =
        s.post(
            P,
            "{\"name\":\"Plain\",\"type\":\"physical\",\"weight\":2,\"price\":10,\"sku\":\"PL\",\"upc\":\"123\"}");
    long id = data(created).path("id").asLong();
    long base = data(created).path("base_variant_id").asLong();
    assertThat(base).isPositive();
    Response withVariants = s.get(P + "/" + id + "?include=variants");
    JsonNode variants = data(withVariants).path("variants");
    assertThat(variants).hasSize(1);
    JsonNode v = variants.get(0);
    assertThat(v.path("id").asLong()).isEqualTo(base);
    assertThat(v.path("product_id").asLong()).isEqualTo(id);
    assertThat(v.path("sku").asText()).isEqualTo("PL");
    assertThat(v.path("upc").asText()).isEqualTo("123");
    assertThat(v.path("sku_id").isNull()).isTrue();
    assertThat(v.path("option_values")).isEmpty();
    assertThat(v.path("price").isNull()).isTrue();
    assertThat(v.path("calculated_price").asDouble()).isEqualTo(10.0);
    assertThat(v.path("calculated_weight").asDouble()).isEqualTo(2.0);
    // The product's price and SKU change: the base variant follows.
    s.put(P + "/" + id, "{\"price\":12,\"sale_price\":9,\"sku\":\"PL-2\"}");
    JsonNode after = data(s.get(P + "/" + id + "/variants/" + base));
    assertThat(after.path("calculated_price").asDouble()).isEqualTo(9.0);
    assertThat(after.path("sku").asText()).isEqualTo("PL-2");
    // The base variant's own SKU change is the product's too; it cannot be deleted.
    Response put = s.put(P + "/" + id + "/variants/" + base, "{\"sku\":\"PL-3\",\"price\":20}");
    assertThat(put.status()).isEqualTo(200);
    assertThat(data(put).path("calculated_price").asDouble()).isEqualTo(20.0);
    assertThat(data(s.get(P + "/" + id)).path("sku").asText()).isEqualTo("PL-3");
    assertThat(s.delete(P + "/" + id + "/variants/" + base).status()).isEqualTo(409);
    // The list of a product's variants is paged like every list.
    Response list = s.get(P + "/" + id + "/variants");
    assertThat(list.status()).isEqualTo(200);
    assertThat(list.json().path("meta").path("pagination").path("total").asInt()).isEqualTo(1);
  }

  @Test
  void optionsValuesAndVariantsMakeTheMatrix() {
    TestStore s = sr.newStore();
    long id = s.product("Shirt", 25);
    long base = data(s.get(P + "/" + id)).path("base_variant_id").asLong();
    JsonNode size = option(s, id, "Size", "S", "M");
    JsonNode color = option(s, id, "Color", "Red", "Blue");
    assertThat(size.path("product_id").asLong()).isEqualTo(id);
    assertThat(size.path("option_values").get(0).path("label").asText()).isEqualTo("S");
    assertThat(size.path("name").asText()).startsWith("Size");
    String body =
        "{\"sku\":\"SH-S-RED\",\"price\":30,\"option_values\":["
            + ov(size, 0)
            + ","
            + ov(color, 0)
            + "]}";
    Response v = s.post(P + "/" + id + "/variants", body);
    assertThat(v.status()).as(v.body()).isEqualTo(201);
    assertThat(v.header("Location").orElseThrow())
        .endsWith("/catalog/products/" + id + "/variants/" + data(v).path("id").asLong());
    JsonNode variant = data(v);
    assertThat(variant.path("sku_id").asLong()).isPositive();
    assertThat(variant.path("calculated_price").asDouble()).isEqualTo(30.0);
    JsonNode first = variant.path("option_values").get(0);
    assertThat(first.path("label").asText()).isEqualTo("S");
    assertThat(first.path("option_display_name").asText()).isEqualTo("Size");
    // The first option variant replaces the base variant.
    assertThat(data(s.get(P + "/" + id)).path("base_variant_id").isNull()).isTrue();
    assertThat(s.get(P + "/" + id + "/variants/" + base).status()).isEqualTo(404);
    // Same combination, same SKU, a value of the wrong option, a missing option.
    assertThat(s.post(P + "/" + id + "/variants", body.replace("SH-S-RED", "OTHER")).status())
        .isEqualTo(409);
    Response dupSku =
        s.post(
            P + "/" + id + "/variants",
            "{\"sku\":\"SH-S-RED\",\"option_values\":[" + ov(size, 1) + "," + ov(color, 0) + "]}");
    assertThat(dupSku.status()).isEqualTo(409);
    assertThat(dupSku.json().path("errors").has("sku")).isTrue();
    Response wrong =
        s.post(
            P + "/" + id + "/variants",
            "{\"sku\":\"W\",\"option_values\":[{\"id\":"
                + color.path("option_values").get(0).path("id").asLong()
                + ",\"option_id\":"
                + size.path("id").asLong()
                + "},"
                + ov(color, 1)
                + "]}");
    assertThat(wrong.status()).isEqualTo(422);
    Response partial =
        s.post(
            P + "/" + id + "/variants", "{\"sku\":\"P\",\"option_values\":[" + ov(size, 1) + "]}");
    assertThat(partial.status()).isEqualTo(422);
    assertThat(partial.json().path("errors").path("option_values").asText())
        .contains("every option");
    assertThat(s.post(P + "/" + id + "/variants", "{\"sku\":\"X\"}").status()).isEqualTo(422);
    // Another product's SKU is taken as well.
    s.post(
        P, "{\"name\":\"Other\",\"type\":\"physical\",\"weight\":1,\"price\":1,\"sku\":\"TAKEN\"}");
    assertThat(
            s.post(
                    P + "/" + id + "/variants",
                    "{\"sku\":\"TAKEN\",\"option_values\":["
                        + ov(size, 1)
                        + ","
                        + ov(color, 1)
                        + "]}")
                .status())
        .isEqualTo(409);
    // A renamed value shows in the variant; a deleted value takes its variants with it.
    long sValue = size.path("option_values").get(0).path("id").asLong();
    Response renamed =
        s.put(
            P + "/" + id + "/options/" + size.path("id").asLong() + "/values/" + sValue,
            "{\"label\":\"Small\"}");
    assertThat(renamed.status()).isEqualTo(200);
    long variantId = variant.path("id").asLong();
    assertThat(
            data(s.get(P + "/" + id + "/variants/" + variantId))
                .path("option_values")
                .get(0)
                .path("label")
                .asText())
        .isEqualTo("Small");
    assertThat(
            s.delete(P + "/" + id + "/options/" + size.path("id").asLong() + "/values/" + sValue)
                .status())
        .isEqualTo(204);
    assertThat(s.get(P + "/" + id + "/variants/" + variantId).status()).isEqualTo(404);
    // With no option variants left, a new base variant comes back.
    JsonNode restored = data(s.get(P + "/" + id + "?include=variants"));
    assertThat(restored.path("base_variant_id").asLong()).isPositive();
    assertThat(restored.path("variants")).hasSize(1);
    assertThat(restored.path("variants").get(0).path("option_values")).isEmpty();
  }

  @Test
  void deletingAnOptionDeletesItsVariants() {
    TestStore s = sr.newStore();
    long id = s.product("Mug", 5);
    JsonNode size = option(s, id, "Size", "S", "M");
    for (int i = 0; i < 2; i++) {
      assertThat(
              s.post(
                      P + "/" + id + "/variants",
                      "{\"sku\":\"MUG-" + i + "\",\"option_values\":[" + ov(size, i) + "]}")
                  .status())
          .isEqualTo(201);
    }
    assertThat(s.get("v3/catalog/variants?product_id=" + id).ids()).hasSize(2);
    assertThat(s.delete(P + "/" + id + "/options/" + size.path("id").asLong()).status())
        .isEqualTo(204);
    List<Long> left = s.get("v3/catalog/variants?product_id=" + id).ids();
    assertThat(left).hasSize(1);
    assertThat(data(s.get(P + "/" + id)).path("base_variant_id").asLong()).isEqualTo(left.get(0));
    assertThat(s.get(P + "/" + id + "/options").json().path("data")).isEmpty();
  }

  @Test
  void optionRulesDuplicatesAndRequiredFields() {
    TestStore s = sr.newStore();
    long id = s.product("Hat", 5);
    option(s, id, "Size", "S");
    Response dup =
        s.post(
            P + "/" + id + "/options",
            "{\"display_name\":\"Size\",\"type\":\"dropdown\",\"option_values\":[{\"label\":\"L\",\"sort_order\":0}]}");
    assertThat(dup.status()).isEqualTo(409);
    Response noValues =
        s.post(P + "/" + id + "/options", "{\"display_name\":\"Fit\",\"type\":\"dropdown\"}");
    assertThat(noValues.status()).isEqualTo(422);
    assertThat(noValues.json().path("errors").has("option_values")).isTrue();
    Response badType =
        s.post(
            P + "/" + id + "/options",
            "{\"display_name\":\"Fit\",\"type\":\"wheel\",\"option_values\":[{\"label\":\"L\",\"sort_order\":0}]}");
    assertThat(badType.status()).isEqualTo(422);
    Response dupLabel =
        s.post(
            P + "/" + id + "/options",
            "{\"display_name\":\"Fit\",\"type\":\"radio_buttons\",\"option_values\":[{\"label\":\"L\",\"sort_order\":0},{\"label\":\"L\",\"sort_order\":1}]}");
    assertThat(dupLabel.status()).isEqualTo(409);
    Response noLabel =
        s.post(
            P + "/" + id + "/options",
            "{\"display_name\":\"Fit\",\"type\":\"radio_buttons\",\"option_values\":[{\"sort_order\":0}]}");
    assertThat(noLabel.status()).isEqualTo(422);
    assertThat(s.get(P + "/999/options").status()).isEqualTo(404);
    assertThat(s.get(P + "/" + id + "/options/999").status()).isEqualTo(404);
    assertThat(s.get(P + "/" + id + "/options").json().path("data")).hasSize(1);
  }

  @Test
  void platformLimitsOnVariantsAndValuesAre403() {
    TestStore s =
        sr.newStore(
            "{\"name\":\"small\",\"platform_limits\":{\"skus_per_product\":2,\"values_per_option\":3}}",
            List.of("store_v2_products"));
    long id = s.product("Limited", 5);
    JsonNode size = option(s, id, "Size", "S", "M", "L");
    Response fourth =
        s.post(
            P + "/" + id + "/options/" + size.path("id").asLong() + "/values",
            "{\"label\":\"XL\",\"sort_order\":3}");
    assertThat(fourth.status()).isEqualTo(403);
    assertThat(fourth.json().path("title").asText()).contains("values_per_option");
    for (int i = 0; i < 2; i++) {
      assertThat(
              s.post(
                      P + "/" + id + "/variants",
                      "{\"sku\":\"L-" + i + "\",\"option_values\":[" + ov(size, i) + "]}")
                  .status())
          .isEqualTo(201);
    }
    Response third =
        s.post(
            P + "/" + id + "/variants",
            "{\"sku\":\"L-2\",\"option_values\":[" + ov(size, 2) + "]}");
    assertThat(third.status()).isEqualTo(403);
    assertThat(third.json().path("title").asText()).contains("skus_per_product");
    assertThat(s.get("v3/catalog/variants?product_id=" + id).ids()).hasSize(2);
  }

  @Test
  void aProductPostWithVariantsMakesTheOptionsAndTheVariants() {
    TestStore s = sr.newStore();
    StringBuilder variants = new StringBuilder();
    String[] sizes = {"S", "M"};
    String[] colors = {"Red", "Blue"};
    for (String size : sizes) {
      for (String color : colors) {
        variants
            .append(variants.length() > 0 ? "," : "")
            .append("{\"sku\":\"T-" + size + "-" + color + "\",\"price\":")
            .append(size.equals("S") ? 10 : 12)
            .append(
                ",\"option_values\":[{\"option_display_name\":\"Size\",\"label\":\""
                    + size
                    + "\"},{\"option_display_name\":\"Color\",\"label\":\""
                    + color
                    + "\"}]}");
      }
    }
    Response r =
        s.post(
            P,
            "{\"name\":\"Tee\",\"type\":\"physical\",\"weight\":1,\"price\":9,\"variants\":["
                + variants
                + "]}");
    assertThat(r.status()).as(r.body()).isEqualTo(201);
    long id = data(r).path("id").asLong();
    assertThat(data(r).path("base_variant_id").isNull()).isTrue();
    JsonNode full = data(s.get(P + "/" + id + "?include=variants,options"));
    assertThat(full.path("variants")).hasSize(4);
    assertThat(full.path("options")).hasSize(2);
    List<String> skus = new ArrayList<>();
    full.path("variants").forEach(v -> skus.add(v.path("sku").asText()));
    assertThat(skus).containsExactly("T-S-Red", "T-S-Blue", "T-M-Red", "T-M-Blue");
    assertThat(full.path("options").get(0).path("display_name").asText()).isEqualTo("Size");
    assertThat(full.path("options").get(1).path("option_values")).hasSize(2);
    // A variant without option values is refused, and nothing is created.
    Response bad =
        s.post(
            P,
            "{\"name\":\"Bad\",\"type\":\"physical\",\"weight\":1,\"price\":9,\"variants\":[{\"sku\":\"B-1\"}]}");
    assertThat(bad.status()).isEqualTo(422);
    assertThat(bad.json().path("errors").has("variants.0.option_values")).isTrue();
    assertThat(s.get(P + "?name=Bad").json().path("data")).isEmpty();
  }

  @Test
  void catalogVariantsListsFiltersAndBatchUpdates() {
    TestStore s = sr.newStore();
    long a = s.product("A", 5);
    long b = s.product("B", 6);
    Response all = s.get("v3/catalog/variants");
    assertThat(all.status()).isEqualTo(200);
    assertThat(all.json().path("meta").path("pagination").path("total").asInt()).isEqualTo(2);
    List<Long> ofB = s.get("v3/catalog/variants?product_id=" + b).ids();
    assertThat(ofB).hasSize(1);
    Response batch =
        s.put("v3/catalog/variants", "[{\"id\":" + ofB.get(0) + ",\"price\":7.5,\"upc\":\"u1\"}]");
    assertThat(batch.status()).as(batch.body()).isEqualTo(200);
    assertThat(data(batch).get(0).path("calculated_price").asDouble()).isEqualTo(7.5);
    assertThat(data(s.get(P + "/" + b + "/variants/" + ofB.get(0))).path("upc").asText())
        .isEqualTo("u1");
    StringBuilder many = new StringBuilder("[");
    for (int i = 0; i < 51; i++) {
      many.append(i > 0 ? "," : "").append("{\"id\":").append(ofB.get(0)).append('}');
    }
    Response tooMany = s.put("v3/catalog/variants", many + "]");
    assertThat(tooMany.status()).isEqualTo(413);
    Response missing = s.put("v3/catalog/variants", "[{\"price\":1}]");
    assertThat(missing.status()).isEqualTo(422);
    assertThat(missing.json().path("errors").has("0.sku")).isTrue();
    assertThat(s.put("v3/catalog/variants", "[{\"id\":99999,\"price\":1}]").status())
        .isEqualTo(404);
    // Deleting a product deletes its variants.
    assertThat(s.delete(P + "/" + a).status()).isEqualTo(204);
    assertThat(s.get("v3/catalog/variants?product_id=" + a).ids()).isEmpty();
    assertThat(
            s.get("v3/catalog/variants")
                .json()
                .path("meta")
                .path("pagination")
                .path("total")
                .asInt())
        .isEqualTo(1);
  }

  @Test
  void inventoryTrackedByVariantIsTheSumOnTheProduct() {
    TestStore s = sr.newStore();
    long id = s.product("Stocked", 5);
    s.put(P + "/" + id, "{\"inventory_tracking\":\"variant\"}");
    JsonNode size = option(s, id, "Size", "S", "M");
    s.post(
        P + "/" + id + "/variants",
        "{\"sku\":\"ST-S\",\"inventory_level\":3,\"option_values\":[" + ov(size, 0) + "]}");
    s.post(
        P + "/" + id + "/variants",
        "{\"sku\":\"ST-M\",\"inventory_level\":4,\"option_values\":[" + ov(size, 1) + "]}");
    assertThat(data(s.get(P + "/" + id)).path("inventory_level").asLong()).isEqualTo(7);
    assertThat(s.get(P + "?inventory_level=7").ids()).containsExactly(id);
  }

  @Test
  void includeIsCheckedAndOptionsLimitThePageTo10() {
    TestStore s = sr.newStore();
    for (int i = 0; i < 12; i++) {
      s.product("P" + i, 1);
    }
    Response r = s.get(P + "?include=options&limit=50");
    assertThat(r.status()).isEqualTo(200);
    assertThat(r.json().path("data")).hasSize(10);
    assertThat(r.json().path("meta").path("pagination").path("per_page").asInt()).isEqualTo(10);
    assertThat(data(r).get(0).path("options")).isEmpty();
    Response unknown = s.get(P + "?include=gizmos");
    assertThat(unknown.status()).isEqualTo(422);
    assertThat(unknown.json().path("errors").path("include").asText()).contains("variants");
    // include_fields narrows the product, the included resources still come.
    JsonNode narrow = data(s.get(P + "?include=variants&include_fields=name&limit=1")).get(0);
    assertThat(narrow.has("price")).isFalse();
    assertThat(narrow.path("name").asText()).isEqualTo("P0");
    assertThat(narrow.path("variants")).hasSize(1);
  }

  @Test
  void modifiersTakeValuesOnlyWhenTheyAreAList() {
    TestStore s = sr.newStore();
    long id = s.product("Engraved", 5);
    Response text =
        s.post(
            P + "/" + id + "/modifiers",
            "{\"display_name\":\"Engraving\",\"type\":\"text\",\"required\":false,\"config\":{\"text_max_length\":20}}");
    assertThat(text.status()).as(text.body()).isEqualTo(201);
    assertThat(data(text).path("required").asBoolean()).isFalse();
    assertThat(data(text).path("config").path("text_max_length").asInt()).isEqualTo(20);
    Response textWithValues =
        s.post(
            P + "/" + id + "/modifiers",
            "{\"display_name\":\"Other\",\"type\":\"text\",\"required\":false,\"option_values\":[{\"label\":\"x\",\"sort_order\":0}]}");
    assertThat(textWithValues.status()).isEqualTo(422);
    Response noRequired =
        s.post(P + "/" + id + "/modifiers", "{\"display_name\":\"Gift\",\"type\":\"checkbox\"}");
    assertThat(noRequired.status()).isEqualTo(422);
    Response list =
        s.post(
            P + "/" + id + "/modifiers",
            "{\"display_name\":\"Wrap\",\"type\":\"radio_buttons\",\"required\":true,\"option_values\":[{\"label\":\"Gold\",\"sort_order\":0,\"adjusters\":{\"price\":{\"adjuster\":\"relative\",\"adjuster_value\":2.5}}}]}");
    assertThat(list.status()).as(list.body()).isEqualTo(201);
    JsonNode gold = data(list).path("option_values").get(0);
    assertThat(gold.path("option_id").asLong()).isEqualTo(data(list).path("id").asLong());
    assertThat(gold.path("adjusters").path("price").path("adjuster").asText())
        .isEqualTo("relative");
    assertThat(gold.path("adjusters").path("weight").path("adjuster").isNull()).isTrue();
    String values = P + "/" + id + "/modifiers/" + data(list).path("id").asLong() + "/values";
    Response silver = s.post(values, "{\"label\":\"Silver\",\"sort_order\":1}");
    assertThat(silver.status()).isEqualTo(201);
    assertThat(s.get(values).json().path("data")).hasSize(2);
    assertThat(s.post(values, "{\"label\":\"Silver\",\"sort_order\":2}").status()).isEqualTo(409);
    long silverId = data(silver).path("id").asLong();
    assertThat(
            data(s.put(values + "/" + silverId, "{\"label\":\"Platinum\"}")).path("label").asText())
        .isEqualTo("Platinum");
    assertThat(s.delete(values + "/" + silverId).status()).isEqualTo(204);
    assertThat(s.get(values + "/" + silverId).status()).isEqualTo(404);
    assertThat(
            s.post(
                    P + "/" + id + "/modifiers",
                    "{\"display_name\":\"Wrap\",\"type\":\"text\",\"required\":false}")
                .status())
        .isEqualTo(409);
    JsonNode withModifiers = data(s.get(P + "/" + id + "?include=modifiers"));
    assertThat(withModifiers.path("modifiers")).hasSize(2);
    // Modifiers make no variants.
    assertThat(data(s.get(P + "/" + id + "?include=variants")).path("variants")).hasSize(1);
  }

  @Test
  void productsWrittenBeforeVariantsGetTheirBaseVariantAtStart() throws Exception {
    TestStore s = sr.newStore();
    long id = s.product("Old", 3);
    long base = data(s.get(P + "/" + id)).path("base_variant_id").asLong();
    long store = Sql.count(sr, "SELECT id FROM stores WHERE store_hash = '" + s.hash() + "'");
    // As a 0.1 database was: products without variant rows, and no backfill yet.
    Sql.update(sr, "DELETE FROM variants WHERE store_id = " + store);
    Sql.update(
        sr, "DELETE FROM store_counts WHERE store_id = 0 AND entity = 'base_variants_backfilled'");
    assertThat(data(s.get(P + "/" + id + "?include=variants")).path("variants")).isEmpty();
    try (App again = App.start(sr.config())) {
      assertThat(again.port()).isPositive();
    }
    JsonNode variants = data(s.get(P + "/" + id + "?include=variants")).path("variants");
    assertThat(variants).hasSize(1);
    assertThat(variants.get(0).path("id").asLong()).isEqualTo(base);
    assertThat(variants.get(0).path("calculated_price").asDouble()).isEqualTo(3.0);
  }

  @Test
  void theCatalogSummaryCountsVariantsPricesAndStock() {
    TestStore s = sr.newStore();
    JsonNode empty = data(s.get("v3/catalog/summary"));
    assertThat(empty.path("variant_count").asLong()).isZero();
    assertThat(empty.path("lowest_variant_price").isTextual()).isTrue();
    long cat = s.category("Shoes", 0);
    s.post(
        P,
        "{\"name\":\"A\",\"type\":\"physical\",\"weight\":1,\"price\":10,\"categories\":["
            + cat
            + "],\"inventory_tracking\":\"product\",\"inventory_level\":3}");
    s.post(
        P,
        "{\"name\":\"B\",\"type\":\"physical\",\"weight\":1,\"price\":30,\"categories\":["
            + cat
            + "]}");
    long c = s.product("C", 5.5);
    JsonNode size = option(s, c, "Size", "S");
    s.post(
        P + "/" + c + "/variants",
        "{\"sku\":\"C-S\",\"price\":2,\"option_values\":[" + ov(size, 0) + "]}");
    Response r = s.get("v3/catalog/summary");
    assertThat(r.status()).isEqualTo(200);
    JsonNode sum = data(r);
    assertThat(sum.path("variant_count").asLong()).isEqualTo(3);
    assertThat(sum.path("highest_variant_price").asDouble()).isEqualTo(30.0);
    assertThat(sum.path("average_variant_price").asDouble()).isEqualTo(14.0);
    assertThat(sum.path("lowest_variant_price").asText()).isEqualTo("2");
    assertThat(sum.path("inventory_count").asLong()).isEqualTo(3);
    assertThat(sum.path("inventory_value").asDouble()).isEqualTo(30.0);
    assertThat(sum.path("primary_category_id").asLong()).isEqualTo(cat);
    assertThat(sum.path("primary_category_name").asText()).isEqualTo("Shoes");
    assertThat(sum.path("oldest_variant_date").asText()).isNotEmpty();
  }

  @Test
  void complexRulesNameTheProductsOwnModifierValuesAndVariants() {
    TestStore s = sr.newStore();
    long id = s.product("Ring", 100);
    long other = s.product("Other", 1);
    JsonNode wrap =
        data(
            s.post(
                P + "/" + id + "/modifiers",
                "{\"display_name\":\"Box\",\"type\":\"dropdown\",\"required\":false,\"option_values\":[{\"label\":\"Gift\",\"sort_order\":0}]}"));
    long modifier = wrap.path("id").asLong();
    long value = wrap.path("option_values").get(0).path("id").asLong();
    String rules = P + "/" + id + "/complex-rules";
    Response r =
        s.post(
            rules,
            "{\"price_adjuster\":{\"adjuster\":\"relative\",\"adjuster_value\":5},\"conditions\":[{\"modifier_id\":"
                + modifier
                + ",\"modifier_value_id\":"
                + value
                + "}]}");
    assertThat(r.status()).as(r.body()).isEqualTo(201);
    JsonNode rule = data(r);
    long ruleId = rule.path("id").asLong();
    assertThat(r.header("Location").orElseThrow()).endsWith("/complex-rules/" + ruleId);
    assertThat(rule.path("enabled").asBoolean()).isTrue();
    assertThat(rule.path("price_adjuster").path("adjuster_value").asDouble()).isEqualTo(5.0);
    assertThat(rule.path("conditions").get(0).path("rule_id").asLong()).isEqualTo(ruleId);
    assertThat(rule.path("conditions").get(0).path("variant_id").isNull()).isTrue();
    long otherBase = data(s.get(P + "/" + other)).path("base_variant_id").asLong();
    Response foreignVariant =
        s.post(rules, "{\"conditions\":[{\"variant_id\":" + otherBase + "}]}");
    assertThat(foreignVariant.status()).isEqualTo(422);
    assertThat(foreignVariant.json().path("errors").has("conditions.0.variant_id")).isTrue();
    assertThat(s.post(rules, "{\"conditions\":[{}]}").status()).isEqualTo(422);
    assertThat(s.post(rules, "{\"enabled\":true}").status()).isEqualTo(422);
    Response put = s.put(rules + "/" + ruleId, "{\"enabled\":false,\"sort_order\":2}");
    assertThat(put.status()).isEqualTo(200);
    assertThat(data(put).path("enabled").asBoolean()).isFalse();
    assertThat(data(put).path("conditions")).hasSize(1);
    assertThat(s.get(rules).json().path("data")).hasSize(1);
    // Rules are not modifiers or options.
    assertThat(s.get(P + "/" + id + "/modifiers").json().path("data")).hasSize(1);
    assertThat(s.delete(rules + "/" + ruleId).status()).isEqualTo(204);
    assertThat(s.get(rules + "/" + ruleId).status()).isEqualTo(404);
    assertThat(s.get(P + "/999/complex-rules").status()).isEqualTo(404);
  }

  @Test
  void aProductPutUpdatesItsVariantsById() {
    TestStore s = sr.newStore();
    long id = s.product("Lamp", 40);
    long base = data(s.get(P + "/" + id)).path("base_variant_id").asLong();
    Response put =
        s.put(
            P + "/" + id,
            "{\"price\":45,\"variants\":[{\"id\":"
                + base
                + ",\"purchasing_disabled\":true,\"mpn\":\"M-1\"}]}");
    assertThat(put.status()).as(put.body()).isEqualTo(200);
    assertThat(data(put).path("price").asDouble()).isEqualTo(45.0);
    JsonNode v = data(s.get(P + "/" + id + "/variants/" + base));
    assertThat(v.path("purchasing_disabled").asBoolean()).isTrue();
    assertThat(v.path("mpn").asText()).isEqualTo("M-1");
    assertThat(v.path("calculated_price").asDouble()).isEqualTo(45.0);
    Response noId = s.put(P + "/" + id, "{\"variants\":[{\"price\":1}]}");
    assertThat(noId.status()).isEqualTo(422);
    assertThat(noId.json().path("errors").path("variants.0.id").asText()).contains("POST");
    long other = s.product("Other lamp", 1);
    long otherBase = data(s.get(P + "/" + other)).path("base_variant_id").asLong();
    assertThat(
            s.put(P + "/" + id, "{\"variants\":[{\"id\":" + otherBase + ",\"price\":1}]}").status())
        .isEqualTo(404);
    assertThat(data(s.get(P + "/" + other + "/variants/" + otherBase)).path("price").isNull())
        .isTrue();
  }

  @Test
  void aProductPostRefusesRepeatedSkusOrCombinationsAndCreatesNothing() {
    TestStore s = sr.newStore();
    s.post(
        P, "{\"name\":\"Owner\",\"type\":\"physical\",\"weight\":1,\"price\":1,\"sku\":\"OWNED\"}");
    String s1 =
        "{\"sku\":\"%s\",\"option_values\":[{\"option_display_name\":\"Size\",\"label\":\"%s\"}]}";
    String body =
        "{\"name\":\"Dup\",\"type\":\"physical\",\"weight\":1,\"price\":1,\"variants\":[%s,%s]}";
    Response sameSku = s.post(P, body.formatted(s1.formatted("X", "S"), s1.formatted("X", "M")));
    assertThat(sameSku.status()).isEqualTo(409);
    assertThat(sameSku.json().path("errors").has("variants.1.sku")).isTrue();
    Response sameCombo = s.post(P, body.formatted(s1.formatted("A", "S"), s1.formatted("B", "S")));
    assertThat(sameCombo.status()).isEqualTo(409);
    Response taken = s.post(P, body.formatted(s1.formatted("OWNED", "S"), s1.formatted("B", "M")));
    assertThat(taken.status()).isEqualTo(409);
    assertThat(taken.json().path("errors").has("variants.0.sku")).isTrue();
    assertThat(s.get(P + "?name=Dup").ids()).isEmpty();
    assertThat(
            s.get("v3/catalog/variants")
                .json()
                .path("meta")
                .path("pagination")
                .path("total")
                .asInt())
        .isEqualTo(1);
  }
}
