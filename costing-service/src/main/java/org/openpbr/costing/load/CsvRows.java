package org.openpbr.costing.load;

import java.io.IOException;
import java.io.Reader;
import java.time.LocalDate;
import java.util.List;
import java.util.function.Function;

/** Small CSV files (cost centres, episodes) read row by row, for the other features' loaders. */
public final class CsvRows {

    public static final String IDENTIFIER_RULE = Values.IDENTIFIER_RULE;

    /** Receives each row of the right width: its line number and its values by column name. */
    @FunctionalInterface
    public interface RowHandler {
        void row(int line, Function<String, String> value);
    }

    private CsvRows() {
    }

    /** Reads every row; header and width faults go to {@code faults}, and a bad header stops the reading. */
    public static void read(Reader reader, List<String> required, List<String> optional, UploadFaults faults,
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
            faults.add(1, null, "is not readable as CSV: " + UploadService.firstLine(e.getMessage()));
        }
    }

    public static void read(Reader reader, List<String> required, UploadFaults faults, RowHandler handler)
            throws IOException {
        read(reader, required, List.of(), faults, handler);
    }

    public static boolean identifier(String value) {
        return Values.identifier(value);
    }

    /** A date as YYYY-MM-DD, or null. */
    public static LocalDate date(String value) {
        return Values.date(value);
    }
}
