package com.amdahl.connections.domain.sync;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class DataSubjectTest {
    private static final DataSubject ANN = DataSubject.parse("Ann@Acme.com").orElseThrow();

    @ParameterizedTest(name = "{0} holds ann@acme.com: {1}")
    @CsvSource(delimiter = '|', value = {
            "{\"to\":\"Ann <ann@acme.com>\"}|true",
            "{\"email\":\"ANN@ACME.COM\"}|true",
            "mailto:ann@acme.com|true",
            "write to ann@acme.com.|true",
            "{\"cc\":[\"bob@acme.com\",\"ann@acme.com\"]}|true",
            "joann@acme.com|false",
            "ann@acme.com.au|false",
            "ann@acme.company|false",
            "ann.smith@acme.com|false",
            "no address here|false",
            "ann at acme.com|false"})
    void a_record_holds_the_subject_only_as_a_whole_address(String text, boolean holds) {
        assertThat(ANN.foundIn(text)).isEqualTo(holds);
        assertThat(DataSubject.hashesIn(text).contains(ANN.sha256())).isEqualTo(holds);
    }

    @ParameterizedTest(name = "\"{0}\" is a subject: {1}")
    @CsvSource(delimiter = '|', value = {
            "ann@acme.com|true", " Ann@Acme.COM |true", "a.b+tag@mail.example.org|true",
            "ann|false", "ann@|false", "@acme.com|false", "ann@acme|false", "ann@acme.com bob@acme.com|false",
            "ann@@acme.com|false", "<ann@acme.com>|false"})
    void a_subject_is_one_e_mail_address(String raw, boolean valid) {
        assertThat(DataSubject.parse(raw)).as(raw).matches(p -> p.isPresent() == valid);
    }

    @org.junit.jupiter.api.Test
    void the_subject_never_shows_its_address_and_a_long_run_of_letters_is_scanned_in_linear_time() {
        assertThat(ANN.toString()).doesNotContain("ann").doesNotContain("acme");
        String huge = "x".repeat(5_000_000) + "@" + "y".repeat(5_000_000);
        long start = System.nanoTime();
        assertThat(DataSubject.hashesIn(huge)).isEmpty();
        assertThat(System.nanoTime() - start).as("bounded, not quadratic").isLessThan(5_000_000_000L);
    }
}
