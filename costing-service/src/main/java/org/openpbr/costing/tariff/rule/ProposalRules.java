package org.openpbr.costing.tariff.rule;

import java.math.BigDecimal;
import java.time.LocalDate;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

import org.openpbr.platform.problem.FieldError;

/** How a tariff proposal's fields constrain each other, before the costing run is read. */
public final class ProposalRules {

    /** The longest validity: a three-year contract. */
    public static final int MAX_VALID_DAYS = 3 * 366;

    private ProposalRules() {
    }

    /** One planned line as the rules need it: its code, units and units per flag (any may be null). */
    public record Line(String code, BigDecimal units, Map<String, BigDecimal> flaggedUnits) {
    }

    /** Every cross-field fault: the validity period, flags given once and used only as declared, codes planned once. */
    public static List<FieldError> faults(LocalDate validFrom, LocalDate validTo, List<String> topUpFlags,
            List<Line> activity) {
        List<FieldError> faults = new ArrayList<>(validity(validFrom, validTo));
        Set<String> flags = new HashSet<>();
        for (int i = 0; i < topUpFlags.size(); i++) {
            String flag = topUpFlags.get(i);
            if (flag != null && !flags.add(flag)) {
                faults.add(new FieldError("topUps[" + i + "].flag", "is given twice"));
            }
        }
        Set<String> codes = new HashSet<>();
        for (int i = 0; i < activity.size(); i++) {
            Line line = activity.get(i);
            if (line == null) {
                continue;
            }
            if (line.code() != null && !line.code().isBlank() && !codes.add(line.code())) {
                faults.add(new FieldError("activity[" + i + "].code", "is planned twice"));
            }
            if (line.flaggedUnits() == null) {
                continue;
            }
            for (Map.Entry<String, BigDecimal> f : line.flaggedUnits().entrySet()) {
                String field = "activity[" + i + "].flaggedUnits[" + f.getKey() + "]";
                if (!flags.contains(f.getKey())) {
                    faults.add(new FieldError(field, "is not a flag of topUps"));
                } else if (f.getValue() != null && line.units() != null && f.getValue().compareTo(line.units()) > 0) {
                    faults.add(new FieldError(field, "must be at most the code's units (" + line.units().toPlainString() + ")"));
                }
            }
        }
        return faults;
    }

    /** validTo is on or after validFrom, and the tariff is valid for at most {@link #MAX_VALID_DAYS} days. */
    static List<FieldError> validity(LocalDate validFrom, LocalDate validTo) {
        if (validFrom == null || validTo == null) {
            return List.of();
        }
        long days = ChronoUnit.DAYS.between(validFrom, validTo) + 1;
        if (days < 1) {
            return List.of(new FieldError("validTo", "must not be before validFrom"));
        }
        if (days > MAX_VALID_DAYS) {
            return List.of(new FieldError("validTo", "makes the tariff valid for " + days + " days; at most " + MAX_VALID_DAYS));
        }
        return List.of();
    }
}
