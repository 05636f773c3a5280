package com.amdahl.connections.domain.sync;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import org.junit.jupiter.api.Test;

class RunResultTest {

    @Test
    void a_run_adds_up_what_its_streams_did_and_writes_only_what_changed() {
        RunResult result = RunResult.of(List.of(
                StreamOutcome.succeeded("deals", 0).withRecords(new RecordCounts(3, 2, 0, 40, 0)),
                StreamOutcome.succeeded("persons", 0).withRecords(new RecordCounts(0, 0, 1, 7, 0))));
        assertThat(result.records()).isEqualTo(new RecordCounts(3, 2, 1, 47, 0));
        assertThat(result.recordsWritten()).as("added + updated + deleted").isEqualTo(6);
        assertThat(result.failed()).isFalse();
        assertThat(result.errorMessage()).isNull();
    }

    @Test
    void skipped_records_never_fail_a_stream_and_are_never_silent() {
        RunResult result = RunResult.of(List.of(
                StreamOutcome.succeeded("messages", 0).withRecords(new RecordCounts(10, 0, 0, 0, 2)),
                StreamOutcome.succeeded("labels", 0).withRecords(new RecordCounts(4, 0, 0, 0, 0))));
        assertThat(result.failed()).isFalse();
        assertThat(result.streamsFailed()).isZero();
        assertThat(result.records().skipped()).isEqualTo(2);
        assertThat(result.errorMessage()).isEqualTo("records too large to store were skipped (2 in messages)");

        RunResult degraded = RunResult.of(List.of(
                StreamOutcome.failed("deals", 0, ErrorReason.TRANSIENT, "HTTP 502"),
                StreamOutcome.succeeded("notes", 0).withRecords(new RecordCounts(0, 0, 0, 0, 1))));
        assertThat(degraded.errorMessage()).isEqualTo(
                "1 of 2 streams failed (deals: HTTP 502); records too large to store were skipped (1 in notes)");
    }

    @Test
    void counts_are_never_negative() {
        assertThatThrownBy(() -> new RecordCounts(0, -1, 0, 0, 0)).isInstanceOf(IllegalArgumentException.class);
        assertThat(RecordCounts.written(5)).isEqualTo(new RecordCounts(5, 0, 0, 0, 0));
    }
}
