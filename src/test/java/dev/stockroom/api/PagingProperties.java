package dev.stockroom.api;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.IntRange;
import net.jqwik.api.constraints.LongRange;

/** Paging arithmetic: pages, counts and links agree for any total, limit and page. */
class PagingProperties {
  @Property(tries = 500)
  void pagesCoverTheTotalExactly(
      @ForAll @LongRange(min = 0, max = 10_000_000) long total,
      @ForAll @IntRange(min = 1, max = 250) int limit,
      @ForAll @IntRange(min = 1, max = 100_000) int page) {
    Paging p = Paging.of(Query.parse("limit=" + limit + "&page=" + page));
    int pages = p.totalPages(total);
    assertThat((long) pages * limit).isGreaterThanOrEqualTo(total);
    assertThat((long) Math.max(pages - 1, 0) * limit).isLessThan(Math.max(total, 1));
    long count = Math.max(0, Math.min(limit, total - p.offset()));
    JsonNode meta =
        Envelope.pagination(
            (int) count, total, p, Query.parse("limit=" + limit + "&page=" + page + "&sort=name"));
    JsonNode pg = meta.path("pagination");
    assertThat(pg.path("total_pages").asInt()).isEqualTo(pages);
    assertThat(pg.path("per_page").asInt()).isEqualTo(limit);
    assertThat(pg.path("links").has("next")).isEqualTo(page < pages);
    assertThat(pg.path("links").has("previous")).isEqualTo(page > 1);
    assertThat(pg.path("links").path("current").asText())
        .isEqualTo("?sort=name&page=" + page + "&limit=" + limit);
    if (page < pages) {
      assertThat(pg.path("links").path("next").asText()).contains("page=" + (page + 1) + "&");
    }
  }

  @Property(tries = 200)
  void limitsOverTheMaximumAre413AndNonPositiveAre422(
      @ForAll @IntRange(min = -1000, max = 100_000) int limit) {
    Query q = Query.parse("limit=" + limit);
    if (limit > Paging.MAX_LIMIT) {
      assertThatThrownBy(() -> Paging.of(q))
          .isInstanceOfSatisfying(
              ApiException.Refused.class, e -> assertThat(e.status()).isEqualTo(Status.TOO_LARGE));
    } else if (limit < 1) {
      assertThatThrownBy(() -> Paging.of(q)).isInstanceOf(ApiException.Invalid.class);
    } else {
      assertThat(Paging.of(q).limit()).isEqualTo(limit);
    }
  }
}
