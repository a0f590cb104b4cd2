package org.openpbr.platform.validation;

import java.util.List;

import org.openpbr.platform.problem.FieldError;

/**
 * A request whose fields constrain each other. The faults come from the feature's pure
 * {@code rule/} code; {@link CrossFieldChecked} reports them with the field-level violations, so one
 * 400 lists every fault. Fields are named relative to the request; a rule must tolerate fields that
 * are missing or invalid on their own (those are reported by their own annotations).
 */
public interface CrossFieldRules {

    List<FieldError> crossFieldFaults();
}
