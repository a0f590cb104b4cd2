package org.openpbr.platform.validation;

import static java.lang.annotation.ElementType.TYPE;
import static java.lang.annotation.RetentionPolicy.RUNTIME;

import java.lang.annotation.Documented;
import java.lang.annotation.Retention;
import java.lang.annotation.Target;
import java.util.List;

import jakarta.validation.Constraint;
import jakarta.validation.ConstraintValidator;
import jakarta.validation.ConstraintValidatorContext;
import jakarta.validation.Payload;

import org.openpbr.platform.problem.FieldError;

/** Reports a {@link CrossFieldRules} request's cross-field faults as violations of the fields they name. */
@Documented
@Constraint(validatedBy = CrossFieldChecked.Check.class)
@Target(TYPE)
@Retention(RUNTIME)
public @interface CrossFieldChecked {

    String message() default "is not consistent with the other fields";

    Class<?>[] groups() default {};

    Class<? extends Payload>[] payload() default {};

    final class Check implements ConstraintValidator<CrossFieldChecked, CrossFieldRules> {
        @Override
        public boolean isValid(CrossFieldRules value, ConstraintValidatorContext context) {
            if (value == null) {
                return true;
            }
            List<FieldError> faults = value.crossFieldFaults();
            if (faults.isEmpty()) {
                return true;
            }
            context.disableDefaultConstraintViolation();
            for (FieldError fault : faults) {
                // The message is the rule's own text, not a template: escape what the interpolator would expand.
                String literal = fault.message().replace("\\", "\\\\").replace("{", "\\{").replace("}", "\\}")
                        .replace("$", "\\$");
                context.buildConstraintViolationWithTemplate(literal).addPropertyNode(fault.field())
                        .addConstraintViolation();
            }
            return false;
        }
    }
}
