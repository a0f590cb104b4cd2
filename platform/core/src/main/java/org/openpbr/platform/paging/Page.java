package org.openpbr.platform.paging;

import java.net.URI;
import java.util.List;
import java.util.function.ToLongFunction;

import jakarta.ws.rs.core.UriInfo;

import com.fasterxml.jackson.annotation.JsonInclude;

/**
 * One page of a list and, when more remain, the link to the next page. The link repeats the
 * request's own filters, so a client only ever follows {@code next}.
 */
public record Page<T>(List<T> items, @JsonInclude(JsonInclude.Include.NON_NULL) URI next) {

    public Page {
        items = List.copyOf(items);
    }

    /**
     * Builds a page from up to {@code request.fetchSize()} rows ordered by sequence: the extra row,
     * if present, only signals that a next page exists and is not returned.
     */
    public static <T> Page<T> of(List<T> rows, PageRequest request, ToLongFunction<T> sequence, UriInfo uri) {
        if (rows.size() <= request.limit()) {
            return new Page<>(rows, null);
        }
        List<T> items = rows.subList(0, request.limit());
        long last = sequence.applyAsLong(items.get(items.size() - 1));
        URI next = uri.getRequestUriBuilder()
                .replaceQueryParam(PageRequest.AFTER, Cursor.encode(last))
                .replaceQueryParam(PageRequest.LIMIT, request.limit())
                .build();
        return new Page<>(items, next);
    }
}
