package com.amdahl.connections.domain.notification;

import static org.assertj.core.api.Assertions.assertThat;

import com.amdahl.connections.domain.health.Health;
import java.util.EnumSet;
import java.util.Set;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.api.Test;

class HealthChangeRuleTest {

    @ParameterizedTest(name = "{0} -> {1}: {2}")
    @CsvSource({
            // the routine of every run: never
            "HEALTHY, SYNCING, false", "SYNCING, HEALTHY, false",
            // syncing is never settled, whatever it comes from or goes to
            "ERROR, SYNCING, false", "SYNCING, ERROR, false", "STALE, SYNCING, false",
            // nothing changed
            "HEALTHY, HEALTHY, false", "ERROR, ERROR, false", "STALE, STALE, false",
            // breakage
            "HEALTHY, NEEDS_REAUTH, true", "HEALTHY, ERROR, true", "HEALTHY, RATE_LIMITED, true",
            "HEALTHY, DEGRADED, true", "HEALTHY, STALE, true", "HEALTHY, DISCONNECTED, true",
            // recovery
            "NEEDS_REAUTH, HEALTHY, true", "ERROR, HEALTHY, true", "RATE_LIMITED, HEALTHY, true",
            "DEGRADED, HEALTHY, true", "STALE, HEALTHY, true", "DISCONNECTED, HEALTHY, true",
            // one trouble for another
            "ERROR, NEEDS_REAUTH, true", "RATE_LIMITED, ERROR, true", "DEGRADED, STALE, true",
            "STALE, DISCONNECTED, true"})
    void a_change_matters_when_it_enters_or_leaves_trouble(Health from, Health to, boolean expected) {
        assertThat(HealthChangeRule.matters(from, to)).isEqualTo(expected);
    }

    @Test
    void the_rule_over_every_pair_is_exactly_enter_or_leave_a_notable_state_without_syncing() {
        Set<Health> notable = EnumSet.of(Health.NEEDS_REAUTH, Health.ERROR, Health.RATE_LIMITED, Health.DEGRADED,
                Health.STALE, Health.DISCONNECTED);
        int notifying = 0;
        for (Health from : Health.values()) {
            for (Health to : Health.values()) {
                boolean expected = from != to && from != Health.SYNCING && to != Health.SYNCING
                        && (notable.contains(from) || notable.contains(to));
                assertThat(HealthChangeRule.matters(from, to)).as(from + " -> " + to).isEqualTo(expected);
                notifying += expected ? 1 : 0;
            }
        }
        // 7 settled states, 42 ordered pairs of distinct ones: every one involves a notable state
        assertThat(notifying).isEqualTo(42);
    }

    @ParameterizedTest(name = "settled {0}, stale announced {1} -> {2}")
    @CsvSource({
            "STALE, false, HEALTHY", "STALE, true, STALE", "HEALTHY, true, STALE", "HEALTHY, false, HEALTHY",
            "ERROR, false, ERROR", "ERROR, true, ERROR", "DISCONNECTED, true, DISCONNECTED"})
    void a_change_starts_from_what_receivers_last_heard(Health settled, boolean announced, Health expected) {
        assertThat(HealthChangeRule.announcedFrom(settled, announced)).isEqualTo(expected);
    }
}
