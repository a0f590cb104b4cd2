package org.openpbr.platform.csv;

import java.time.DateTimeException;
import java.time.LocalDate;

import org.openpbr.platform.validation.Identifier;

/** Fast checks for the values of bulk files, where a regular expression per cell would cost more than the load. */
public final class CsvValues {

    public static final String IDENTIFIER_RULE = Identifier.RULE;

    private CsvValues() {
    }

    /** Identifiers from other systems: local patient ids, contact and session ids, staff groups, codes. */
    public static boolean identifier(String value) {
        int n = value.length();
        if (n == 0 || n > 64 || !Character.isLetterOrDigit(value.charAt(0)) || value.charAt(0) > 127) {
            return false;
        }
        for (int i = 1; i < n; i++) {
            char c = value.charAt(i);
            boolean ok = (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') || c == ' '
                    || c == '.' || c == '_' || c == '/' || c == ':' || c == '-';
            if (!ok) {
                return false;
            }
        }
        return true;
    }

    /** A date as YYYY-MM-DD from 1900 to 2100 (as in JSON bodies), or null. */
    public static LocalDate date(String value) {
        if (value.length() != 10 || value.charAt(4) != '-' || value.charAt(7) != '-') {
            return null;
        }
        int year = digits(value, 0, 4);
        int month = digits(value, 5, 7);
        int day = digits(value, 8, 10);
        if (year < 1900 || year > 2100 || month < 0 || day < 0) {
            return null;
        }
        try {
            return LocalDate.of(year, month, day);
        } catch (DateTimeException e) {
            return null;
        }
    }

    /** A whole number from 0 to 999,999, or -1 when the text is anything else (a sign, a decimal point, letters). */
    public static int count(String value) {
        if (value.isEmpty() || value.length() > 6) {
            return -1;
        }
        return digits(value, 0, value.length());
    }

    private static int digits(String value, int from, int to) {
        int n = 0;
        for (int i = from; i < to; i++) {
            char c = value.charAt(i);
            if (c < '0' || c > '9') {
                return -1;
            }
            n = n * 10 + (c - '0');
        }
        return n;
    }
}
