package org.openpbr.platform.logging;

import java.util.IdentityHashMap;
import java.util.Map;

import org.openpbr.platform.nhs.NhsNumberRedaction;

/**
 * A copy of an exception chain for logging, with NHS numbers removed from every message. It keeps
 * the original class names and stack traces so the log stays as useful as the original.
 */
final class RedactedThrowable extends Throwable {

    private static final long serialVersionUID = 1L;

    private final String originalClass;

    private RedactedThrowable(Throwable original, Throwable redactedCause) {
        super(NhsNumberRedaction.redact(original.getMessage()), redactedCause, false, true);
        this.originalClass = original.getClass().getName();
        setStackTrace(original.getStackTrace());
    }

    static boolean needsRedaction(Throwable thrown) {
        Map<Throwable, Boolean> seen = new IdentityHashMap<>();
        for (Throwable t = thrown; t != null && seen.put(t, Boolean.TRUE) == null; t = t.getCause()) {
            String message = t.getMessage();
            if (message != null && !message.equals(NhsNumberRedaction.redact(message))) {
                return true;
            }
            for (Throwable suppressed : t.getSuppressed()) {
                if (needsRedaction(suppressed)) {
                    return true;
                }
            }
        }
        return false;
    }

    static Throwable of(Throwable original) {
        return copy(original, new IdentityHashMap<>());
    }

    private static Throwable copy(Throwable original, Map<Throwable, Throwable> done) {
        Throwable existing = done.get(original);
        if (existing != null) {
            return existing;
        }
        Throwable cause = original.getCause();
        RedactedThrowable copy = new RedactedThrowable(original,
                cause == null || cause == original ? null : copy(cause, done));
        done.put(original, copy);
        for (Throwable suppressed : original.getSuppressed()) {
            copy.addSuppressed(copy(suppressed, done));
        }
        return copy;
    }

    @Override
    public String toString() {
        String message = getLocalizedMessage();
        return message == null ? originalClass : originalClass + ": " + message;
    }
}
