package org.openpbr.platform.validation;

import static java.lang.annotation.ElementType.FIELD;
import static java.lang.annotation.ElementType.PARAMETER;
import static java.lang.annotation.RetentionPolicy.RUNTIME;

import java.lang.annotation.Documented;
import java.lang.annotation.Retention;
import java.lang.annotation.Target;

import jakarta.validation.Constraint;
import jakarta.validation.ConstraintValidator;
import jakarta.validation.ConstraintValidatorContext;
import jakarta.validation.Payload;

/**
 * A whole-number query parameter, taken as text so that {@code ?days=two} is a 400 naming it
 * (JAX-RS would answer 404 for a parameter it cannot convert). Absent is left to {@code @NotNull}.
 */
@Documented
@Constraint(validatedBy = WholeNumber.Check.class)
@Target({ FIELD, PARAMETER })
@Retention(RUNTIME)
public @interface WholeNumber {

    long min();

    long max();

    String message() default "must be a whole number from {min} to {max}";

    Class<?>[] groups() default {};

    Class<? extends Payload>[] payload() default {};

    final class Check implements ConstraintValidator<WholeNumber, String> {

        private long min;
        private long max;

        @Override
        public void initialize(WholeNumber range) {
            min = range.min();
            max = range.max();
        }

        @Override
        public boolean isValid(String value, ConstraintValidatorContext context) {
            if (value == null) {
                return true;
            }
            String text = value.strip();
            if (text.isEmpty() || text.length() > 18 || !text.chars().allMatch(c -> c >= '0' && c <= '9')) {
                return false;
            }
            long n = Long.parseLong(text);
            return n >= min && n <= max;
        }
    }
}
