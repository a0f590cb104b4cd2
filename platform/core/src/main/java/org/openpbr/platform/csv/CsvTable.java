package org.openpbr.platform.csv;

import java.net.URI;
import java.util.List;

/**
 * A result that finance teams can also take as a spreadsheet: with {@code Accept: text/csv} the
 * same figures as the JSON, one header row and one row per line, UTF-8 ({@link CsvTableWriter}).
 */
public interface CsvTable {

    /** The column names, in order. */
    List<String> csvHeader();

    /** One list of cells per row, in the header's order; null is an empty cell. */
    List<List<Object>> csvRows();

    /** The file name offered for saving, without ".csv". */
    String csvName();

    /** The next page, for paged results: sent as a {@code Link} header. */
    default URI csvNext() {
        return null;
    }
}
