package org.openpbr.clustering.scheme;

import java.time.Period;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Pattern;

import org.openpbr.clustering.decision.ProfileFit;
import org.openpbr.clustering.scheme.SchemeDraft.CodeDraft;
import org.openpbr.platform.problem.FieldError;

/**
 * Checks an uploaded scheme version completely and reports every fault: identifiers, dates, codes
 * unique, review periods positive, and for a grid every cell of every scale present and valid.
 */
public final class SchemeValidation {

    static final Pattern SCHEME_KEY = Pattern.compile("[a-z0-9][a-z0-9-]{1,63}");
    static final Pattern VERSION = Pattern.compile("[A-Za-z0-9][A-Za-z0-9._-]{0,63}");
    static final Pattern CODE = Pattern.compile("[A-Za-z0-9][A-Za-z0-9._-]{0,15}");

    /** Where a field of the upload is, in the words of its format (JSON path or CSV line and column). */
    public interface Locator {
        String header(String field);

        String code(int index, String field);

        String scale(int index, String scaleId);
    }

    /** JSON paths, as in the body: {@code codes[2].profile.7}. */
    public static final Locator JSON = new Locator() {
        @Override
        public String header(String field) {
            return field;
        }

        @Override
        public String code(int index, String field) {
            return "codes[" + index + "]." + field;
        }

        @Override
        public String scale(int index, String scaleId) {
            return "codes[" + index + "].profile." + scaleId;
        }
    };

    private SchemeValidation() {
    }

    /** The validated definition, or every fault found. */
    public static Result validate(SchemeDraft draft, Locator at) {
        List<FieldError> errors = new ArrayList<>();
        require(draft.scheme(), SCHEME_KEY, "lower-case letters, digits and hyphens, 2-64 characters", at.header("scheme"),
                errors);
        require(draft.version(), VERSION, "letters, digits, '.', '_' and '-', at most 64 characters",
                at.header("version"), errors);
        if (blank(draft.name())) {
            errors.add(new FieldError(at.header("name"), "is required"));
        } else if (draft.name().length() > 200) {
            errors.add(new FieldError(at.header("name"), "must be at most 200 characters"));
        }
        if (draft.effectiveFrom() == null) {
            errors.add(new FieldError(at.header("effectiveFrom"), "is required"));
        } else if (draft.effectiveTo() != null && draft.effectiveTo().isBefore(draft.effectiveFrom())) {
            errors.add(new FieldError(at.header("effectiveTo"), "must not be before effectiveFrom"));
        }
        List<SchemeCode> codes = new ArrayList<>();
        List<CodeDraft> drafts = draft.codes() == null ? List.of() : draft.codes();
        if (drafts.isEmpty()) {
            errors.add(new FieldError(at.header("codes"), "must list at least one code"));
        }
        Map<String, Integer> seen = new HashMap<>();
        for (int i = 0; i < drafts.size(); i++) {
            CodeDraft code = drafts.get(i);
            if (code == null) {
                errors.add(new FieldError(at.code(i, "code"), "is required"));
                continue;
            }
            validateCode(i, code, at, errors, seen).ifPresent(codes::add);
        }
        long graded = codes.stream().filter(c -> c.profile().isPresent()).count();
        boolean anyProfile = drafts.stream()
                .anyMatch(c -> c != null && c.profile() != null && !c.profile().isEmpty());
        if (graded > ProfileFit.MAX_CODES) {
            errors.add(new FieldError(at.header("codes"), "at most " + ProfileFit.MAX_CODES + " codes may have a profile"));
        }
        if (anyProfile && blank(draft.varianceCode())) {
            errors.add(new FieldError(at.header("varianceCode"),
                    "is required when codes have profiles: it is suggested when no code meets its red rules"));
        }
        if (!blank(draft.varianceCode())) {
            Integer index = seen.get(draft.varianceCode());
            if (index == null) {
                errors.add(new FieldError(at.header("varianceCode"), "must be one of the scheme's codes"));
            } else {
                CodeDraft variance = drafts.get(index);
                if (variance.profile() != null && !variance.profile().isEmpty()) {
                    errors.add(new FieldError(at.code(index, "profile"),
                            "the variance code must not have a profile: it is the code for needs no profile describes"));
                }
            }
        }
        if (!errors.isEmpty()) {
            return new Result(Optional.empty(), errors);
        }
        return new Result(Optional.of(new SchemeDefinition(draft.scheme(), draft.version(), draft.name().strip(),
                draft.effectiveFrom(), Optional.ofNullable(draft.effectiveTo()),
                Boolean.TRUE.equals(draft.illustrative()), Optional.ofNullable(blank(draft.varianceCode()) ? null
                        : draft.varianceCode()),
                codes)), List.of());
    }

    private static Optional<SchemeCode> validateCode(int i, CodeDraft code, Locator at, List<FieldError> errors,
            Map<String, Integer> seen) {
        int before = errors.size();
        if (blank(code.code())) {
            errors.add(new FieldError(at.code(i, "code"), "is required"));
        } else if (!CODE.matcher(code.code()).matches()) {
            errors.add(new FieldError(at.code(i, "code"), "must be letters, digits, '.', '_' or '-', at most 16 characters"));
        } else if (seen.putIfAbsent(code.code(), i) != null) {
            errors.add(new FieldError(at.code(i, "code"), "repeats code " + code.code() + "; codes must be unique"));
        }
        if (blank(code.name())) {
            errors.add(new FieldError(at.code(i, "name"), "is required"));
        }
        if (blank(code.superClass())) {
            errors.add(new FieldError(at.code(i, "superClass"), "is required"));
        }
        Period period = null;
        if (blank(code.maxReviewPeriod())) {
            errors.add(new FieldError(at.code(i, "maxReviewPeriod"), "is required"));
        } else {
            try {
                period = Period.parse(code.maxReviewPeriod().strip());
                if (period.isNegative() || period.isZero()
                        || period.getYears() < 0 || period.getMonths() < 0 || period.getDays() < 0) {
                    errors.add(new FieldError(at.code(i, "maxReviewPeriod"), "must be a positive period"));
                }
            } catch (DateTimeParseException e) {
                errors.add(new FieldError(at.code(i, "maxReviewPeriod"),
                        "must be an ISO-8601 period such as P84D, P6M or P12M"));
            }
        }
        Optional<CodeProfile> profile = Optional.empty();
        Map<String, String> words = code.profile();
        if (words != null && !words.isEmpty()) {
            Map<Scale, String> byScale = new EnumMap<>(Scale.class);
            for (Map.Entry<String, String> entry : words.entrySet()) {
                Optional<Scale> scale = Scale.byId(entry.getKey());
                if (scale.isEmpty()) {
                    errors.add(new FieldError(at.scale(i, entry.getKey()),
                            "is not an MHCT scale; scales are 1 to 13 and A to E"));
                } else if (entry.getValue() == null) {
                    errors.add(new FieldError(at.scale(i, entry.getKey()), "is missing"));
                } else {
                    String fault = CodeProfile.faultIn(entry.getValue());
                    if (fault != null) {
                        errors.add(new FieldError(at.scale(i, entry.getKey()), fault));
                    } else {
                        byScale.put(scale.get(), entry.getValue());
                    }
                }
            }
            for (Scale scale : Scale.ALL) {
                if (!words.containsKey(scale.id())) {
                    errors.add(new FieldError(at.scale(i, scale.id()),
                            "is missing: a profile needs a cell for every rating 0-4 of all 18 scales"));
                }
            }
            if (errors.size() == before) {
                profile = Optional.of(CodeProfile.of(byScale));
            }
        }
        if (errors.size() > before) {
            return Optional.empty();
        }
        return Optional.of(new SchemeCode(code.code(), code.name().strip(), code.superClass().strip(), period, profile));
    }

    private static void require(String value, Pattern pattern, String rule, String field, List<FieldError> errors) {
        if (blank(value)) {
            errors.add(new FieldError(field, "is required"));
        } else if (!pattern.matcher(value).matches()) {
            errors.add(new FieldError(field, "must be " + rule));
        }
    }

    private static boolean blank(String value) {
        return value == null || value.isBlank();
    }

    /** Either a definition or the faults that prevent one. */
    public record Result(Optional<SchemeDefinition> definition, List<FieldError> errors) {
    }
}
