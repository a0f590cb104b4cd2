package org.openpbr.platform.validation;

import static org.assertj.core.api.Assertions.assertThat;

import java.math.BigDecimal;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

import jakarta.validation.ConstraintViolation;
import jakarta.validation.Valid;
import jakarta.validation.Validation;
import jakarta.validation.Validator;
import jakarta.validation.ValidatorFactory;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;

import org.hibernate.validator.HibernateValidator;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.openpbr.platform.problem.FieldError;

import com.fasterxml.jackson.annotation.JsonProperty;

/** The shared constraints, judged by a real Hibernate Validator configured as the services configure it. */
class ValidationRulesTest {

    private static ValidatorFactory factory;
    private static Validator validator;

    @BeforeAll
    static void start() {
        factory = Validation.byProvider(HibernateValidator.class).configure()
                .propertyNodeNameProvider(new JsonPropertyNames()).buildValidatorFactory();
        validator = factory.getValidator();
    }

    @AfterAll
    static void stop() {
        factory.close();
    }

    record Organisation(@NotBlank @OdsCode String code, @Identifier String team) {
    }

    record Price(@DecimalRange(min = "0", minInclusive = false, max = "1000", scale = 2, message = "must be more than 0 and at most 1000, in pence") BigDecimal amount) {
    }

    record Rated(@JsonProperty("8") Integer s8) {
    }

    record Holder(@NotNull @Valid Rated rated) {
    }

    @CrossFieldChecked
    record Period(Integer from, Integer to) implements CrossFieldRules {
        @Override
        public List<FieldError> crossFieldFaults() {
            return from != null && to != null && to < from ? List.of(new FieldError("to", "must be {at least} from"))
                    : List.of();
        }
    }

    record Outer(@Valid List<@Valid Period> periods) {
    }

    private static Map<String, String> faults(Object bean) {
        Map<String, String> faults = new TreeMap<>();
        for (ConstraintViolation<Object> v : validator.validate(bean)) {
            faults.merge(v.getPropertyPath().toString(), v.getMessage(), (a, b) -> a + " | " + b);
        }
        return faults;
    }

    @Test
    void ods_codes_are_three_to_six_upper_case_letters_or_digits() {
        assertThat(faults(new Organisation("RX1", null))).isEmpty();
        assertThat(faults(new Organisation("A81001", null))).isEmpty();
        assertThat(faults(new Organisation("rx1", null))).containsEntry("code", OdsCode.RULE);
        assertThat(faults(new Organisation("RX", null))).containsEntry("code", OdsCode.RULE);
        assertThat(faults(new Organisation("RX1AAAA", null))).containsEntry("code", OdsCode.RULE);
    }

    @Test
    void a_blank_required_code_is_reported_once_as_required() {
        assertThat(faults(new Organisation("  ", null))).containsExactly(Map.entry("code", "is required"));
        assertThat(faults(new Organisation(null, null))).containsExactly(Map.entry("code", "is required"));
    }

    @Test
    void identifiers_start_with_a_letter_or_digit_and_stay_within_64_characters() {
        assertThat(faults(new Organisation("RX1", "CMHT-NORTH/2"))).isEmpty();
        assertThat(faults(new Organisation("RX1", "-CMHT"))).containsEntry("team", Identifier.RULE);
        assertThat(faults(new Organisation("RX1", "a".repeat(65)))).containsEntry("team", Identifier.RULE);
        assertThat(faults(new Organisation("RX1", "a".repeat(64)))).isEmpty();
        assertThat(faults(new Organisation("RX1", "team;drop"))).containsEntry("team", Identifier.RULE);
    }

    @Test
    void a_decimal_range_is_judged_exactly_with_one_message() {
        String message = "must be more than 0 and at most 1000, in pence";
        assertThat(faults(new Price(new BigDecimal("0.01")))).isEmpty();
        assertThat(faults(new Price(new BigDecimal("1000.00")))).isEmpty();
        // Trailing zeros are not decimals.
        assertThat(faults(new Price(new BigDecimal("12.5000")))).isEmpty();
        assertThat(faults(new Price(new BigDecimal("0")))).containsExactly(Map.entry("amount", message));
        assertThat(faults(new Price(new BigDecimal("1000.001")))).containsExactly(Map.entry("amount", message));
        assertThat(faults(new Price(new BigDecimal("12.345")))).containsExactly(Map.entry("amount", message));
        assertThat(faults(new Price(new BigDecimal("-5")))).containsExactly(Map.entry("amount", message));
        assertThat(faults(new Price(null))).isEmpty();
    }

    @Test
    void a_field_is_named_as_the_json_names_it() {
        record Bad(@JsonProperty("8") @jakarta.validation.constraints.Max(4) Integer s8) {
        }
        assertThat(faults(new Bad(7))).containsOnlyKeys("8");
        assertThat(faults(new Holder(null))).containsExactly(Map.entry("rated", "is required"));
    }

    @Test
    void cross_field_faults_are_reported_under_the_fields_they_name_with_their_text_kept() {
        assertThat(faults(new Period(3, 1))).containsExactly(Map.entry("to", "must be {at least} from"));
        assertThat(faults(new Period(1, 3))).isEmpty();
        assertThat(faults(new Outer(List.of(new Period(1, 2), new Period(5, 4)))))
                .containsExactly(Map.entry("periods[1].to", "must be {at least} from"));
    }
}
