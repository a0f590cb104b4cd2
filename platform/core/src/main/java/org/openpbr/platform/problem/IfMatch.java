package org.openpbr.platform.problem;

/**
 * Conditional updates (API conventions: mutable resources carry an ETag, updates need If-Match):
 * 428 when the header is missing, 412 when it names another state than the stored one.
 */
public final class IfMatch {

    private IfMatch() {
    }

    /** 428 unless the request sent If-Match; {@code detail} tells the caller where to read the ETag. */
    public static void requirePresent(String ifMatch, String detail) {
        if (ifMatch == null || ifMatch.isBlank()) {
            throw new ProblemException(ProblemType.PRECONDITION_REQUIRED, detail);
        }
    }

    /** 412 unless If-Match names this ETag; {@code detail} says what changed. */
    public static void requireMatch(String ifMatch, String etag, String detail) {
        if (!ifMatch.strip().equals(etag)) {
            throw new ProblemException(ProblemType.PRECONDITION_FAILED, detail);
        }
    }
}
