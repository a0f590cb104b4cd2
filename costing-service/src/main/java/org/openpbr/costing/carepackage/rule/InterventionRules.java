package org.openpbr.costing.carepackage.rule;

import java.util.ArrayList;
import java.util.List;

import org.openpbr.platform.problem.FieldError;

/** What a care package's interventions must say, given their setting and the package's length. */
public final class InterventionRules {

    public static final int MAX_INTERVENTIONS = 50;

    private InterventionRules() {
    }

    /**
     * Community care is staff time, so it names its staff group and minutes; a ward stay is costed
     * per occupied bed day, so it has neither and is never a group.
     */
    public static List<FieldError> bySetting(PackageCosting.Setting setting, String staffGroup, Integer minutes,
            Integer groupSize) {
        List<FieldError> faults = new ArrayList<>();
        if (setting == PackageCosting.Setting.COMMUNITY) {
            if (staffGroup == null || staffGroup.isBlank()) {
                faults.add(new FieldError("staffGroup", "is required for community care"));
            }
            if (minutes == null) {
                faults.add(new FieldError("minutes", "is required for community care"));
            }
        } else if (setting == PackageCosting.Setting.WARD) {
            if (staffGroup != null) {
                faults.add(new FieldError("staffGroup", "must be absent for a ward stay (it is costed per occupied bed day)"));
            }
            if (minutes != null) {
                faults.add(new FieldError("minutes", "must be absent for a ward stay (times counts nights)"));
            }
            if (groupSize != null && groupSize != 1) {
                faults.add(new FieldError("groupSize", "must be absent for a ward stay"));
            }
        }
        return faults;
    }

    /** No intervention lasts longer than its package; {@code durations} in intervention order, null where absent. */
    public static List<FieldError> withinPackage(Integer weeks, List<Integer> durations) {
        List<FieldError> faults = new ArrayList<>();
        if (weeks == null || weeks < 1) {
            return faults;
        }
        for (int n = 0; n < durations.size(); n++) {
            Integer duration = durations.get(n);
            if (duration != null && duration > weeks) {
                faults.add(new FieldError("interventions[" + n + "].durationWeeks",
                        "must be 1 to the package's " + weeks + " weeks"));
            }
        }
        return faults;
    }
}
