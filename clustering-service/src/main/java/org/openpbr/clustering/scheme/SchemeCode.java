package org.openpbr.clustering.scheme;

import java.time.Period;
import java.util.Optional;

/**
 * One currency code of a scheme (a care cluster, a resource group).
 *
 * @param code            the code as recorded and paid on, e.g. "03"
 * @param name            its name
 * @param superClass      the group it belongs to (for clusters: non-psychotic, psychosis, organic)
 * @param maxReviewPeriod the longest time before a person in this code must be reviewed
 * @param profile         its profile grid row; absent when the code is allocated by hand only
 */
public record SchemeCode(String code, String name, String superClass, Period maxReviewPeriod,
        Optional<CodeProfile> profile) {
}
