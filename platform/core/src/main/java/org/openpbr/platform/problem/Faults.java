package org.openpbr.platform.problem;

import java.time.LocalDate;
import java.time.format.DateTimeParseException;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Pattern;

import org.openpbr.platform.json.StrictScalars;

/** Collects every fault in a request, so that one 400 lists them all. */
public final class Faults {

    /** Identifiers from other systems: local ids, team and rater codes, ODS codes. */
    public static final Pattern IDENTIFIER = Pattern.compile("[A-Za-z0-9][A-Za-z0-9 ._/:-]{0,63}");
    /** An ODS organisation or site code: 3-6 upper-case letters or digits (RX1, 15N, NZ1, RX1AA, A81001). */
    public static final Pattern ODS_CODE = Pattern.compile("[A-Z0-9]{3,6}");
    public static final String ODS_CODE_RULE = "must be an ODS code: 3-6 upper-case letters or digits, e.g. RX1 or 15N";

    private final List<FieldError> errors = new ArrayList<>();

    public Faults add(String field, String message) {
        errors.add(new FieldError(field, message));
        return this;
    }

    public boolean present(String field, Object value) {
        if (value == null || (value instanceof String text && text.isBlank())) {
            add(field, "is required");
            return false;
        }
        return true;
    }

    public void identifier(String field, String value, boolean required) {
        if (value == null || value.isBlank()) {
            if (required) {
                add(field, "is required");
            }
        } else if (!IDENTIFIER.matcher(value).matches()) {
            add(field, "must be 1-64 letters, digits, spaces or . _ / : - (starting with a letter or digit)");
        }
    }

    public void odsCode(String field, String value, boolean required) {
        if (value == null || value.isBlank()) {
            if (required) {
                add(field, "is required");
            }
        } else if (!ODS_CODE.matcher(value).matches()) {
            add(field, ODS_CODE_RULE);
        }
    }

    public void notFuture(String field, LocalDate date, LocalDate today) {
        if (date != null && date.isAfter(today)) {
            add(field, "must not be in the future");
        }
    }

    /** A date query parameter as YYYY-MM-DD; null (with a fault when required) when absent or malformed. */
    public LocalDate date(String field, String text, boolean required) {
        if (text == null || text.isBlank()) {
            if (required) {
                add(field, "is required (YYYY-MM-DD)");
            }
            return null;
        }
        try {
            LocalDate date = LocalDate.parse(text.strip());
            String fault = StrictScalars.dateFault(date);
            if (fault != null) {
                add(field, fault);
                return null;
            }
            return date;
        } catch (DateTimeParseException e) {
            add(field, "must be a date as YYYY-MM-DD");
            return null;
        }
    }

    /** A period given as {@code from} and {@code to} query parameters: both required, in order, at most {@code maxDays} long. */
    public DateRange range(String from, String to, int maxDays) {
        LocalDate start = date("from", from, true);
        LocalDate end = date("to", to, true);
        if (start != null && end != null && (end.isBefore(start) || ChronoUnit.DAYS.between(start, end) > maxDays)) {
            add("to", "must be on or after from, and at most " + maxDays + " days after it");
        }
        return new DateRange(start, end);
    }

    /** A period of days, both ends included. */
    public record DateRange(LocalDate from, LocalDate to) {
    }

    public Faults addAll(List<FieldError> more) {
        errors.addAll(more);
        return this;
    }

    /** What was found so far. */
    public List<FieldError> errors() {
        return List.copyOf(errors);
    }

    public boolean isEmpty() {
        return errors.isEmpty();
    }

    /** Throws the 400 problem when anything was found. */
    public void throwIfAny() {
        if (!errors.isEmpty()) {
            throw ProblemException.invalid(errors);
        }
    }
}
