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
 * An ODS organisation or site code: 3-6 upper-case letters or digits (RX1, 15N, NZ1, RX1AA,
 * A81001). Absent or blank is left to {@code @NotBlank}.
 */
@Documented
@Constraint(validatedBy = OdsCode.Check.class)
@Target({ FIELD, PARAMETER, RECORD_COMPONENT, TYPE_USE })
@Retention(RUNTIME)
public @interface OdsCode {

    Pattern PATTERN = Pattern.compile("[A-Z0-9]{3,6}");
    String RULE = "must be an ODS code: 3-6 upper-case letters or digits, e.g. RX1 or 15N";

    String message() default RULE;

    Class<?>[] groups() default {};

    Class<? extends Payload>[] payload() default {};

    final class Check implements ConstraintValidator<OdsCode, String> {
        @Override
        public boolean isValid(String value, ConstraintValidatorContext context) {
            return value == null || value.isBlank() || PATTERN.matcher(value).matches();
        }
    }
}
