package com.amdahl.connections.domain.notification;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.time.Instant;
import org.junit.jupiter.api.Test;

class DeliveryBackoffTest {
    private static final Instant WRITTEN = Instant.parse("2026-12-01T00:00:00Z");

    @Test
    void delays_double_from_ten_seconds_up_to_an_hour() {
        assertThat(DeliveryBackoff.delay(1)).isEqualTo(Duration.ofSeconds(10));
        assertThat(DeliveryBackoff.delay(2)).isEqualTo(Duration.ofSeconds(20));
        assertThat(DeliveryBackoff.delay(3)).isEqualTo(Duration.ofSeconds(40));
        assertThat(DeliveryBackoff.delay(10)).isEqualTo(Duration.ofHours(1));
        assertThat(DeliveryBackoff.delay(1_000)).isEqualTo(Duration.ofHours(1));
    }

    @Test
    void jitter_spreads_the_wait_over_the_upper_half_of_the_delay() {
        assertThat(DeliveryBackoff.nextAttempt(2, WRITTEN, WRITTEN, 0.0)).contains(WRITTEN.plusSeconds(10));
        assertThat(DeliveryBackoff.nextAttempt(2, WRITTEN, WRITTEN, 0.5)).contains(WRITTEN.plusSeconds(15));
        assertThat(DeliveryBackoff.nextAttempt(2, WRITTEN, WRITTEN, 0.999).orElseThrow())
                .isBefore(WRITTEN.plusSeconds(20));
    }

    @Test
    void a_delivery_is_given_up_when_the_next_attempt_would_fall_after_24_hours() {
        Instant late = WRITTEN.plus(Duration.ofHours(23).plusMinutes(50));
        assertThat(DeliveryBackoff.nextAttempt(12, WRITTEN, late, 0.0)).isEmpty();
        assertThat(DeliveryBackoff.nextAttempt(1, WRITTEN, late, 0.0)).contains(late.plusSeconds(5));
    }

    @Test
    void jitter_outside_the_unit_interval_is_refused() {
        assertThatThrownBy(() -> DeliveryBackoff.nextAttempt(1, WRITTEN, WRITTEN, 1.0))
                .isInstanceOf(IllegalArgumentException.class);
    }
}
