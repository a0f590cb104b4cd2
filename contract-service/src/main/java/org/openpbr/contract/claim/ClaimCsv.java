package org.openpbr.contract.claim;

import java.io.IOException;
import java.io.StringReader;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;

import org.openpbr.platform.csv.CsvFaults;
import org.openpbr.platform.csv.CsvRows;

/**
 * A claims file: one line per claimed unit, the person by the provider's local id, the code and
 * the dates the unit covers. Every fault is listed by line; the file is all or nothing.
 */
public final class ClaimCsv {

    public static final List<String> COLUMNS = List.of("person", "code", "start_date", "end_date");
    public static final int MAX_LINES = 250_000;

    private ClaimCsv() {
    }

    public static List<ClaimQueries.Line> read(String csv) {
        CsvFaults faults = new CsvFaults();
        List<ClaimQueries.Line> lines = new ArrayList<>();
        try {
            CsvRows.read(new StringReader(csv), COLUMNS, faults, (line, value) -> {
                if (lines.size() >= MAX_LINES) {
                    if (lines.size() == MAX_LINES) {
                        faults.add(line, null, "is beyond the " + MAX_LINES + " lines a claims file may hold: send the month in one file of fewer lines");
                        lines.add(null);
                    }
                    return;
                }
                String person = value.apply("person");
                String code = value.apply("code");
                if (person.isEmpty() || person.length() > 64) {
                    faults.add(line, "person", "must be the provider's local id of the person, 1-64 characters");
                }
                if (!code.matches("[0-9A-Za-z]{1,10}")) {
                    faults.add(line, "code", code.isEmpty() ? "is required" : "must be 1-10 letters or digits, e.g. 04");
                }
                LocalDate from = CsvRows.date(value.apply("start_date"));
                LocalDate to = CsvRows.date(value.apply("end_date"));
                if (from == null) {
                    faults.add(line, "start_date", "must be a date, YYYY-MM-DD");
                }
                if (to == null) {
                    faults.add(line, "end_date", "must be a date, YYYY-MM-DD");
                } else if (from != null && to.isBefore(from)) {
                    faults.add(line, "end_date", "is before start_date " + from);
                }
                lines.add(new ClaimQueries.Line(line, person, code, from, to));
            });
        } catch (IOException e) {
            faults.add(1, null, "could not be read: " + e.getMessage());
        }
        if (lines.isEmpty() && faults.isEmpty()) {
            faults.add(2, null, "has no claims: a month with nothing to claim needs no file");
        }
        if (!faults.isEmpty()) {
            throw faults.problem("claims");
        }
        return lines;
    }
}
