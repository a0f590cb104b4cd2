package org.openpbr.platform.problem;

import java.net.URI;
import java.util.List;

import com.fasterxml.jackson.annotation.JsonInclude;

/**
 * An RFC 9457 problem details body. Every 4xx and 5xx response of every OpenPbR service carries
 * one, as {@code application/problem+json}; its schema is published once in api-specs/common.yaml.
 *
 * @param type     identifies the kind of problem; stable, documented in docs/errors.md
 * @param title    short human summary of the kind of problem, the same for every occurrence
 * @param status   the HTTP status code
 * @param detail   what went wrong in this occurrence, in words a caller can act on
 * @param instance identifies this occurrence (for a 500, the incident id to quote to support)
 * @param errors   for invalid input: every fault found, not only the first
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record Problem(URI type, String title, int status, String detail, String instance, List<FieldError> errors) {

    public static final String MEDIA_TYPE = "application/problem+json";

    public Problem {
        errors = errors == null || errors.isEmpty() ? null : List.copyOf(errors);
    }

    public static Problem of(ProblemType type, String detail) {
        return new Problem(type.uri(), type.title(), type.status(), detail, null, null);
    }

    public static Problem of(ProblemType type, String detail, List<FieldError> errors) {
        return new Problem(type.uri(), type.title(), type.status(), detail, null, errors);
    }

    public Problem withInstance(String occurrence) {
        return new Problem(type, title, status, detail, occurrence, errors);
    }
}
