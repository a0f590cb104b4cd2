package org.openpbr.platform.paging;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.openpbr.platform.problem.ProblemException;
import org.openpbr.platform.problem.ProblemType;

import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.LongRange;

class CursorTest {

    @Property
    void a_cursor_returns_the_sequence_it_was_made_from(@ForAll @LongRange(min = 0, max = Long.MAX_VALUE) long seq) {
        String cursor = Cursor.encode(seq);
        assertThat(cursor).matches("[A-Za-z0-9_-]+");
        assertThat(Cursor.decode(cursor, "after")).isEqualTo(seq);
    }

    @ParameterizedTest
    @ValueSource(strings = { "made-up", "42", "czE6", "czE6LTE", "czI6NDI", "!!", "czE6MTIzNDU2Nzg5MDEyMzQ1Njc4OTA" })
    void anything_not_issued_is_a_400_naming_the_parameter(String cursor) {
        assertThatThrownBy(() -> Cursor.decode(cursor, "after"))
                .isInstanceOfSatisfying(ProblemException.class, e -> {
                    assertThat(e.problem().status()).isEqualTo(ProblemType.VALIDATION_FAILED.status());
                    assertThat(e.problem().errors()).singleElement()
                            .satisfies(error -> assertThat(error.field()).isEqualTo("after"));
                });
    }

    @ParameterizedTest
    @ValueSource(strings = { "0", "1001", "-5", "ten", "1.5" })
    void a_limit_outside_one_to_a_thousand_is_a_400_naming_the_parameter(String limit) {
        assertThatThrownBy(() -> PageRequest.of(null, limit))
                .isInstanceOfSatisfying(ProblemException.class,
                        e -> assertThat(e.problem().errors().get(0).field()).isEqualTo("limit"));
    }

    @Property
    void a_page_request_reads_its_cursor_and_limit(@ForAll @LongRange(min = 0, max = 1_000_000) long seq,
            @ForAll @net.jqwik.api.constraints.IntRange(min = 1, max = 1000) int limit) {
        PageRequest request = PageRequest.of(Cursor.encode(seq), Integer.toString(limit));
        assertThat(request.afterSequence()).isEqualTo(seq);
        assertThat(request.limit()).isEqualTo(limit);
        assertThat(request.fetchSize()).isEqualTo(limit + 1);
    }

    @org.junit.jupiter.api.Test
    void the_first_page_has_no_cursor_and_the_default_limit() {
        PageRequest request = PageRequest.of(null, null);
        assertThat(request.afterSequence()).isZero();
        assertThat(request.limit()).isEqualTo(PageRequest.DEFAULT_LIMIT);
    }
}
