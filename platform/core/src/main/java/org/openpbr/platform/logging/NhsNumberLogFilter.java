package org.openpbr.platform.logging;

import java.text.MessageFormat;
import java.util.Arrays;
import java.util.logging.Filter;
import java.util.logging.LogRecord;

import org.jboss.logmanager.ExtLogRecord;
import org.openpbr.platform.nhs.NhsNumberRedaction;

import io.quarkus.logging.LoggingFilter;

/**
 * Keeps NHS numbers out of every log line, whatever logged them (our code, Hibernate echoing a
 * constraint violation, a driver message): the formatted message and every exception message in
 * the chain are redacted before any handler writes them. Enabled for the console in the shared
 * configuration ({@code quarkus.log.console.filter}).
 */
@LoggingFilter(name = NhsNumberLogFilter.NAME)
public final class NhsNumberLogFilter implements Filter {

    public static final String NAME = "nhs-number-redaction";

    @Override
    public boolean isLoggable(LogRecord record) {
        if (fewerThanTenDigits(record)) {
            // Every record passes here: skip formatting (which the handler does again) when the
            // message and its parameters together cannot hold an NHS number.
            redactThrown(record);
            return true;
        }
        String formatted = formatted(record);
        String redacted = NhsNumberRedaction.redact(formatted);
        if (redacted != null && !redacted.equals(formatted)) {
            if (record instanceof ExtLogRecord ext) {
                ext.setMessage(redacted, ExtLogRecord.FormatStyle.NO_FORMAT);
            } else {
                record.setMessage(redacted);
            }
            record.setParameters(null);
        }
        redactThrown(record);
        return true;
    }

    private static void redactThrown(LogRecord record) {
        Throwable thrown = record.getThrown();
        if (thrown != null && RedactedThrowable.needsRedaction(thrown)) {
            record.setThrown(RedactedThrowable.of(thrown));
        }
    }

    static boolean fewerThanTenDigits(LogRecord record) {
        int digits = digits(record.getMessage());
        Object[] parameters = record.getParameters();
        if (parameters != null) {
            for (int i = 0; i < parameters.length && digits < 10; i++) {
                Object p = parameters[i];
                // Numbers and dates are printed in full; anything else is counted by its text.
                digits += p == null ? 0 : digits(String.valueOf(p));
            }
        }
        return digits < 10;
    }

    private static int digits(String text) {
        if (text == null) {
            return 0;
        }
        int count = 0;
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            if (c >= '0' && c <= '9') {
                count++;
            }
        }
        return count;
    }

    /** The message as a handler would print it: printf style for JBoss Logging, {0} style otherwise. */
    static String formatted(LogRecord record) {
        String message = record.getMessage();
        Object[] parameters = record.getParameters();
        if (message == null || parameters == null || parameters.length == 0) {
            return message;
        }
        try {
            if (record instanceof ExtLogRecord ext && ext.getFormatStyle() == ExtLogRecord.FormatStyle.PRINTF) {
                return String.format(message, parameters);
            }
            return MessageFormat.format(message, parameters);
        } catch (IllegalArgumentException e) {
            return message + " " + Arrays.toString(parameters);
        }
    }
}
