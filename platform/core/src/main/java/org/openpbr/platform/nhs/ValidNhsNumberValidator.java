package org.openpbr.platform.nhs;

import jakarta.validation.ConstraintValidator;
import jakarta.validation.ConstraintValidatorContext;

public class ValidNhsNumberValidator implements ConstraintValidator<ValidNhsNumber, String> {

    @Override
    public boolean isValid(String value, ConstraintValidatorContext context) {
        return value == null || NhsNumber.isValid(value);
    }
}
