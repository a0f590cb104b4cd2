package org.openpbr.platform.validation;

import java.time.LocalDate;
import java.time.temporal.ChronoUnit;
import java.util.List;

import org.openpbr.platform.problem.FieldError;
import org.openpbr.platform.problem.ProblemException;

/** A reporting period given as {@code from} and {@code to}: both ends included, in order, and not too long. */
public final class DateRanges {

    private DateRanges() {
    }

    /** The fault of a period, under {@code to}; none when either end is missing (reported by its own check). */
    public static List<FieldError> faults(LocalDate from, LocalDate to, int maxDays) {
        if (from != null && to != null && (to.isBefore(from) || ChronoUnit.DAYS.between(from, to) > maxDays)) {
            return List.of(new FieldError("to", "must be on or after from, and at most " + maxDays + " days after it"));
        }
        return List.of();
    }

    /** Throws the 400 for a period that breaks {@link #faults}. */
    public static void require(LocalDate from, LocalDate to, int maxDays) {
        List<FieldError> faults = faults(from, to, maxDays);
        if (!faults.isEmpty()) {
            throw ProblemException.invalid(faults);
        }
    }
}
