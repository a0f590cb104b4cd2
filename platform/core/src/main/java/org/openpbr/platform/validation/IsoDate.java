package org.openpbr.platform.validation;

import static java.lang.annotation.ElementType.FIELD;
import static java.lang.annotation.ElementType.PARAMETER;
import static java.lang.annotation.RetentionPolicy.RUNTIME;

import java.lang.annotation.Documented;
import java.lang.annotation.Retention;
import java.lang.annotation.Target;
import java.time.LocalDate;
import java.time.format.DateTimeParseException;

import jakarta.validation.Constraint;
import jakarta.validation.ConstraintValidator;
import jakarta.validation.ConstraintValidatorContext;
import jakarta.validation.Payload;

import org.openpbr.platform.json.StrictScalars;

/**
 * A date query parameter, taken as text so that a malformed one is a 400 naming it (JAX-RS would
 * answer 404 for a parameter it cannot convert): YYYY-MM-DD, within the dates the suite accepts.
 * Absent is left to {@code @NotNull}. Read it with {@link Parse#of(String)} once it has passed.
 */
@Documented
@Constraint(validatedBy = IsoDate.Check.class)
@Target({ FIELD, PARAMETER })
@Retention(RUNTIME)
public @interface IsoDate {

    String message() default "must be a date as YYYY-MM-DD";

    Class<?>[] groups() default {};

    Class<? extends Payload>[] payload() default {};

    /** Reads a parameter that has passed. */
    final class Parse {
        private Parse() {
        }

        /** The date a valid parameter names, or null when it is absent. */
        public static LocalDate of(String text) {
            return text == null ? null : LocalDate.parse(text.strip());
        }
    }

    final class Check implements ConstraintValidator<IsoDate, String> {
        @Override
        public boolean isValid(String value, ConstraintValidatorContext context) {
            if (value == null) {
                return true;
            }
            LocalDate date;
            try {
                date = LocalDate.parse(value.strip());
            } catch (DateTimeParseException e) {
                return false;
            }
            String fault = StrictScalars.dateFault(date);
            if (fault != null) {
                context.disableDefaultConstraintViolation();
                context.buildConstraintViolationWithTemplate(fault).addConstraintViolation();
                return false;
            }
            return true;
        }
    }
}
