package org.openpbr.platform.nhs;

import static java.lang.annotation.ElementType.FIELD;
import static java.lang.annotation.ElementType.PARAMETER;
import static java.lang.annotation.ElementType.RECORD_COMPONENT;
import static java.lang.annotation.ElementType.TYPE_USE;
import static java.lang.annotation.RetentionPolicy.RUNTIME;

import java.lang.annotation.Documented;
import java.lang.annotation.Retention;
import java.lang.annotation.Target;

import jakarta.validation.Constraint;
import jakarta.validation.Payload;

/** The annotated string, when present, is a valid NHS number (modulus 11). Null is left to {@code @NotNull}. */
@Documented
@Constraint(validatedBy = ValidNhsNumberValidator.class)
@Target({ FIELD, PARAMETER, RECORD_COMPONENT, TYPE_USE })
@Retention(RUNTIME)
public @interface ValidNhsNumber {

    String message() default "is not a valid NHS number (10 digits with a modulus 11 check digit)";

    Class<?>[] groups() default {};

    Class<? extends Payload>[] payload() default {};
}
