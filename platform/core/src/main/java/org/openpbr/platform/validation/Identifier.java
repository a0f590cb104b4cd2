package org.openpbr.platform.validation;

import static java.lang.annotation.ElementType.FIELD;
import static java.lang.annotation.ElementType.PARAMETER;
import static java.lang.annotation.ElementType.RECORD_COMPONENT;
import static java.lang.annotation.ElementType.TYPE_USE;
import static java.lang.annotation.RetentionPolicy.RUNTIME;

import java.lang.annotation.Documented;
import java.lang.annotation.Retention;
import java.lang.annotation.Target;
import java.util.regex.Pattern;

import jakarta.validation.Constraint;
import jakarta.validation.ConstraintValidator;
import jakarta.validation.ConstraintValidatorContext;
import jakarta.validation.Payload;

/**
 * An identifier from another system (local id, team, rater or clinician code): 1-64 letters,
 * digits, spaces or {@code . _ / : -}, starting with a letter or digit. Absent or blank is left to
 * {@code @NotBlank}, so a missing required value is reported once, as missing.
 */
@Documented
@Constraint(validatedBy = Identifier.Check.class)
@Target({ FIELD, PARAMETER, RECORD_COMPONENT, TYPE_USE })
@Retention(RUNTIME)
public @interface Identifier {

    Pattern PATTERN = Pattern.compile("[A-Za-z0-9][A-Za-z0-9 ._/:-]{0,63}");
    String RULE = "must be 1-64 letters, digits, spaces or . _ / : - (starting with a letter or digit)";

    String message() default RULE;

    Class<?>[] groups() default {};

    Class<? extends Payload>[] payload() default {};

    final class Check implements ConstraintValidator<Identifier, String> {
        @Override
        public boolean isValid(String value, ConstraintValidatorContext context) {
            return value == null || value.isBlank() || PATTERN.matcher(value).matches();
        }
    }
}
