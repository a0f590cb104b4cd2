package org.openpbr.clustering.decision;

import static java.lang.annotation.ElementType.RECORD_COMPONENT;
import static java.lang.annotation.ElementType.FIELD;
import static java.lang.annotation.ElementType.PARAMETER;
import static java.lang.annotation.RetentionPolicy.RUNTIME;

import java.lang.annotation.Retention;
import java.lang.annotation.Target;

import jakarta.validation.Constraint;
import jakarta.validation.ConstraintValidator;
import jakarta.validation.ConstraintValidatorContext;
import jakarta.validation.Payload;
import jakarta.validation.constraints.NotNull;

import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.openpbr.clustering.scheme.Scale;

import com.fasterxml.jackson.annotation.JsonProperty;

/**
 * The 18 MHCT ratings as sent over the API: an object keyed by scale ("1" to "13", "A" to "E"),
 * each 0-4 or 9 (not known). Every scale is required, so a missing rating is never mistaken for 0.
 */
@Schema(name = "MhctRatings", description = "The 18 MHCT ratings, keyed by scale: 0 no problem, 1 minor, 2 mild, 3 moderately severe, 4 severe, 9 not known.")
public record RatingsInput(
        @JsonProperty("1") @Schema(required = true, minimum = "0", maximum = "9") @NotNull(message = NOT_RATED) @MhctRating Integer s1,
        @JsonProperty("2") @Schema(required = true, minimum = "0", maximum = "9") @NotNull(message = NOT_RATED) @MhctRating Integer s2,
        @JsonProperty("3") @Schema(required = true, minimum = "0", maximum = "9") @NotNull(message = NOT_RATED) @MhctRating Integer s3,
        @JsonProperty("4") @Schema(required = true, minimum = "0", maximum = "9") @NotNull(message = NOT_RATED) @MhctRating Integer s4,
        @JsonProperty("5") @Schema(required = true, minimum = "0", maximum = "9") @NotNull(message = NOT_RATED) @MhctRating Integer s5,
        @JsonProperty("6") @Schema(required = true, minimum = "0", maximum = "9") @NotNull(message = NOT_RATED) @MhctRating Integer s6,
        @JsonProperty("7") @Schema(required = true, minimum = "0", maximum = "9") @NotNull(message = NOT_RATED) @MhctRating Integer s7,
        @JsonProperty("8") @Schema(required = true, minimum = "0", maximum = "9") @NotNull(message = NOT_RATED) @MhctRating Integer s8,
        @JsonProperty("9") @Schema(required = true, minimum = "0", maximum = "9") @NotNull(message = NOT_RATED) @MhctRating Integer s9,
        @JsonProperty("10") @Schema(required = true, minimum = "0", maximum = "9") @NotNull(message = NOT_RATED) @MhctRating Integer s10,
        @JsonProperty("11") @Schema(required = true, minimum = "0", maximum = "9") @NotNull(message = NOT_RATED) @MhctRating Integer s11,
        @JsonProperty("12") @Schema(required = true, minimum = "0", maximum = "9") @NotNull(message = NOT_RATED) @MhctRating Integer s12,
        @JsonProperty("13") @Schema(required = true, minimum = "0", maximum = "9") @NotNull(message = NOT_RATED) @MhctRating Integer s13,
        @JsonProperty("A") @Schema(required = true, minimum = "0", maximum = "9") @NotNull(message = NOT_RATED) @MhctRating Integer a,
        @JsonProperty("B") @Schema(required = true, minimum = "0", maximum = "9") @NotNull(message = NOT_RATED) @MhctRating Integer b,
        @JsonProperty("C") @Schema(required = true, minimum = "0", maximum = "9") @NotNull(message = NOT_RATED) @MhctRating Integer c,
        @JsonProperty("D") @Schema(required = true, minimum = "0", maximum = "9") @NotNull(message = NOT_RATED) @MhctRating Integer d,
        @JsonProperty("E") @Schema(required = true, minimum = "0", maximum = "9") @NotNull(message = NOT_RATED) @MhctRating Integer e) {

    /** The ratings in scale order (null where absent). */
    Integer[] inOrder() {
        return new Integer[] { s1, s2, s3, s4, s5, s6, s7, s8, s9, s10, s11, s12, s13, a, b, c, d, e };
    }

    /** The ratings, once every scale has passed its annotations. */
    public Ratings toRatings() {
        Integer[] values = inOrder();
        int[] ratings = new int[Scale.COUNT];
        for (int i = 0; i < ratings.length; i++) {
            ratings[i] = values[i];
        }
        return Ratings.of(ratings);
    }

    public static RatingsInput of(Ratings ratings) {
        int[] r = ratings.toArray();
        return new RatingsInput(r[0], r[1], r[2], r[3], r[4], r[5], r[6], r[7], r[8], r[9], r[10], r[11], r[12], r[13], r[14], r[15], r[16], r[17]);
    }

    static final String NOT_RATED = "is required (rate 9 when not known)";

    /** One MHCT rating: 0-4, or 9 for not known. */
    @Constraint(validatedBy = MhctRating.Check.class)
    @Target({ FIELD, PARAMETER, RECORD_COMPONENT })
    @Retention(RUNTIME)
    public @interface MhctRating {

        String message() default "must be 0-4, or 9 for not known";

        Class<?>[] groups() default {};

        Class<? extends Payload>[] payload() default {};

        final class Check implements ConstraintValidator<MhctRating, Integer> {
            @Override
            public boolean isValid(Integer value, ConstraintValidatorContext context) {
                return value == null || Scale.isValidRating(value);
            }
        }
    }
}
