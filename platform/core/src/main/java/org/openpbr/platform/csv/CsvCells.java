package org.openpbr.platform.csv;

/**
 * The rule every CSV cell a service accepts keeps, whatever the file: no NUL character (PostgreSQL
 * cannot store it), nothing that a spreadsheet would run as a formula when the value is exported
 * and opened ({@code =}, {@code +}, {@code @}, or {@code -} not starting a number), and no more
 * than 10,000 characters.
 */
public final class CsvCells {

    public static final int MAX_CELL = 10_000;

    private CsvCells() {
    }

    /** Why the cell is refused, or null when it is acceptable. Cheap enough for every cell of a bulk file. */
    public static String fault(String value) {
        if (value.isEmpty()) {
            return null;
        }
        if (value.length() > MAX_CELL) {
            return "must be at most " + MAX_CELL + " characters";
        }
        if (value.indexOf('\u0000') >= 0) {
            return "must not contain a NUL character";
        }
        char first = value.charAt(0);
        boolean number = first == '-' && value.length() > 1 && (Character.isDigit(value.charAt(1)) || value.charAt(1) == '.');
        if (first == '=' || first == '+' || first == '@' || first == '\t' || first == '\r' || (first == '-' && !number)) {
            return "looks like a spreadsheet formula (starts with =, +, - or @) and is refused";
        }
        return null;
    }
}
