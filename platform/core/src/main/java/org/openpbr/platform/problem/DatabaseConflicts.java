package org.openpbr.platform.problem;

import java.sql.SQLException;
import java.util.IdentityHashMap;
import java.util.Map;

import jakarta.persistence.OptimisticLockException;

import org.hibernate.StaleStateException;

/**
 * Recognises the failures that mean "your request conflicts with what is stored", wherever
 * Hibernate or the JDBC driver wrapped them, so they are a 409 rather than an internal error. The
 * database's own message (which quotes the conflicting values) is never passed on.
 */
final class DatabaseConflicts {

    /** PostgreSQL SQLSTATE codes. */
    static final String UNIQUE_VIOLATION = "23505";
    static final String FOREIGN_KEY_VIOLATION = "23503";

    private DatabaseConflicts() {
    }

    /** The conflict problem for this failure, or null when it is not a conflict. */
    static Problem problemFor(Throwable failure) {
        Map<Throwable, Boolean> seen = new IdentityHashMap<>();
        for (Throwable t = failure; t != null && seen.put(t, Boolean.TRUE) == null; t = t.getCause()) {
            if (t instanceof OptimisticLockException || t instanceof StaleStateException) {
                return Problem.of(ProblemType.CONFLICT,
                        "The record was changed by someone else meanwhile; fetch it again and retry");
            }
            if (t instanceof SQLException sql) {
                if (UNIQUE_VIOLATION.equals(sql.getSQLState())) {
                    return Problem.of(ProblemType.CONFLICT,
                            "A record with the same identifying values already exists");
                }
                if (FOREIGN_KEY_VIOLATION.equals(sql.getSQLState())) {
                    return Problem.of(ProblemType.CONFLICT,
                            "The request refers to a record that does not exist, or removes one that others refer to");
                }
            }
        }
        return null;
    }
}
