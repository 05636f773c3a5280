package com.amdahl.connections.application;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.PrintWriter;
import java.io.StringWriter;
import org.junit.jupiter.api.Test;

class RedactedTraceTest {
    @Test
    void keeps_class_names_and_frames_of_every_cause_but_no_message() {
        IllegalStateException root = new IllegalStateException("root CANARY");
        IllegalArgumentException failure = new IllegalArgumentException("invalid header value: \"key-CANARY\"", root);

        RedactedTrace redacted = RedactedTrace.of(failure);

        StringWriter printed = new StringWriter();
        redacted.printStackTrace(new PrintWriter(printed));
        assertThat(printed.toString()).doesNotContain("CANARY")
                .contains("java.lang.IllegalArgumentException", "java.lang.IllegalStateException");
        assertThat(redacted.getStackTrace()).isEqualTo(failure.getStackTrace());
        assertThat(redacted.getCause().getStackTrace()).isEqualTo(root.getStackTrace());
    }

    @Test
    void a_cause_cycle_ends() {
        IllegalStateException a = new IllegalStateException("a");
        IllegalArgumentException b = new IllegalArgumentException("b", a);
        a.initCause(b);
        assertThat(RedactedTrace.of(b).getCause().getCause()).isNull();
    }
}
