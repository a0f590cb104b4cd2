package org.openpbr.platform.problem;

import java.time.LocalDate;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.List;

import org.openpbr.platform.json.StrictScalars;

/**
 * Collects the faults found once a request has passed its own annotations: those that need stored
 * records (a date outside the stored care spell, a code the run never costed), so that one 400 lists
 * them all. A request's own rules are Bean Validation annotations and {@code rule/} cross-field rules.
 */
public final class Faults {

    private final List<FieldError> errors = new ArrayList<>();

    public Faults add(String field, String message) {
        errors.add(new FieldError(field, message));
        return this;
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
