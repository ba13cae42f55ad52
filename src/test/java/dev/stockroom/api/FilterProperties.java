package dev.stockroom.api;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.stream.Collectors;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.Size;
import net.jqwik.api.constraints.StringLength;

/** Filter parsing: what is well formed binds exactly its values, anything else is a 422. */
class FilterProperties {
  static final Filters F =
      new Filters()
          .integer("id", "id", Filters.RANGE)
          .number("price", "price", Filters.RANGE)
          .text("name", "name", java.util.EnumSet.of(Filters.Op.EQ, Filters.Op.LIKE))
          .bool("is_visible", "is_visible");

  @Property(tries = 300)
  void idInBindsEveryValueInOrder(@ForAll @Size(min = 1, max = 50) List<Long> ids) {
    String csv = ids.stream().map(String::valueOf).collect(Collectors.joining(","));
    Filters.Where w = F.parse(Query.parse("id:in=" + csv));
    assertThat(w.sql()).isEqualTo("id IN (" + Filters.marks(ids.size()) + ")");
    assertThat(w.binds()).containsExactlyElementsOf(ids.stream().map(Object.class::cast).toList());
    assertThat(w.count()).isEqualTo(1);
  }

  @Property(tries = 300)
  void rangesBindOneNumber(@ForAll double price) {
    String op = price >= 0 ? "min" : "max";
    if (Math.abs(price) > 1e15 || Double.isNaN(price) || Double.isInfinite(price)) {
      return;
    }
    Filters.Where w = F.parse(Query.parse("price:" + op + "=" + price));
    assertThat(w.sql()).isEqualTo("price " + (op.equals("min") ? ">=" : "<=") + " ?");
    assertThat((Double) w.binds().get(0)).isEqualTo(price);
  }

  @Property(tries = 500)
  void anyValueEitherParsesOrIsA422(
      @ForAll @StringLength(max = 40) String raw, @ForAll("keys") String key) {
    String query = key + "=" + URLEncoder.encode(raw, StandardCharsets.UTF_8);
    try {
      Filters.Where w = F.parse(Query.parse(query));
      assertThat(w.count()).isLessThanOrEqualTo(1);
      assertThat(w.binds()).doesNotContainNull();
    } catch (ApiException.Invalid e) {
      assertThat(e.errors()).containsKey(key);
    }
  }

  @net.jqwik.api.Provide
  net.jqwik.api.Arbitrary<String> keys() {
    return net.jqwik.api.Arbitraries.of(
        "id",
        "id:in",
        "id:not_in",
        "id:min",
        "id:greater",
        "price:max",
        "price:less",
        "name",
        "name:like",
        "is_visible",
        "id:like",
        "name:min");
  }

  @Property(tries = 50)
  void unknownParametersAreIgnored(@ForAll @StringLength(min = 1, max = 10) String value) {
    assertThat(
            F.parse(Query.parse("colour=" + URLEncoder.encode(value, StandardCharsets.UTF_8)))
                .isEmpty())
        .isTrue();
  }

  @Property(tries = 50)
  void unsupportedOperatorsOnKnownFieldsAre422(@ForAll("ops") String op) {
    assertThatThrownBy(() -> F.parse(Query.parse("is_visible:" + op + "=1")))
        .isInstanceOf(ApiException.Invalid.class);
  }

  @net.jqwik.api.Provide
  net.jqwik.api.Arbitrary<String> ops() {
    return net.jqwik.api.Arbitraries.of("in", "not_in", "min", "max", "like", "between", "");
  }
}
