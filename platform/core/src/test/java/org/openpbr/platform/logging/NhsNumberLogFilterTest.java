package org.openpbr.platform.logging;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.util.logging.Level;

import org.jboss.logmanager.ExtLogRecord;
import org.junit.jupiter.api.Test;

class NhsNumberLogFilterTest {

    private final NhsNumberLogFilter filter = new NhsNumberLogFilter();

    private static String printed(Throwable t) {
        StringWriter out = new StringWriter();
        t.printStackTrace(new PrintWriter(out));
        return out.toString();
    }

    @Test
    void a_number_passed_as_a_log_parameter_is_redacted_and_the_record_still_logged() {
        ExtLogRecord record = new ExtLogRecord(Level.INFO, "loading patient %s", ExtLogRecord.FormatStyle.PRINTF,
                getClass().getName());
        record.setParameters(new Object[] { "9434765919" });
        assertThat(filter.isLoggable(record)).isTrue();
        assertThat(NhsNumberLogFilter.formatted(record)).isEqualTo("loading patient [NHS number redacted]");
    }

    @Test
    void numbers_in_an_exception_chain_are_redacted_keeping_classes_and_stack() {
        IllegalStateException cause = new IllegalStateException("Key (nhs_number)=(943 476 5919) already exists");
        RuntimeException top = new RuntimeException("insert failed", cause);
        ExtLogRecord record = new ExtLogRecord(Level.SEVERE, "failure", getClass().getName());
        record.setThrown(top);
        filter.isLoggable(record);
        String logged = printed(record.getThrown());
        assertThat(logged).doesNotContain("943 476 5919")
                .contains("java.lang.RuntimeException: insert failed")
                .contains("Caused by: java.lang.IllegalStateException: Key (nhs_number)=([NHS number redacted])")
                .contains("NhsNumberLogFilterTest");
    }

    @Test
    void records_without_numbers_are_untouched() {
        RuntimeException thrown = new RuntimeException("plain failure 12345");
        ExtLogRecord record = new ExtLogRecord(Level.WARNING, "nothing personal", getClass().getName());
        record.setThrown(thrown);
        filter.isLoggable(record);
        assertThat(NhsNumberLogFilter.formatted(record)).isEqualTo("nothing personal");
        assertThat(record.getThrown()).isSameAs(thrown);
    }
}
