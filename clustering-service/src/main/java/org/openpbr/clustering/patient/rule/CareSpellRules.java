package org.openpbr.clustering.patient.rule;

import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;

import org.openpbr.platform.problem.FieldError;

/** How a care spell's dates and referral source constrain each other. */
public final class CareSpellRules {

    private CareSpellRules() {
    }

    /** Faults between the spell's own fields; a field that is missing is reported by its own check. */
    public static List<FieldError> faults(LocalDate start, LocalDate end, boolean fromIndependentProvider,
            String referringOrgCode) {
        List<FieldError> faults = new ArrayList<>();
        if (start != null && end != null && end.isBefore(start)) {
            faults.add(new FieldError("endDate", "must not be before startDate"));
        }
        // A referral from an independent provider is paid on its cluster, so whose cluster it was must be known.
        if (fromIndependentProvider && (referringOrgCode == null || referringOrgCode.isBlank())) {
            faults.add(new FieldError("referringOrgCode", "is required when the source is INDEPENDENT_PROVIDER"));
        }
        return faults;
    }

    /** A spell cannot start before the person was born; {@code field} names the start date. */
    public static List<FieldError> startAfterBirth(LocalDate start, LocalDate dateOfBirth, String field) {
        if (start != null && dateOfBirth != null && start.isBefore(dateOfBirth)) {
            return List.of(new FieldError(field, "must not be before the date of birth"));
        }
        return List.of();
    }
}
