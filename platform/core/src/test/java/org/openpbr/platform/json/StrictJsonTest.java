package org.openpbr.platform.json;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.math.BigDecimal;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.List;

import org.junit.jupiter.api.Test;
import org.openpbr.platform.problem.FieldError;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.json.JsonMapper;
import com.fasterxml.jackson.datatype.jsr310.JavaTimeModule;

class StrictJsonTest {

    enum Unit {
        CLUSTER_DAY, REVIEW_PERIOD
    }

    record Inner(Integer minutes, String team) {
    }

    record Body(String note, Boolean flag, Integer count, BigDecimal amount, LocalDate day, OffsetDateTime at, Unit unit,
            List<Inner> items) {
    }

    // As Quarkus builds it: the Java time module first, then the customizer's rules.
    private final ObjectMapper mapper = StrictJson.apply(JsonMapper.builder().addModule(new JavaTimeModule()).build());

    /** As StrictJsonReading reads a body: unknown fields from the tree, then every value of the wrong kind. */
    private List<FieldError> faults(String json) {
        List<FieldError> faults;
        try {
            faults = new ArrayList<>(JsonFaults.unknownFields(mapper, mapper.constructType(Body.class), mapper.readTree(json)));
        } catch (java.io.IOException e) {
            throw new AssertionError(e);
        }
        try {
            JsonFaults.collecting(faults, () -> mapper.readValue(json, Body.class));
        } catch (java.io.IOException e) {
            throw new AssertionError(e);
        }
        return faults;
    }

    private Body read(String json) throws Exception {
        return mapper.readValue(json, Body.class);
    }

    @Test
    void well_typed_values_are_read_exactly() throws Exception {
        Body body = read("""
                {"note":"x","flag":true,"count":3,"amount":12.50,"day":"2026-04-01","at":"2026-04-01T09:30:00Z",
                 "unit":"CLUSTER_DAY","items":[{"minutes":5,"team":"T1"}]}""");
        assertThat(body.amount()).isEqualByComparingTo("12.50");
        assertThat(body.day()).isEqualTo(LocalDate.of(2026, 4, 1));
        assertThat(body.items().get(0).minutes()).isEqualTo(5);
    }

    @Test
    void coercions_jackson_would_make_are_each_refused() {
        assertThat(faults("{\"day\":12345}")).extracting(FieldError::field).containsExactly("day");
        assertThat(faults("{\"day\":\"2026-04-01T10:00:00\"}")).extracting(FieldError::message)
                .containsExactly("must be a date as YYYY-MM-DD");
        assertThat(faults("{\"day\":\"9999-12-31\"}")).extracting(FieldError::message)
                .containsExactly("must be a date between 1900-01-01 and 2100-12-31");
        assertThat(faults("{\"day\":\"+10000-01-01\"}")).extracting(FieldError::field).containsExactly("day");
        assertThat(faults("{\"note\":5}")).extracting(FieldError::message).containsExactly("must be a string");
        assertThat(faults("{\"note\":true}")).extracting(FieldError::field).containsExactly("note");
        assertThat(faults("{\"flag\":1}")).extracting(FieldError::message).containsExactly("must be true or false");
        assertThat(faults("{\"flag\":\"true\"}")).extracting(FieldError::field).containsExactly("flag");
        assertThat(faults("{\"count\":2.5}")).extracting(FieldError::field).containsExactly("count");
        assertThat(faults("{\"count\":\"3\"}")).extracting(FieldError::field).containsExactly("count");
        assertThat(faults("{\"count\":99999999999}")).extracting(FieldError::message).containsExactly("is too large");
        assertThat(faults("{\"amount\":\"12.50\"}")).extracting(FieldError::field).containsExactly("amount");
        assertThat(faults("{\"unit\":\"cluster_day\"}")).extracting(FieldError::message)
                .containsExactly("'cluster_day' is not one of: CLUSTER_DAY, REVIEW_PERIOD");
        assertThat(faults("{\"unit\":0}")).extracting(FieldError::field).containsExactly("unit");
        assertThat(faults("{\"at\":\"2026-04-01T09:30:00\"}")).extracting(FieldError::field).containsExactly("at");
        assertThat(faults("{\"note\":\"a\\u0000b\"}")).extracting(FieldError::message)
                .containsExactly("must not contain a NUL character");
        assertThat(faults("{\"note\":[1]}")).extracting(FieldError::field).containsExactly("note");
        assertThat(faults("{\"items\":{\"minutes\":1}}")).extracting(FieldError::field).containsExactly("items");
        assertThat(faults("[1,2]")).extracting(FieldError::field).containsExactly("");
    }

    @Test
    void every_fault_of_a_body_is_listed_at_once_with_its_path() {
        List<FieldError> faults = faults("""
                {"note":5,"flag":1,"count":"3","extra":{"deep":[1,2]},"day":12345,
                 "items":[{"minutes":1,"team":"T"},{"minutes":"x","team":7,"colour":"red"}]}""");
        assertThat(faults).extracting(FieldError::field).containsExactlyInAnyOrder("note", "flag", "count", "extra", "day",
                "items[1].minutes", "items[1].team", "items[1].colour");
        assertThat(faults.get(0).message()).startsWith("unknown field; expected one of: amount, at, count, day");
        assertThat(faults.get(1).message()).isEqualTo("unknown field; expected one of: minutes, team");
    }

    @Test
    void outside_a_collecting_read_the_first_fault_still_throws() {
        assertThatThrownBy(() -> read("{\"note\":5}")).isInstanceOf(com.fasterxml.jackson.databind.JsonMappingException.class);
        assertThatThrownBy(() -> read("{\"note\":\"a\",\"note\":\"b\"}")).hasMessageContaining("Duplicate field 'note'");
    }
}
