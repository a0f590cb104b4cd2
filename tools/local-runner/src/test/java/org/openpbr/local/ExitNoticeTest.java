package org.openpbr.local;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;

import org.junit.jupiter.api.Test;

class ExitNoticeTest {

    private static String notice(int exit) {
        return LocalRunner.exitNotice(new LocalStack.Exit("costing-service", exit, Path.of("logs", "costing-service.log")));
    }

    @Test
    void a_child_that_fails_is_reported_as_unexpected_with_its_exit_and_log() {
        assertThat(notice(1)).isEqualTo("OpenPbR: costing-service has stopped unexpectedly (exit 1); its log is "
                + Path.of("logs", "costing-service.log") + ". The rest keeps running; Ctrl-C and run again to restart it.");
    }

    @Test
    void a_child_stopped_by_a_signal_says_which() {
        assertThat(notice(130)).contains("was stopped by an interrupt (Ctrl-C, exit 130)").doesNotContain("unexpectedly");
        assertThat(notice(143)).contains("was stopped by a termination signal (exit 143)");
        assertThat(notice(137)).contains("was killed (exit 137; out of memory, or kill -9)");
    }
}
