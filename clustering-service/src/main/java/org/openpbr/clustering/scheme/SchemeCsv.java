package org.openpbr.clustering.scheme;

import java.io.IOException;
import java.io.Reader;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

import org.openpbr.clustering.scheme.SchemeDraft.CodeDraft;
import org.openpbr.platform.problem.FieldError;

import org.openpbr.platform.csv.CsvCells;

import com.fasterxml.jackson.databind.MappingIterator;
import com.fasterxml.jackson.dataformat.csv.CsvMapper;
import com.fasterxml.jackson.dataformat.csv.CsvParser;
import com.fasterxml.jackson.dataformat.csv.CsvSchema;

/**
 * A scheme version's codes as a spreadsheet: one row per code with the columns {@code code},
 * {@code name}, {@code super_class}, {@code max_review_period} and, for a grid, {@code scale_1} to
 * {@code scale_13} and {@code scale_A} to {@code scale_E}, each a five-letter word (ratings 0-4).
 * A code without a grid row leaves its scale columns empty. Line 1 is the header.
 */
public final class SchemeCsv {

    public static final List<String> CODE_COLUMNS = List.of("code", "name", "super_class", "max_review_period");
    private static final Map<String, String> FIELD_COLUMNS = Map.of("code", "code", "name", "name", "superClass",
            "super_class", "maxReviewPeriod", "max_review_period", "profile", "scale columns");

    private static final CsvMapper MAPPER = CsvMapper.builder().enable(CsvParser.Feature.WRAP_AS_ARRAY)
            .enable(CsvParser.Feature.SKIP_EMPTY_LINES).build();

    private SchemeCsv() {
    }

    /** Locates faults by line (the header is line 1) and column. */
    public static SchemeValidation.Locator locator() {
        return new SchemeValidation.Locator() {
            @Override
            public String header(String field) {
                return field;
            }

            @Override
            public String code(int index, String field) {
                return "line " + (index + 2) + ", " + FIELD_COLUMNS.getOrDefault(field, field);
            }

            @Override
            public String scale(int index, String scaleId) {
                return "line " + (index + 2) + ", scale_" + scaleId;
            }
        };
    }

    public static String scaleColumn(Scale scale) {
        return "scale_" + scale.id();
    }

    /** The rows as code drafts, or the faults in the file's shape (header, width) that stop reading it. */
    public static Parsed read(Reader csv) {
        List<FieldError> errors = new ArrayList<>();
        List<CodeDraft> codes = new ArrayList<>();
        try (MappingIterator<String[]> rows = MAPPER.readerFor(String[].class).with(CsvSchema.emptySchema())
                .readValues(csv)) {
            if (!rows.hasNext()) {
                errors.add(new FieldError("line 1", "the file is empty; it needs a header line and a line per code"));
                return new Parsed(codes, errors);
            }
            String[] header = rows.next();
            Map<String, Integer> columns = new HashMap<>();
            for (int i = 0; i < header.length; i++) {
                String name = header[i].strip();
                if (columns.putIfAbsent(name, i) != null) {
                    errors.add(new FieldError("line 1, " + name, "repeats column " + name));
                }
            }
            Set<String> known = new HashSet<>(CODE_COLUMNS);
            Scale.ALL.forEach(scale -> known.add(scaleColumn(scale)));
            for (String name : columns.keySet()) {
                if (!known.contains(name)) {
                    errors.add(new FieldError("line 1, " + name, "has unknown column " + name + "; expected " + String.join(", ",
                            CODE_COLUMNS) + " and optionally scale_1 to scale_13, scale_A to scale_E"));
                }
            }
            for (String required : CODE_COLUMNS) {
                if (!columns.containsKey(required)) {
                    errors.add(new FieldError("line 1, " + required, "lacks column " + required));
                }
            }
            long scaleColumns = Scale.ALL.stream().filter(s -> columns.containsKey(scaleColumn(s))).count();
            if (scaleColumns != 0 && scaleColumns != Scale.COUNT) {
                for (Scale scale : Scale.ALL) {
                    if (!columns.containsKey(scaleColumn(scale))) {
                        errors.add(new FieldError("line 1", "lacks column " + scaleColumn(scale)
                                + ": a grid needs all 18 scale columns"));
                    }
                }
            }
            if (!errors.isEmpty()) {
                return new Parsed(codes, errors);
            }
            int line = 1;
            while (rows.hasNext()) {
                String[] row = rows.next();
                line++;
                if (row.length != header.length) {
                    errors.add(new FieldError("line " + line,
                            "has " + row.length + " values; the header has " + header.length));
                    codes.add(null);
                    continue;
                }
                boolean cellsOk = true;
                for (int i = 0; i < row.length; i++) {
                    String fault = CsvCells.fault(row[i]);
                    if (fault != null) {
                        errors.add(new FieldError("line " + line + ", " + header[i].strip(), fault));
                        cellsOk = false;
                    }
                }
                if (!cellsOk) {
                    codes.add(null);
                    continue;
                }
                Map<String, String> profile = new LinkedHashMap<>();
                if (scaleColumns > 0) {
                    boolean anyCell = Scale.ALL.stream().anyMatch(s -> !row[columns.get(scaleColumn(s))].isBlank());
                    if (anyCell) {
                        for (Scale scale : Scale.ALL) {
                            String word = row[columns.get(scaleColumn(scale))].strip();
                            if (!word.isEmpty()) {
                                profile.put(scale.id(), word);
                            }
                        }
                    }
                }
                codes.add(new CodeDraft(value(row, columns, "code"), value(row, columns, "name"),
                        value(row, columns, "super_class"), value(row, columns, "max_review_period"), profile));
            }
            if (codes.isEmpty()) {
                errors.add(new FieldError("line 2", "the file has a header but no codes"));
            }
        } catch (IOException | RuntimeException e) {
            errors.add(new FieldError("file", "is not readable as CSV: " + firstLine(e.getMessage())));
        }
        return new Parsed(codes, errors);
    }

    private static String value(String[] row, Map<String, Integer> columns, String column) {
        String value = row[columns.get(column)].strip();
        return value.isEmpty() ? null : value;
    }

    private static String firstLine(String message) {
        if (message == null) {
            return "unknown error";
        }
        int end = message.indexOf('\n');
        return end < 0 ? message : message.substring(0, end);
    }

    /** The codes read (a null for a line too broken to read) and any faults found on the way. */
    public record Parsed(List<CodeDraft> codes, List<FieldError> errors) {
    }
}
