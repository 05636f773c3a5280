package com.amdahl.connections.domain.health;

import static org.assertj.core.api.Assertions.assertThat;

import com.amdahl.connections.domain.connection.ConnectionStatus;
import com.amdahl.connections.domain.sync.ErrorReason;
import com.amdahl.connections.domain.sync.RunOutcome;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

class HealthPolicyTest {
    static final Instant NOW = Instant.parse("2026-11-26T12:00:00Z");
    static final Duration THRESHOLD = Duration.ofHours(48);
    static final HealthPolicy POLICY = new HealthPolicy(THRESHOLD);
    static final Instant FRESH = NOW.minus(Duration.ofHours(1));
    static final Instant OLD = NOW.minus(Duration.ofHours(49));

    /** The seed's table, written independently of the policy: the first row that applies wins. */
    static Health expected(HealthFacts f, Instant now) {
        if (f.status() == ConnectionStatus.DISCONNECTED) {
            return Health.DISCONNECTED;
        }
        if (f.needsReauth()) {
            return Health.NEEDS_REAUTH;
        }
        if (f.syncing()) {
            return Health.SYNCING;
        }
        RunOutcome last = f.lastOutcome();
        if (last != null && last.failed() && last.errorReason() == ErrorReason.RATE_LIMIT) {
            return Health.RATE_LIMITED;
        }
        if (f.status() == ConnectionStatus.ERROR || (last != null && last.failed())) {
            return Health.ERROR;
        }
        if (last != null && !last.failed() && last.streamsFailed() > 0) {
            return Health.DEGRADED;
        }
        Instant reference = f.lastSyncedAt() != null ? f.lastSyncedAt() : f.connectedAt();
        if (f.status() == ConnectionStatus.CONNECTED && Duration.between(reference, now).compareTo(THRESHOLD) > 0) {
            return Health.STALE;
        }
        return Health.HEALTHY;
    }

    static List<RunOutcome> outcomes() {
        List<RunOutcome> all = new ArrayList<>();
        all.add(null);
        all.add(new RunOutcome(false, 0, null, FRESH));
        all.add(new RunOutcome(false, 2, null, FRESH));
        for (ErrorReason reason : ErrorReason.values()) {
            all.add(new RunOutcome(true, 3, reason, FRESH));
        }
        return all;
    }

    static Stream<HealthFacts> everyInput() {
        List<HealthFacts> rows = new ArrayList<>();
        for (ConnectionStatus status : ConnectionStatus.values()) {
            for (boolean syncing : new boolean[] {false, true}) {
                for (boolean reauth : new boolean[] {false, true}) {
                    for (RunOutcome outcome : outcomes()) {
                        for (Instant synced : new Instant[] {null, FRESH, OLD}) {
                            for (Instant connected : new Instant[] {FRESH, OLD}) {
                                rows.add(new HealthFacts(status, OLD, reauth, syncing, syncing ? FRESH : null, outcome,
                                        synced, connected));
                            }
                        }
                    }
                }
            }
        }
        return rows.stream();
    }

    @ParameterizedTest
    @MethodSource("everyInput")
    void health_is_the_first_applicable_rule_of_the_seed(HealthFacts facts) {
        assertThat(POLICY.evaluate(facts, NOW).health()).isEqualTo(expected(facts, NOW));
    }

    @Test
    void the_exhaustive_table_reaches_every_health_value() {
        assertThat(everyInput().map(f -> POLICY.evaluate(f, NOW).health()).distinct())
                .containsExactlyInAnyOrder(Health.values());
    }

    private static HealthFacts connected(RunOutcome outcome, Instant lastSynced) {
        return new HealthFacts(ConnectionStatus.CONNECTED, OLD, false, false, null, outcome, lastSynced, OLD);
    }

    @Test
    void pending_with_no_run_is_healthy_and_says_to_wait() {
        var report = POLICY.evaluate(new HealthFacts(ConnectionStatus.PENDING, FRESH, false, false, null, null, null, null), NOW);
        assertThat(report.health()).isEqualTo(Health.HEALTHY);
        assertThat(report.detail().reason()).isEqualTo("Waiting for the provider authorization to complete");
        assertThat(report.detail().nextAction()).isEqualTo(NextAction.WAIT);
    }

    @Test
    void paused_is_healthy_and_says_to_resume() {
        var report = POLICY.evaluate(new HealthFacts(ConnectionStatus.PAUSED, FRESH, false, false, null, null, FRESH, OLD), NOW);
        assertThat(report.health()).isEqualTo(Health.HEALTHY);
        assertThat(report.detail().reason()).isEqualTo("Paused by an admin");
        assertThat(report.detail().nextAction()).isEqualTo(NextAction.RESUME);
    }

    @Test
    void next_actions_follow_contract_9_4() {
        assertThat(POLICY.evaluate(new HealthFacts(ConnectionStatus.DISCONNECTED, OLD, false, false, null, null, null, OLD), NOW)
                .detail().nextAction()).isEqualTo(NextAction.RECONNECT);
        assertThat(POLICY.evaluate(new HealthFacts(ConnectionStatus.CONNECTED, OLD, true, false, null, null, FRESH, OLD), NOW)
                .detail().nextAction()).isEqualTo(NextAction.RECONNECT);
        assertThat(POLICY.evaluate(new HealthFacts(ConnectionStatus.SYNCING, OLD, false, true, FRESH, null, null, OLD), NOW)
                .detail().nextAction()).isEqualTo(NextAction.WAIT);
        assertThat(POLICY.evaluate(connected(new RunOutcome(true, 1, ErrorReason.RATE_LIMIT, FRESH), FRESH), NOW)
                .detail().nextAction()).isEqualTo(NextAction.WAIT);
        for (ErrorReason reason : List.of(ErrorReason.AUTH, ErrorReason.CONFIG)) {
            var facts = new HealthFacts(ConnectionStatus.ERROR, OLD, false, false, null, new RunOutcome(true, 1, reason, FRESH), FRESH, OLD);
            assertThat(POLICY.evaluate(facts, NOW).detail().nextAction()).isEqualTo(NextAction.RECONNECT);
        }
        for (ErrorReason reason : List.of(ErrorReason.TRANSIENT, ErrorReason.UNKNOWN)) {
            var facts = new HealthFacts(ConnectionStatus.ERROR, OLD, false, false, null, new RunOutcome(true, 1, reason, FRESH), FRESH, OLD);
            assertThat(POLICY.evaluate(facts, NOW).detail().nextAction()).isEqualTo(NextAction.CHECK_PROVIDER);
        }
        assertThat(POLICY.evaluate(connected(new RunOutcome(false, 1, null, FRESH), FRESH), NOW)
                .detail().nextAction()).isEqualTo(NextAction.CHECK_PROVIDER);
        assertThat(POLICY.evaluate(connected(null, OLD), NOW).detail().nextAction()).isEqualTo(NextAction.CHECK_PROVIDER);
        assertThat(POLICY.evaluate(connected(null, FRESH), NOW).detail().nextAction()).isEqualTo(NextAction.NONE);
    }

    @Test
    void a_first_authorization_that_failed_is_an_error_to_connect_again_or_remove() {
        var report = POLICY.evaluate(new HealthFacts(ConnectionStatus.ERROR, FRESH, false, false, null, null, null, null), NOW);
        assertThat(report.health()).isEqualTo(Health.ERROR);
        assertThat(report.detail().reason()).isEqualTo("Authorization was not completed \u2014 connect again or remove it");
        assertThat(report.detail().nextAction()).isEqualTo(NextAction.CONNECT_AGAIN);
        assertThat(report.detail().since()).isEqualTo(FRESH);
    }

    @Test
    void a_failed_re_authorization_is_an_error_to_reconnect_without_any_run() {
        var report = POLICY.evaluate(new HealthFacts(ConnectionStatus.ERROR, FRESH, false, false, null, null, null, OLD), NOW);
        assertThat(report.health()).isEqualTo(Health.ERROR);
        assertThat(report.detail().nextAction()).isEqualTo(NextAction.RECONNECT);
    }

    @Test
    void a_never_synced_connection_goes_stale_from_the_time_it_connected() {
        var connectedLongAgo = new HealthFacts(ConnectionStatus.CONNECTED, OLD, false, false, null, null, null, OLD);
        var report = POLICY.evaluate(connectedLongAgo, NOW);
        assertThat(report.health()).isEqualTo(Health.STALE);
        assertThat(report.detail().since()).isEqualTo(OLD.plus(THRESHOLD));
    }

    @Test
    void staleness_boundary_is_exclusive_and_the_threshold_is_injected() {
        Instant exactlyAtThreshold = NOW.minus(THRESHOLD);
        assertThat(POLICY.evaluate(connected(null, exactlyAtThreshold), NOW).health()).isEqualTo(Health.HEALTHY);
        assertThat(POLICY.evaluate(connected(null, exactlyAtThreshold.minusSeconds(1)), NOW).health()).isEqualTo(Health.STALE);
        assertThat(new HealthPolicy(Duration.ofHours(200)).evaluate(connected(null, OLD), NOW).health())
                .isEqualTo(Health.HEALTHY);
    }

    /** What a cached list relies on: the clock alone never changes health before the instant named. */
    @ParameterizedTest
    @MethodSource("everyInput")
    void health_stays_put_until_the_instant_unchanged_until_names(HealthFacts facts) {
        for (Instant now : new Instant[] {OLD, FRESH, NOW, NOW.plus(Duration.ofDays(3))}) {
            Health atNow = POLICY.evaluate(facts, now).health();
            var until = POLICY.unchangedUntil(facts, now);
            if (until.isEmpty()) {
                for (Instant later : new Instant[] {now.plusNanos(1), now.plus(THRESHOLD), now.plus(Duration.ofDays(3650))}) {
                    assertThat(POLICY.evaluate(facts, later).health()).as("no clock change after %s", now).isEqualTo(atNow);
                }
                continue;
            }
            assertThat(until.get()).isAfterOrEqualTo(now);
            assertThat(POLICY.evaluate(facts, until.get()).health()).isEqualTo(atNow);
            assertThat(POLICY.evaluate(facts, now.plus(Duration.between(now, until.get()).dividedBy(2))).health())
                    .isEqualTo(atNow);
            if (atNow == Health.HEALTHY) {
                // Tight where it matters: the first instant after it is stale.
                assertThat(POLICY.evaluate(facts, until.get().plusNanos(1)).health()).isEqualTo(Health.STALE);
            }
        }
    }
}
