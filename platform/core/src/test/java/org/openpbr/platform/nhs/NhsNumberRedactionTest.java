package org.openpbr.platform.nhs;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;

class NhsNumberRedactionTest {

    private static final String R = NhsNumberRedaction.REPLACEMENT;

    @Test
    void valid_numbers_in_every_written_form_are_replaced() {
        assertThat(NhsNumberRedaction.redact("Key (nhs_number)=(9434765919) already exists."))
                .isEqualTo("Key (nhs_number)=(" + R + ") already exists.");
        assertThat(NhsNumberRedaction.redact("patient 943 476 5919 and 943-476-5919"))
                .isEqualTo("patient " + R + " and " + R);
    }

    @Test
    void other_numbers_are_left_alone() {
        assertThat(NhsNumberRedaction.redact("invalid 9434765918, epoch 1764000000123, id 94347659190"))
                .isEqualTo("invalid 9434765918, epoch 1764000000123, id 94347659190");
        assertThat(NhsNumberRedaction.redact("mixed 943 476-5919")).isEqualTo("mixed 943 476-5919");
        assertThat(NhsNumberRedaction.redact(null)).isNull();
        assertThat(NhsNumberRedaction.redact("short")).isEqualTo("short");
    }

    @Provide
    Arbitrary<String> validNumbers() {
        return Arbitraries.strings().numeric().ofLength(9).filter(d -> NhsNumber.checkDigit(d) >= 0)
                .map(d -> d + NhsNumber.checkDigit(d)).filter(NhsNumber::isValid);
    }

    @Property
    void no_valid_number_survives_in_any_surrounding_text(@ForAll("validNumbers") String number,
            @ForAll("words") String before, @ForAll("words") String after) {
        String text = before + " " + number + " " + after;
        assertThat(NhsNumberRedaction.redact(text)).doesNotContain(number).contains(R);
    }

    @Provide
    Arbitrary<String> words() {
        return Arbitraries.strings().alpha().ofMaxLength(20);
    }
}
