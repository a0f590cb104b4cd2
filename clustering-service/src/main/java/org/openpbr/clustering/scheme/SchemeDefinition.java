package org.openpbr.clustering.scheme;

import java.time.LocalDate;
import java.util.List;
import java.util.Optional;

/**
 * A validated version of a currency scheme: its codes and, when it supports decision support,
 * their profile grid. Published versions never change.
 *
 * @param scheme        the scheme's stable key, e.g. {@code mh-care-clusters}
 * @param version       this version's label, unique within the scheme
 * @param name          a readable name
 * @param effectiveFrom first day the version is in force
 * @param effectiveTo   last day it is in force; absent while open-ended
 * @param illustrative  true when the grid is not the official one (a stand-in, labelled as such)
 * @param varianceCode  the code suggested when no code meets its red rules; present iff there is a grid
 * @param codes         the codes, in the scheme's order (ranking ties are broken by this order)
 */
public record SchemeDefinition(String scheme, String version, String name, LocalDate effectiveFrom,
        Optional<LocalDate> effectiveTo, boolean illustrative, Optional<String> varianceCode, List<SchemeCode> codes) {

    public SchemeDefinition {
        codes = List.copyOf(codes);
    }

    /** Whether decision support can run: at least one code has a profile. */
    public boolean hasGrid() {
        return codes.stream().anyMatch(code -> code.profile().isPresent());
    }

    public Optional<SchemeCode> code(String code) {
        return codes.stream().filter(c -> c.code().equals(code)).findFirst();
    }

    public boolean inForceOn(LocalDate date) {
        return !date.isBefore(effectiveFrom) && effectiveTo.map(to -> !date.isAfter(to)).orElse(true);
    }
}
