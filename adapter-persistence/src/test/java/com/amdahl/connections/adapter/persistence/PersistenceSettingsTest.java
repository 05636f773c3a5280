package com.amdahl.connections.adapter.persistence;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
import java.util.Map;
import org.junit.jupiter.api.Test;

class PersistenceSettingsTest {

    @Test
    void to_string_shows_neither_password_nor_keys() {
        byte[] key = "0123456789abcdef0123456789abcdef".getBytes(StandardCharsets.US_ASCII);
        PersistenceSettings settings = new PersistenceSettings("jdbc:postgresql://db/app?password=p4ss", "app",
                "p4ss-word", 5, Map.of("2026-01", key), "2026-01");

        assertThat(settings.toString()).contains("2026-01").doesNotContain("p4ss")
                .doesNotContain("0123456789abcdef");
    }

    @Test
    void keys_must_be_32_bytes_and_the_current_one_must_exist() {
        assertThatThrownBy(() -> new PersistenceSettings("jdbc:h2:mem:x", "sa", "", 1, Map.of("k", new byte[16]), "k"))
                .hasMessageContaining("32 bytes");
        assertThatThrownBy(() -> new PersistenceSettings("jdbc:h2:mem:x", "sa", "", 1,
                Map.of("k", Backend.KEY_A), "other")).hasMessageContaining("no key");
        assertThatThrownBy(() -> new PersistenceSettings("jdbc:h2:mem:x", "sa", "", 0,
                Map.of("k", Backend.KEY_A), "k")).hasMessageContaining("maxPoolSize");
    }

    @Test
    void keys_are_copied() {
        byte[] key = Backend.key(9);
        PersistenceSettings settings = new PersistenceSettings("jdbc:h2:mem:x", "sa", "", 1, Map.of("k", key), "k");
        key[0] ^= 1;

        assertThat(settings.secretKeys().get("k")).isEqualTo(Backend.key(9));
    }

    @Test
    void only_an_h2_database_without_auto_server_is_held_by_one_process() {
        java.util.function.Predicate<String> exclusive = url -> new PersistenceSettings(url, null, null, 1,
                Map.of("k", Backend.KEY_A), "k").exclusive();
        assertThat(PersistenceSettings.DEFAULT_H2_URL).doesNotContainIgnoringCase("AUTO_SERVER");
        assertThat(exclusive.test(PersistenceSettings.DEFAULT_H2_URL)).isTrue();
        assertThat(exclusive.test("jdbc:h2:file:/srv/data/x")).isTrue();
        assertThat(exclusive.test("jdbc:h2:mem:x;DB_CLOSE_DELAY=-1")).isTrue();
        assertThat(exclusive.test("jdbc:h2:file:./data/x;AUTO_SERVER=TRUE")).isFalse();
        assertThat(exclusive.test("jdbc:h2:file:./data/x;auto_server=true;WRITE_DELAY=0")).isFalse();
        assertThat(exclusive.test("jdbc:h2:tcp://127.0.0.1:9092/x")).isFalse();
        assertThat(exclusive.test("jdbc:postgresql://127.0.0.1/app")).isFalse();
    }
}
