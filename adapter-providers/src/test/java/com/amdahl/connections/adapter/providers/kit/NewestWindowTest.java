package com.amdahl.connections.adapter.providers.kit;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.OptionalLong;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class NewestWindowTest {

    @ParameterizedTest(name = "{0} -> {1}")
    @CsvSource(delimiter = '|', value = {
            "{\"id\":\"1460323737035677698\"}|1460323737035677698",
            "{\"id\":42}|42",
            "{\"id\":\"\"}|",
            "{\"id\":\"12a\"}|",
            "{\"id\":\"99999999999999999999\"}|",
            "{\"text\":\"no id\"}|",
            "not json|",
            "[1,2]|"})
    void a_number_field_or_no_key(String payload, Long key) {
        assertThat(NewestWindow.byNumber("id").keyOf(payload))
                .isEqualTo(key == null ? OptionalLong.empty() : OptionalLong.of(key));
    }

    @ParameterizedTest(name = "{0} -> {1}")
    @CsvSource(delimiter = '|', value = {
            "{\"created_at\":\"2026-12-01T10:00:00Z\"}|1796119200000",
            "{\"created_at\":\"2026-12-01T10:00:00.123Z\"}|1796119200123",
            "{\"created_at\":\"yesterday\"}|",
            "{\"created_at\":null}|",
            "{}|"})
    void an_instant_field_or_no_key(String payload, Long key) {
        assertThat(NewestWindow.byInstant("created_at").keyOf(payload))
                .isEqualTo(key == null ? OptionalLong.empty() : OptionalLong.of(key));
    }
}
