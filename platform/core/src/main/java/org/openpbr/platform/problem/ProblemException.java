package org.openpbr.platform.problem;

import java.util.List;

/**
 * Thrown by services for any expected failure; rendered as problem+json with its status.
 * Never carries personal data in its detail (details may be logged).
 */
public class ProblemException extends RuntimeException {

    private static final long serialVersionUID = 1L;

    private final transient Problem problem;
    private final Integer retryAfterSeconds;

    public ProblemException(ProblemType type, String detail) {
        this(Problem.of(type, detail));
    }

    public ProblemException(ProblemType type, String detail, List<FieldError> errors) {
        this(Problem.of(type, detail, errors));
    }

    public ProblemException(Problem problem) {
        this(problem, null);
    }

    private ProblemException(Problem problem, Integer retryAfterSeconds) {
        super(problem.detail(), null, false, false);
        this.problem = problem;
        this.retryAfterSeconds = retryAfterSeconds;
    }

    public Problem problem() {
        return problem;
    }

    /** For a 503: the seconds a caller should wait before retrying (the Retry-After header), else null. */
    public Integer retryAfterSeconds() {
        return retryAfterSeconds;
    }

    /** A service this request depends on is down: 503 with Retry-After. */
    public static ProblemException unavailable(String detail, int retryAfterSeconds) {
        return new ProblemException(Problem.of(ProblemType.SERVICE_UNAVAILABLE, detail), retryAfterSeconds);
    }

    public static ProblemException notFound(String what) {
        return new ProblemException(ProblemType.NOT_FOUND, what + " was not found");
    }

    public static ProblemException conflict(String detail) {
        return new ProblemException(ProblemType.CONFLICT, detail);
    }

    public static ProblemException invalid(List<FieldError> errors) {
        String detail = errors.size() == 1
                ? "1 field is not valid"
                : errors.size() + " fields are not valid";
        return new ProblemException(ProblemType.VALIDATION_FAILED, detail, errors);
    }
}
