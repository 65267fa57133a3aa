package dev.herald.api;

import com.fasterxml.jackson.annotation.JsonProperty;
import java.util.List;
import java.util.function.Function;

/** A page of a listing, in Anchore's envelope: {@code {results, next_page, item_count, page}}. */
record Page(
        List<?> results,
        @JsonProperty("next_page") boolean nextPage,
        @JsonProperty("item_count") int itemCount,
        int page) {

    /** From rows fetched with one extra, which only tells whether a next page exists. */
    static <T> Page of(List<T> rows, int page, int limit, Function<T, ?> view) {
        boolean more = rows.size() > limit;
        List<?> results = rows.stream().limit(limit).map(view).toList();
        return new Page(results, more, results.size(), page);
    }
}
