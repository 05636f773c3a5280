package com.amdahl.connections.adapter.providers.connectors.notion;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;

class RequestPaceTest {
    private final AtomicLong now = new AtomicLong(0);
    private final List<Duration> slept = new ArrayList<>();

    @Test
    void three_per_second_allows_a_burst_of_three_then_one_every_third_of_a_second() {
        RequestPace pace = new RequestPace(3, slept::add, now::get);
        now.set(10_000_000_000L); // idle for a while
        List<Long> waits = new ArrayList<>();
        for (int i = 0; i < 6; i++) {
            waits.add(pace.reserve().toMillis());
        }
        assertThat(waits).containsExactly(0L, 0L, 0L, 333L, 666L, 999L);
    }

    @Test
    void the_average_over_a_long_run_is_the_rate() {
        RequestPace pace = new RequestPace(3, slept::add, now::get);
        Duration last = Duration.ZERO;
        for (int i = 0; i < 300; i++) {
            last = pace.reserve();
        }
        assertThat(last.toMillis()).isBetween(98_000L, 100_000L); // 300 requests take about 100 s
    }

    @Test
    void a_rate_of_zero_turns_the_pace_off() {
        RequestPace pace = new RequestPace(0, slept::add, now::get);
        for (int i = 0; i < 100; i++) {
            pace.await();
        }
        assertThat(slept).isEmpty();
    }
}
