package org.openpbr.costing.period;

import java.sql.SQLException;
import java.time.LocalDate;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

import org.openpbr.platform.csv.CsvValues;
import org.openpbr.platform.csv.CsvFaults;
import org.openpbr.platform.csv.CsvFile;
import org.openpbr.costing.centre.CostCentre;
import org.openpbr.costing.run.CostingMethodV1;

/**
 * The three kinds of activity file: what columns each has, how a row is checked, how it is written
 * to PostgreSQL's COPY text format, and the key that must be unique in the period.
 */
public enum ActivityKind {

    CONTACTS("contacts", "care_contact", "contact_id", "contact_id",
            List.of("contact_id", "patient_id", "contact_date", "cost_centre", "staff_group", "minutes"),
            "contact_id, patient_id, contact_date, cost_centre_id, staff_group, minutes", CostCentre.Type.COMMUNITY_TEAM) {
        @Override
        boolean append(CsvFile file, CsvFile.Row row, Context context, BinaryCopy out) throws SQLException {
            String id = identifier(file, row, "contact_id", context);
            String patient = identifier(file, row, "patient_id", context);
            LocalDate day = day(file, row, "contact_date", context);
            Integer centre = centre(file, row, "cost_centre", context);
            String staff = identifier(file, row, "staff_group", context);
            int minutes = minutes(file, row, "minutes", context);
            if (id == null || patient == null || day == null || centre == null || staff == null || minutes < 0) {
                return false;
            }
            out.row(6);
            out.text(id);
            out.text(patient);
            out.date(day);
            out.int4(centre);
            out.text(staff);
            out.int4(minutes);
            return true;
        }
    },

    BED_DAYS("bed-days", "bed_day", "patient_id, bed_date", "patient_id || '|' || bed_date",
            List.of("patient_id", "bed_date", "ward"), "patient_id, bed_date, cost_centre_id",
            CostCentre.Type.INPATIENT_WARD) {
        @Override
        boolean append(CsvFile file, CsvFile.Row row, Context context, BinaryCopy out) throws SQLException {
            String patient = identifier(file, row, "patient_id", context);
            LocalDate day = day(file, row, "bed_date", context);
            Integer ward = centre(file, row, "ward", context);
            if (patient == null || day == null || ward == null) {
                return false;
            }
            out.row(3);
            out.text(patient);
            out.date(day);
            out.int4(ward);
            return true;
        }

        @Override
        String key(CsvFile file, CsvFile.Row row) {
            return file.value(row, "patient_id") + "|" + file.value(row, "bed_date");
        }

        @Override
        String storedKey(CsvFile file, CsvFile.Row row) {
            // the night as stored, so that two spellings of one date are one key
            return file.value(row, "patient_id") + "|" + CsvValues.date(file.value(row, "bed_date"));
        }

        @Override
        String duplicateMessage(String key) {
            return "the person already has an occupied bed on that night (one bed per person per night, at the midnight census)";
        }
    },

    GROUP_SESSIONS("group-sessions", "group_session", "session_id", "session_id",
            List.of("session_id", "session_date", "cost_centre", "staff_group", "minutes", "attendees"),
            "session_id, session_date, cost_centre_id, staff_group, minutes, attendees", CostCentre.Type.COMMUNITY_TEAM) {
        @Override
        boolean append(CsvFile file, CsvFile.Row row, Context context, BinaryCopy out) throws SQLException {
            String id = identifier(file, row, "session_id", context);
            LocalDate day = day(file, row, "session_date", context);
            Integer centre = centre(file, row, "cost_centre", context);
            String staff = identifier(file, row, "staff_group", context);
            int minutes = minutes(file, row, "minutes", context);
            List<String> attendees = attendees(file, row, context);
            if (id == null || day == null || centre == null || staff == null || minutes < 0 || attendees == null) {
                return false;
            }
            out.row(6);
            out.text(id);
            out.date(day);
            out.int4(centre);
            out.text(staff);
            out.int4(minutes);
            out.textArray(attendees);
            return true;
        }
    };

    /** The largest number of minutes one contact or session may last: a day. */
    public static final int MAX_MINUTES = CostingMethodV1.MAX_MINUTES;

    /** What a row is checked against, and the latest activity date seen so far. */
    record Context(LocalDate start, LocalDate end, Map<String, CostCentre> centres, CsvFaults faults,
            LatestDay latest) {
    }

    /** The latest activity date in a file: a run's default as-of date comes from it. */
    static final class LatestDay {
        private LocalDate day;

        void saw(LocalDate other) {
            if (day == null || other.isAfter(day)) {
                day = other;
            }
        }

        LocalDate day() {
            return day;
        }
    }

    private final String path;
    private final String table;
    private final String keyColumns;
    private final String keyExpression;
    private final List<String> columns;
    private final String copyColumns;
    private final CostCentre.Type centreType;

    ActivityKind(String path, String table, String keyColumns, String keyExpression, List<String> columns, String copyColumns,
            CostCentre.Type centreType) {
        this.path = path;
        this.table = table;
        this.keyColumns = keyColumns;
        this.keyExpression = keyExpression;
        this.columns = columns;
        this.copyColumns = copyColumns;
        this.centreType = centreType;
    }

    /** The kind named in a URL path ({@code contacts}, {@code bed-days}, {@code group-sessions}). */
    public static ActivityKind ofPath(String path) {
        for (ActivityKind kind : values()) {
            if (kind.path.equals(path)) {
                return kind;
            }
        }
        return null;
    }

    public String path() {
        return path;
    }

    public List<String> columns() {
        return columns;
    }

    String table() {
        return table;
    }

    /** The columns that make a row's unique key within the period. */
    String keyColumns() {
        return keyColumns;
    }

    /** The SQL expression that gives a stored row's unique key, comparable with {@link #key}. */
    String keyExpression() {
        return keyExpression;
    }

    String copySql() {
        return "copy " + table + " (period_id, upload_id, " + copyColumns + ") from stdin with (format binary)";
    }

    /** Checks a row; when it is sound, writes it to the COPY (after period and upload) and returns true. */
    abstract boolean append(CsvFile file, CsvFile.Row row, Context context, BinaryCopy out) throws SQLException;

    /** The row's unique key within the period, as written. */
    String key(CsvFile file, CsvFile.Row row) {
        return file.value(row, columns.get(0));
    }

    /** The key of a row that was accepted, as PostgreSQL compares it. */
    String storedKey(CsvFile file, CsvFile.Row row) {
        return key(file, row);
    }

    String duplicateMessage(String key) {
        return columns.get(0) + " " + key + " is not unique in the period";
    }

    String identifier(CsvFile file, CsvFile.Row row, String column, Context context) {
        String value = file.value(row, column);
        if (CsvValues.identifier(value)) {
            return value;
        }
        context.faults().add(row.line(), column, value.isEmpty() ? "is required" : CsvValues.IDENTIFIER_RULE);
        return null;
    }

    LocalDate day(CsvFile file, CsvFile.Row row, String column, Context context) {
        String value = file.value(row, column);
        LocalDate day = CsvValues.date(value);
        if (day == null) {
            context.faults().add(row.line(), column, value.isEmpty() ? "is required" : "must be a date as YYYY-MM-DD, from 1900 to 2100");
        } else if (day.isBefore(context.start()) || day.isAfter(context.end())) {
            context.faults().add(row.line(), column, "is outside the period (" + context.start() + " to "
                    + context.end() + ")");
            return null;
        } else {
            context.latest().saw(day);
        }
        return day;
    }

    Integer centre(CsvFile file, CsvFile.Row row, String column, Context context) {
        String code = file.value(row, column);
        CostCentre centre = context.centres().get(code);
        if (centre == null) {
            context.faults().add(row.line(), column, code.isEmpty() ? "is required"
                    : "is not one of your cost centres (load it with PUT /v1/cost-centres first)");
            return null;
        }
        if (centre.type != centreType) {
            context.faults().add(row.line(), column, "is a " + centre.type + " cost centre; " + path + " belong to "
                    + centreType + " centres");
            return null;
        }
        return centre.id;
    }

    int minutes(CsvFile file, CsvFile.Row row, String column, Context context) {
        String value = file.value(row, column);
        int minutes = CsvValues.count(value);
        if (minutes >= 1 && minutes <= MAX_MINUTES) {
            return minutes;
        }
        context.faults().add(row.line(), column, value.isEmpty() ? "is required"
                : value.startsWith("-") ? "must not be negative"
                        : "must be a whole number of minutes from 1 to " + MAX_MINUTES);
        return -1;
    }

    /** The attendees' patient ids, each checked, none twice. */
    List<String> attendees(CsvFile file, CsvFile.Row row, Context context) {
        String value = file.value(row, "attendees");
        String[] people = value.split(";", -1);
        Set<String> seen = new LinkedHashSet<>();
        for (String raw : people) {
            String person = raw.strip();
            if (!CsvValues.identifier(person)) {
                context.faults().add(row.line(), "attendees", value.isEmpty() ? "is required"
                        : "must be the attendees' patient ids separated by ';'; each " + CsvValues.IDENTIFIER_RULE);
                return null;
            }
            if (!seen.add(person)) {
                context.faults().add(row.line(), "attendees", "names " + person + " twice");
                return null;
            }
        }
        if (people.length > CostingMethodV1.MAX_ATTENDEES) {
            context.faults().add(row.line(), "attendees", "has " + people.length + " attendees; at most "
                    + CostingMethodV1.MAX_ATTENDEES);
            return null;
        }
        return List.copyOf(seen);
    }
}
