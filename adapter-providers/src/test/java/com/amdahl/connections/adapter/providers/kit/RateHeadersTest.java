package com.amdahl.connections.adapter.providers.kit;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class RateHeadersTest {
    private static final Instant NOW = Instant.parse("2026-12-01T10:00:00Z");

    private static Map<String, List<String>> headers(String... pairs) {
        java.util.Map<String, List<String>> map = new java.util.HashMap<>();
        for (int i = 0; i < pairs.length; i += 2) {
            map.put(pairs[i], List.of(pairs[i + 1]));
        }
        return map;
    }

    @Test
    void a_spent_window_holds_requests_until_its_reset_in_each_providers_dialect() {
        assertThat(RateHeaders.notBefore(headers("x-ratelimit-remaining", "0", "x-ratelimit-reset", "2"), NOW))
                .as("Pipedrive: seconds").contains(NOW.plusSeconds(2));
        assertThat(RateHeaders.notBefore(headers("RateLimit-Remaining", "0", "RateLimit-Reset", "30"), NOW))
                .as("Fathom: seconds").contains(NOW.plusSeconds(30));
        assertThat(RateHeaders.notBefore(headers("X-AircallApi-Remaining", "0", "X-AircallApi-Reset",
                String.valueOf(NOW.getEpochSecond() + 60)), NOW)).as("Aircall: epoch").contains(NOW.plusSeconds(60));
        assertThat(RateHeaders.notBefore(headers("x-rate-limit-remaining", "0", "x-rate-limit-reset",
                String.valueOf(NOW.plusSeconds(900).toEpochMilli())), NOW)).as("epoch millis").contains(NOW.plusSeconds(900));
        assertThat(RateHeaders.notBefore(headers("X-HubSpot-RateLimit-Secondly-Remaining", "0"), NOW))
                .as("HubSpot: a one-second window").contains(NOW.plusSeconds(1));
    }

    @Test
    void requests_left_or_unreadable_headers_change_nothing() {
        assertThat(RateHeaders.notBefore(headers("x-ratelimit-remaining", "3", "x-ratelimit-reset", "2"), NOW)).isEmpty();
        assertThat(RateHeaders.notBefore(headers("x-ratelimit-remaining", "zero", "x-ratelimit-reset", "2"), NOW)).isEmpty();
        assertThat(RateHeaders.notBefore(headers("x-ratelimit-remaining", "0"), NOW)).as("no reset: a 429 will say").isEmpty();
        assertThat(RateHeaders.notBefore(headers(), NOW)).isEmpty();
    }
}
