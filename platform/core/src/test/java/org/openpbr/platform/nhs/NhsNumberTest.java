package org.openpbr.platform.nhs;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.NullAndEmptySource;
import org.junit.jupiter.params.provider.ValueSource;

import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Assume;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.constraints.IntRange;

class NhsNumberTest {

    @Test
    void the_published_example_is_valid_and_its_check_digit_is_worked_by_hand() {
        // 9*10 + 4*9 + 3*8 + 4*7 + 7*6 + 6*5 + 5*4 + 9*3 + 1*2 = 299; 299 mod 11 = 2; 11 - 2 = 9
        assertThat(NhsNumber.checkDigit("943476591")).isEqualTo(9);
        assertThat(NhsNumber.isValid("9434765919")).isTrue();
    }

    @Test
    void check_digits_worked_by_hand_including_the_eleven_and_ten_cases() {
        // 4*10 + 0*9 + 1*8 + 0*7 + 2*6 + 3*5 + 4*4 + 5*3 + 6*2 = 118; 118 mod 11 = 8; 11 - 8 = 3
        assertThat(NhsNumber.checkDigit("401023456")).isEqualTo(3);
        // 1*3 + 1*2 = 5; 11 - 5 = 6
        assertThat(NhsNumber.checkDigit("000000011")).isEqualTo(6);
        // sum 0; 11 - 0 = 11, which becomes 0
        assertThat(NhsNumber.checkDigit("000000000")).isZero();
        // ... so 0000000000 passes modulus 11, but a number of one repeated digit is never issued
        assertThat(NhsNumber.isValid("0000000000")).isFalse();
        // 1*10 + 1*2 = 12; 12 mod 11 = 1; 11 - 1 = 10: no tenth digit makes these nine valid
        assertThat(NhsNumber.checkDigit("100000001")).isEqualTo(-1);
        for (char d = '0'; d <= '9'; d++) {
            assertThat(NhsNumber.isValid("100000001" + d)).isFalse();
        }
    }

    @ParameterizedTest
    @ValueSource(strings = { "9434765919", "943 476 5919", "943-476-5919", " 9434765919 " })
    void the_usual_written_forms_are_accepted(String text) {
        assertThat(NhsNumber.parse(text)).get().extracting(NhsNumber::digits).isEqualTo("9434765919");
    }

    @ParameterizedTest
    @NullAndEmptySource
    @ValueSource(strings = { "9434765918", "943 476-5919", "943  476 5919", "94347659190", "943476591",
            "943476591X", "943.476.5919", "９４３４７６５９１９" })
    void anything_else_is_rejected(String text) {
        assertThat(NhsNumber.parse(text)).isEmpty();
        assertThat(new ValidNhsNumberValidator().isValid(text, null)).isEqualTo(text == null);
    }

    @Test
    void numbers_of_one_repeated_digit_pass_modulus_11_but_are_never_issued() {
        // 0000000000: sum 0, 11 - 0 = 11 -> 0. 1111111111: sum 54, 54 mod 11 = 10, 11 - 10 = 1.
        assertThat(NhsNumber.checkDigit("000000000")).isZero();
        assertThat(NhsNumber.checkDigit("111111111")).isEqualTo(1);
        assertThat(NhsNumber.isValid("0000000000")).isFalse();
        assertThat(NhsNumber.isValid("1111111111")).isFalse();
        assertThat(NhsNumber.isValid("000 000 0000")).isFalse();
    }

    @Test
    void it_formats_three_three_four_and_never_shows_itself_in_to_string() {
        NhsNumber number = NhsNumber.parse("9434765919").orElseThrow();
        assertThat(number.formatted()).isEqualTo("943 476 5919");
        assertThat(number.toString()).doesNotContainPattern("\\d");
        assertThat(number).isEqualTo(NhsNumber.parse("943-476-5919").orElseThrow());
    }

    @Provide
    Arbitrary<String> nineDigits() {
        return Arbitraries.strings().numeric().ofLength(9);
    }

    @Provide
    Arbitrary<String> validNumbers() {
        return nineDigits().filter(d -> NhsNumber.checkDigit(d) >= 0).map(d -> d + NhsNumber.checkDigit(d))
                .filter(NhsNumber::isValid);
    }

    @Property
    void nine_digits_have_exactly_one_valid_tenth_digit_unless_the_check_is_ten_or_repeats_them(@ForAll("nineDigits") String nine) {
        long valid = "0123456789".chars().filter(d -> NhsNumber.isValid(nine + (char) d)).count();
        boolean repeated = nine.chars().allMatch(c -> c == nine.charAt(0)) && NhsNumber.checkDigit(nine) == nine.charAt(0) - '0';
        assertThat(valid).isEqualTo(NhsNumber.checkDigit(nine) < 0 || repeated ? 0 : 1);
    }

    @Property
    void every_single_digit_error_is_detected(@ForAll("validNumbers") String number,
            @ForAll @IntRange(min = 0, max = 9) int position, @ForAll @IntRange(min = 1, max = 9) int shift) {
        char[] digits = number.toCharArray();
        digits[position] = (char) ('0' + (digits[position] - '0' + shift) % 10);
        assertThat(NhsNumber.isValid(new String(digits))).isFalse();
    }

    @Property
    void every_transposition_of_adjacent_different_digits_is_detected(@ForAll("validNumbers") String number,
            @ForAll @IntRange(min = 0, max = 8) int position) {
        char[] digits = number.toCharArray();
        Assume.that(digits[position] != digits[position + 1]);
        char swap = digits[position];
        digits[position] = digits[position + 1];
        digits[position + 1] = swap;
        assertThat(NhsNumber.isValid(new String(digits))).isFalse();
    }
}
