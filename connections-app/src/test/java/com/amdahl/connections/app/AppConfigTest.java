package com.amdahl.connections.app;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.Test;

class AppConfigTest {

    @Test
    void scheduler_and_workers_are_independent_and_zero_workers_make_an_api_only_node() {
        var apiOnly = AppConfig.fromEnvironment(Map.of("CONNECTIONS_SCHEDULER", "off", "CONNECTIONS_SCHEDULER_WORKERS", "0"))
                .engineOptions();
        assertThat(apiOnly.dispatchDue()).isFalse();
        assertThat(apiOnly.workers()).isZero();
        var defaults = AppConfig.fromEnvironment(Map.of()).engineOptions();
        assertThat(defaults.dispatchDue()).isTrue();
        assertThat(defaults.workers()).isEqualTo(4);
        assertThat(defaults.tick()).isEqualTo(Duration.ofSeconds(2));
    }

    @Test
    void the_run_lease_is_configurable_and_heartbeats_fit_four_times_into_it() {
        assertThat(AppConfig.fromEnvironment(Map.of()).syncSettings().lease()).isEqualTo(Duration.ofMinutes(2));
        assertThat(AppConfig.fromEnvironment(Map.of()).syncSettings().heartbeatEvery()).isEqualTo(Duration.ofSeconds(15));
        var shortLease = AppConfig.fromEnvironment(Map.of("CONNECTIONS_RUN_LEASE", "PT20S")).syncSettings();
        assertThat(shortLease.lease()).isEqualTo(Duration.ofSeconds(20));
        assertThat(shortLease.heartbeatEvery()).isEqualTo(Duration.ofSeconds(5));
        assertThatThrownBy(() -> AppConfig.fromEnvironment(Map.of("CONNECTIONS_RUN_LEASE", "2 minutes")))
                .isInstanceOf(ConfigurationException.class).hasMessageContaining("CONNECTIONS_RUN_LEASE");
        assertThatThrownBy(() -> AppConfig.fromEnvironment(Map.of("CONNECTIONS_SCHEDULER_WORKERS", "-1")))
                .isInstanceOf(ConfigurationException.class);
    }

    @Test
    void the_workspace_cap_and_the_longest_rate_limit_wait_are_configurable() {
        var defaults = AppConfig.fromEnvironment(Map.of()).syncSettings();
        assertThat(defaults.workspaceMaxRuns()).isEqualTo(2);
        assertThat(defaults.rateWaitMax()).isEqualTo(Duration.ofSeconds(60));
        var set = AppConfig.fromEnvironment(Map.of("CONNECTIONS_WORKSPACE_MAX_RUNS", "5",
                "CONNECTIONS_RATE_WAIT_MAX", "PT5M")).syncSettings();
        assertThat(set.workspaceMaxRuns()).isEqualTo(5);
        assertThat(set.rateWaitMax()).isEqualTo(Duration.ofMinutes(5));
        assertThatThrownBy(() -> AppConfig.fromEnvironment(Map.of("CONNECTIONS_WORKSPACE_MAX_RUNS", "0")).syncSettings())
                .isInstanceOf(ConfigurationException.class).hasMessageContaining("CONNECTIONS_WORKSPACE_MAX_RUNS");
        assertThatThrownBy(() -> AppConfig.fromEnvironment(Map.of("CONNECTIONS_RATE_WAIT_MAX", "a minute")).syncSettings())
                .isInstanceOf(ConfigurationException.class).hasMessageContaining("CONNECTIONS_RATE_WAIT_MAX");
    }
}
