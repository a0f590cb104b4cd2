package org.openpbr.clustering.decision;

import java.time.LocalDate;
import java.time.Period;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import org.openpbr.clustering.scheme.CodeProfile;
import org.openpbr.clustering.scheme.Scale;
import org.openpbr.clustering.scheme.SchemeCode;
import org.openpbr.clustering.scheme.SchemeDefinition;

/** Small grids written by hand for tests: every scale MAY ("YYYYY") unless given. */
final class Grids {

    private final List<SchemeCode> codes = new ArrayList<>();

    static Grids grid() {
        return new Grids();
    }

    /** A code with the given scale words, e.g. {@code code("X", "7", "UUUMM", "1", "UUEUU")}. */
    Grids code(String code, String... scaleWords) {
        Map<Scale, String> words = new EnumMap<>(Scale.class);
        Scale.ALL.forEach(scale -> words.put(scale, "YYYYY"));
        for (int i = 0; i < scaleWords.length; i += 2) {
            words.put(Scale.byId(scaleWords[i]).orElseThrow(), scaleWords[i + 1]);
        }
        codes.add(new SchemeCode(code, "Code " + code, "Test", Period.ofMonths(6), Optional.of(CodeProfile.of(words))));
        return this;
    }

    Grids profile(String code, CodeProfile profile) {
        codes.add(new SchemeCode(code, "Code " + code, "Test", Period.ofMonths(6), Optional.of(profile)));
        return this;
    }

    SchemeDefinition scheme() {
        List<SchemeCode> all = new ArrayList<>();
        all.add(new SchemeCode("00", "Variance", "Variance", Period.ofMonths(6), Optional.empty()));
        all.addAll(codes);
        return new SchemeDefinition("test", "1", "Test scheme", LocalDate.of(2012, 4, 1), Optional.empty(), true,
                Optional.of("00"), all);
    }

    ProfileFit fit() {
        return ProfileFit.of(scheme());
    }

    /** Ratings with every scale 0 except the given pairs, e.g. {@code ratings("7", 3, "1", 2)}. */
    static Ratings ratings(Object... scaleRatings) {
        int[] values = new int[Scale.COUNT];
        for (int i = 0; i < scaleRatings.length; i += 2) {
            values[Scale.byId((String) scaleRatings[i]).orElseThrow().ordinal()] = (Integer) scaleRatings[i + 1];
        }
        return Ratings.of(values);
    }
}
