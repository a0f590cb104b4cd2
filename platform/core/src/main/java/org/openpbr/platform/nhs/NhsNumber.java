package org.openpbr.platform.nhs;

import java.util.Objects;
import java.util.Optional;

/**
 * A valid NHS number: ten digits whose last is the modulus 11 check digit of the first nine
 * (weights 10 down to 2; check = 11 - sum mod 11; 11 becomes 0; 10 is never valid), and not one
 * digit repeated ten times (such numbers pass the check but are never issued).
 * {@link #toString()} never reveals the number, so it cannot leak into logs by accident.
 */
public final class NhsNumber {

    private final String digits;

    private NhsNumber(String digits) {
        this.digits = digits;
    }

    /**
     * Parses the usual written forms: ten digits, optionally grouped 3-3-4 by single spaces or
     * hyphens. Anything else, or a wrong check digit, is empty.
     */
    public static Optional<NhsNumber> parse(String text) {
        String digits = normalise(text);
        return digits != null && isValidDigits(digits) ? Optional.of(new NhsNumber(digits)) : Optional.empty();
    }

    public static boolean isValid(String text) {
        return parse(text).isPresent();
    }

    /** The ten digits, for storage and for the record holder's own API responses only. */
    public String digits() {
        return digits;
    }

    /** The conventional 3-3-4 display form, e.g. {@code 943 476 5919}. */
    public String formatted() {
        return digits.substring(0, 3) + ' ' + digits.substring(3, 6) + ' ' + digits.substring(6);
    }

    /**
     * The check digit the first nine digits call for, or -1 when they call for 10 (no valid number
     * starts with them).
     */
    public static int checkDigit(String nineDigits) {
        if (nineDigits.length() != 9) {
            throw new IllegalArgumentException("nine digits expected");
        }
        int sum = 0;
        for (int i = 0; i < 9; i++) {
            char c = nineDigits.charAt(i);
            if (c < '0' || c > '9') {
                throw new IllegalArgumentException("digits expected");
            }
            sum += (c - '0') * (10 - i);
        }
        int check = 11 - (sum % 11);
        if (check == 11) {
            return 0;
        }
        return check == 10 ? -1 : check;
    }

    static boolean isValidDigits(String digits) {
        int check = checkDigit(digits.substring(0, 9));
        return check >= 0 && check == digits.charAt(9) - '0' && !sameDigit(digits);
    }

    /** 0000000000 and 1111111111 pass modulus 11, but a number of one repeated digit is never issued. */
    private static boolean sameDigit(String digits) {
        return digits.chars().allMatch(c -> c == digits.charAt(0));
    }

    private static String normalise(String text) {
        if (text == null) {
            return null;
        }
        String trimmed = text.strip();
        if (trimmed.length() == 10) {
            return allDigits(trimmed) ? trimmed : null;
        }
        if (trimmed.length() == 12) {
            char first = trimmed.charAt(3);
            char second = trimmed.charAt(7);
            boolean grouped = (first == ' ' || first == '-') && first == second;
            String joined = trimmed.substring(0, 3) + trimmed.substring(4, 7) + trimmed.substring(8);
            return grouped && allDigits(joined) ? joined : null;
        }
        return null;
    }

    private static boolean allDigits(String s) {
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            if (c < '0' || c > '9') {
                return false;
            }
        }
        return true;
    }

    @Override
    public boolean equals(Object other) {
        return other instanceof NhsNumber that && digits.equals(that.digits);
    }

    @Override
    public int hashCode() {
        return Objects.hash(digits);
    }

    @Override
    public String toString() {
        return "NhsNumber[redacted]";
    }
}
