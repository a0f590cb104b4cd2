package org.openpbr.platform.csv;

import java.io.Closeable;
import java.io.IOException;
import java.io.Reader;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;


import com.fasterxml.jackson.databind.MappingIterator;
import com.fasterxml.jackson.dataformat.csv.CsvMapper;
import com.fasterxml.jackson.dataformat.csv.CsvParser;
import com.fasterxml.jackson.dataformat.csv.CsvSchema;

/**
 * A CSV file read one row at a time: the header names the columns (in any order), every later
 * row is checked for width. Rows are numbered as lines, the header being line 1.
 */
public final class CsvFile implements Closeable {

    private static final CsvMapper MAPPER = CsvMapper.builder().enable(CsvParser.Feature.WRAP_AS_ARRAY)
            .enable(CsvParser.Feature.TRIM_SPACES).build();

    private final MappingIterator<String[]> rows;
    private final Map<String, Integer> columns = new HashMap<>();
    private String[] names = new String[0];
    private int width;
    private int line = 1;

    private CsvFile(MappingIterator<String[]> rows) {
        this.rows = rows;
    }

    /**
     * Opens the file and checks its header against the expected columns; header faults go to
     * {@code faults}, and the file is then of no further use.
     */
    public static CsvFile open(Reader reader, List<String> required, List<String> optional, CsvFaults faults)
            throws IOException {
        CsvFile file = new CsvFile(MAPPER.readerFor(String[].class).with(CsvSchema.emptySchema()).readValues(reader));
        if (!file.rows.hasNext()) {
            faults.add(1, null, "the file is empty; it needs a header line naming the columns " + String.join(", ", required));
            return file;
        }
        String[] header = file.rows.next();
        file.width = header.length;
        file.names = new String[header.length];
        List<String> known = new ArrayList<>(required);
        known.addAll(optional);
        for (int i = 0; i < header.length; i++) {
            // Spreadsheets often save CSV with a byte-order mark in front of the first name.
            String name = (i == 0 ? header[i].replace("\uFEFF", "") : header[i]).strip().toLowerCase(java.util.Locale.ROOT);
            file.names[i] = name;
            if (file.columns.putIfAbsent(name, i) != null) {
                faults.add(1, name, "the column is repeated");
            } else if (!known.contains(name)) {
                faults.add(1, name.isEmpty() ? "(blank)" : name, "is not a column of this file; expected "
                        + String.join(", ", required) + (optional.isEmpty() ? "" : " and optionally " + String.join(", ", optional)));
            }
        }
        for (String name : required) {
            if (!file.columns.containsKey(name)) {
                faults.add(1, name, "the column is missing");
            }
        }
        return file;
    }

    /** The next row, or null at the end; a row of the wrong width is a fault and comes back null too. */
    public Row next(CsvFaults faults) throws IOException {
        while (rows.hasNext()) {
            String[] values = rows.next();
            line++;
            if (values.length == 1 && values[0].isEmpty()) {
                continue;
            }
            if (values.length != width) {
                faults.add(line, null, "has " + values.length + " values; the header has " + width);
                continue;
            }
            if (!cellsAcceptable(values, faults)) {
                continue;
            }
            return new Row(line, values);
        }
        return null;
    }

    /** Every cell keeps the platform's rule for CSV cells (no NUL, nothing formula-like); each fault is listed. */
    private boolean cellsAcceptable(String[] values, CsvFaults faults) {
        boolean ok = true;
        for (int i = 0; i < values.length; i++) {
            String fault = CsvCells.fault(values[i]);
            if (fault != null) {
                faults.add(line, names[i], fault);
                ok = false;
            }
        }
        return ok;
    }

    public boolean hasNext() {
        return rows.hasNext();
    }

    /** The value of a column in a row (present only when the column exists in the header). */
    public String value(Row row, String column) {
        Integer index = columns.get(column);
        return index == null ? "" : row.values()[index];
    }

    public boolean hasColumn(String column) {
        return columns.containsKey(column);
    }

    @Override
    public void close() throws IOException {
        rows.close();
    }

    public record Row(int line, String[] values) {
    }
}
