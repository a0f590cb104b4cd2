package org.openpbr.costing.period.rule;

import java.time.LocalDate;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;

import org.openpbr.platform.problem.FieldError;

/** A costing period is whole months, at most a year: the ledger it holds is a month's or a year's. */
public final class PeriodRules {

    public static final int MAX_MONTHS = 12;

    private PeriodRules() {
    }

    /** Faults of a period's dates; a missing date is reported by its own check. */
    public static List<FieldError> faults(LocalDate start, LocalDate end) {
        List<FieldError> faults = new ArrayList<>();
        if (start != null && start.getDayOfMonth() != 1) {
            faults.add(new FieldError("startDate", "must be the first day of a month: periods are whole months"));
        }
        if (end != null && !end.equals(end.withDayOfMonth(end.lengthOfMonth()))) {
            faults.add(new FieldError("endDate", "must be the last day of a month: periods are whole months"));
        }
        if (start != null && end != null) {
            long months = ChronoUnit.MONTHS.between(start, end.plusDays(1));
            if (end.isBefore(start)) {
                faults.add(new FieldError("endDate", "must be after startDate"));
            } else if (months > MAX_MONTHS) {
                faults.add(new FieldError("endDate", "makes the period " + months + " months long; at most " + MAX_MONTHS));
            }
        }
        return faults;
    }
}
