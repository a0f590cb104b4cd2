package org.openpbr.platform.csv;

import java.io.IOException;
import java.io.Reader;
import java.time.LocalDate;
import java.util.List;
import java.util.function.Function;

/** Small CSV files (cost centres, episodes) read row by row, for the other features' loaders. */
public final class CsvRows {

    public static final String IDENTIFIER_RULE = CsvValues.IDENTIFIER_RULE;

    /** Receives each row of the right width: its line number and its values by column name. */
    @FunctionalInterface
    public interface RowHandler {
        void row(int line, Function<String, String> value);
    }

    private CsvRows() {
    }

    /** Reads every row; header and width faults go to {@code faults}, and a bad header stops the reading. */
    public static void read(Reader reader, List<String> required, List<String> optional, CsvFaults faults,
            RowHandler handler) throws IOException {
        try (CsvFile csv = CsvFile.open(reader, required, optional, faults)) {
            if (!faults.isEmpty()) {
                return;
            }
            for (CsvFile.Row row = csv.next(faults); row != null; row = csv.next(faults)) {
                CsvFile.Row current = row;
                handler.row(row.line(), column -> csv.value(current, column));
            }
        } catch (RuntimeException e) {
            faults.add(1, null, "is not readable as CSV: " + firstLine(e.getMessage()));
        }
    }

    public static void read(Reader reader, List<String> required, CsvFaults faults, RowHandler handler)
            throws IOException {
        read(reader, required, List.of(), faults, handler);
    }

    public static boolean identifier(String value) {
        return CsvValues.identifier(value);
    }

    /** A date as YYYY-MM-DD, or null. */
    public static LocalDate date(String value) {
        return CsvValues.date(value);
    }

    /** The first line of a parser's message: enough to say where a file stopped being CSV. */
    public static String firstLine(String message) {
        if (message == null) {
            return "unreadable";
        }
        int end = message.indexOf('\n');
        return end < 0 ? message : message.substring(0, end);
    }
}
