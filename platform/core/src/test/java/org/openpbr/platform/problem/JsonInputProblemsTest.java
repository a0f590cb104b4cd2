package org.openpbr.platform.problem;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import java.math.BigDecimal;
import java.time.LocalDate;
import java.util.List;

import org.junit.jupiter.api.Test;
import org.openpbr.platform.json.StrictJson;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.datatype.jsr310.JavaTimeModule;

class JsonInputProblemsTest {

    enum Colour {
        RED, GREEN
    }

    record Line(String code, BigDecimal amount, int minutes) {
    }

    record Upload(LocalDate on, Colour colour, List<Line> lines) {
    }

    private final ObjectMapper mapper = StrictJson.apply(new ObjectMapper().registerModule(new JavaTimeModule()));

    private Problem read(String json) {
        JsonProcessingException e = catchThrowableOfType(JsonProcessingException.class,
                () -> mapper.readValue(json, Upload.class));
        assertThat(e).as("reading %s should fail", json).isNotNull();
        Problem problem = JsonInputProblems.from(e);
        assertThat(problem.toString()).doesNotContain("java.", "com.fasterxml", "Exception", "JsonInputProblemsTest");
        return problem;
    }

    @Test
    void syntax_errors_are_malformed_requests_with_a_position() {
        Problem problem = read("{\"on\": \"2026-01-01\",\n  \"colour\": }");
        assertThat(problem.type()).isEqualTo(ProblemType.MALFORMED_REQUEST.uri());
        assertThat(problem.detail()).contains("line 2");
    }

    @Test
    void a_field_of_the_wrong_kind_is_named_by_its_json_path() {
        Problem problem = read("{\"lines\": [{\"code\": \"A\", \"amount\": 1, \"minutes\": 5},"
                + " {\"code\": \"B\", \"amount\": \"lots\", \"minutes\": 5}]}");
        assertThat(problem.type()).isEqualTo(ProblemType.VALIDATION_FAILED.uri());
        assertThat(problem.errors()).singleElement().satisfies(error -> {
            assertThat(error.field()).isEqualTo("lines[1].amount");
            assertThat(error.message()).isEqualTo("must be a number");
        });
    }

    @Test
    void dates_enums_and_whole_numbers_are_described_in_api_terms() {
        assertThat(read("{\"on\": \"1/2/2026\"}").errors().get(0).message()).contains("a date (YYYY-MM-DD)");
        assertThat(read("{\"colour\": \"BLUE\"}").errors().get(0).message()).contains("one of: RED, GREEN");
    }

    @Test
    void lenient_guesses_are_refused_rather_than_turned_into_wrong_numbers() {
        assertThat(read("{\"lines\": [{\"minutes\": 2.5}]}").errors().get(0).field()).isEqualTo("lines[0].minutes");
        assertThat(read("{\"lines\": [{\"amount\": \"12.50\"}]}").errors().get(0).field()).isEqualTo("lines[0].amount");
        // a missing or null whole number is an error, never a silent 0
        assertThat(read("{\"lines\": [{\"minutes\": null}]}").errors().get(0).message()).isEqualTo("must be a whole number");
        assertThat(read("{\"lines\": [{\"code\": \"A\"}]}").errors().get(0).field()).isEqualTo("lines[0].minutes");
        assertThat(read("{\"colour\": 1}").errors().get(0).field()).isEqualTo("colour");
        // a repeated key is named, never resolved by keeping one of the two
        assertThat(read("{\"on\": \"2026-01-01\", \"on\": \"2026-01-02\"}").errors()).singleElement()
                .satisfies(e -> assertThat(e.field() + " " + e.message()).isEqualTo("on appears twice"));
        assertThat(read("{\"on\": \"2026-01-01\"} {}").type()).isEqualTo(ProblemType.MALFORMED_REQUEST.uri());
    }

    @Test
    void unknown_fields_list_the_known_ones() {
        assertThat(read("{\"colur\": \"RED\"}").errors()).singleElement().satisfies(error -> {
            assertThat(error.field()).isEqualTo("colur");
            assertThat(error.message()).isEqualTo("unknown field; expected one of: colour, lines, on");
        });
    }

    @Test
    void a_body_of_the_wrong_shape_says_what_it_must_be() {
        Problem problem = read("[]");
        assertThat(problem.type()).isEqualTo(ProblemType.MALFORMED_REQUEST.uri());
        assertThat(problem.detail()).isEqualTo("The request body must be a JSON object");
    }
}
