package org.openpbr.platform.validation;

import static java.lang.annotation.ElementType.FIELD;
import static java.lang.annotation.ElementType.PARAMETER;
import static java.lang.annotation.ElementType.RECORD_COMPONENT;
import static java.lang.annotation.ElementType.TYPE_USE;
import static java.lang.annotation.RetentionPolicy.RUNTIME;

import java.lang.annotation.Documented;
import java.lang.annotation.Retention;
import java.lang.annotation.Target;
import java.math.BigDecimal;

import jakarta.validation.Constraint;
import jakarta.validation.ConstraintValidator;
import jakarta.validation.ConstraintValidatorContext;
import jakarta.validation.Payload;

/**
 * A decimal amount (money, units, a percentage) within bounds and with at most {@code scale}
 * decimal places, judged exactly and reported as one fault with one message. Trailing zeros do not
 * count as decimals (12.50 has two, 12.500 too). Null is left to {@code @NotNull}. On a text query
 * parameter, the text must also read as a plain decimal number.
 */
@Documented
@Constraint(validatedBy = { DecimalRange.Check.class, DecimalRange.TextCheck.class })
@Target({ FIELD, PARAMETER, RECORD_COMPONENT, TYPE_USE })
@Retention(RUNTIME)
public @interface DecimalRange {

    String min();

    boolean minInclusive() default true;

    /** Empty for no upper bound. */
    String max() default "";

    boolean maxInclusive() default true;

    int scale();

    String message();

    Class<?>[] groups() default {};

    Class<? extends Payload>[] payload() default {};

    final class Check implements ConstraintValidator<DecimalRange, BigDecimal> {

        private BigDecimal min;
        private BigDecimal max;
        private boolean minInclusive;
        private boolean maxInclusive;
        private int scale;

        @Override
        public void initialize(DecimalRange range) {
            min = new BigDecimal(range.min());
            max = range.max().isEmpty() ? null : new BigDecimal(range.max());
            minInclusive = range.minInclusive();
            maxInclusive = range.maxInclusive();
            scale = range.scale();
        }

        @Override
        public boolean isValid(BigDecimal value, ConstraintValidatorContext context) {
            if (value == null) {
                return true;
            }
            int low = value.compareTo(min);
            if (low < 0 || (low == 0 && !minInclusive)) {
                return false;
            }
            if (max != null) {
                int high = value.compareTo(max);
                if (high > 0 || (high == 0 && !maxInclusive)) {
                    return false;
                }
            }
            return value.stripTrailingZeros().scale() <= scale;
        }
    }

    /** The same rule for a query parameter taken as text. */
    final class TextCheck implements ConstraintValidator<DecimalRange, String> {

        private final Check check = new Check();

        @Override
        public void initialize(DecimalRange range) {
            check.initialize(range);
        }

        @Override
        public boolean isValid(String value, ConstraintValidatorContext context) {
            if (value == null) {
                return true;
            }
            String text = value.strip();
            if (text.isEmpty() || text.length() > 40 || !text.matches("-?[0-9]+(\\.[0-9]+)?")) {
                return false;
            }
            return check.isValid(new BigDecimal(text), context);
        }
    }
}
