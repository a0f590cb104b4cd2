package org.openpbr.platform.paging;

import java.util.List;
import java.util.OptionalLong;

import org.openpbr.platform.problem.FieldError;
import org.openpbr.platform.problem.ProblemException;

/**
 * A validated request for one page: start after a position (none for the first page), return
 * at most {@code limit} items. Limits are always bounded; there are no unbounded lists.
 */
public record PageRequest(OptionalLong after, int limit) {

    public static final String AFTER = "after";
    public static final String LIMIT = "limit";
    public static final int DEFAULT_LIMIT = 50;
    public static final int MAX_LIMIT = 1000;

    public PageRequest {
        if (limit < 1 || limit > MAX_LIMIT) {
            throw new IllegalArgumentException("limit out of range");
        }
    }

    /**
     * From the query parameters {@code after} and {@code limit}, taken as text so that a limit
     * such as {@code many} is a 400 naming the parameter (JAX-RS would answer an unconvertible
     * query parameter with a bare 404).
     */
    public static PageRequest of(String after, String limit) {
        int effective = parseLimit(limit);
        OptionalLong position = after == null || after.isBlank() ? OptionalLong.empty()
                : OptionalLong.of(Cursor.decode(after, AFTER));
        return new PageRequest(position, effective);
    }

    private static int parseLimit(String limit) {
        if (limit == null || limit.isBlank()) {
            return DEFAULT_LIMIT;
        }
        try {
            int value = Integer.parseInt(limit.strip());
            if (value >= 1 && value <= MAX_LIMIT) {
                return value;
            }
        } catch (NumberFormatException e) {
            // reported below
        }
        throw ProblemException.invalid(List.of(new FieldError(LIMIT,
                "must be a whole number between 1 and " + MAX_LIMIT)));
    }

    /** The first sequence value to exclude; 0 for the first page (sequences start at 1). */
    public long afterSequence() {
        return after.orElse(0L);
    }

    /** Fetch one more row than the limit to learn whether a next page exists without a count. */
    public int fetchSize() {
        return limit + 1;
    }
}
