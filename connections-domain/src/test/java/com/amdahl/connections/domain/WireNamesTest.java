package com.amdahl.connections.domain;

import static org.assertj.core.api.Assertions.assertThat;

import com.amdahl.connections.domain.catalog.AuthMethod;
import com.amdahl.connections.domain.catalog.Cadence;
import com.amdahl.connections.domain.catalog.Category;
import com.amdahl.connections.domain.catalog.Direction;
import com.amdahl.connections.domain.catalog.NotConnectableReason;
import com.amdahl.connections.domain.catalog.Ownership;
import com.amdahl.connections.domain.catalog.Scope;
import com.amdahl.connections.domain.connection.ConnectionEventType;
import com.amdahl.connections.domain.connection.ConnectionStatus;
import com.amdahl.connections.domain.health.Health;
import com.amdahl.connections.domain.health.NextAction;
import com.amdahl.connections.domain.sync.ErrorReason;
import com.amdahl.connections.domain.sync.SyncRunStatus;
import com.amdahl.connections.domain.sync.TriggeredBy;
import com.amdahl.connections.domain.workspace.Role;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;

class WireNamesTest {

    @SuppressWarnings({"unchecked", "rawtypes"})
    @Test
    void every_wire_name_round_trips_and_is_unique() {
        List<Class<? extends Enum>> wired = List.of(ErrorCode.class, AuthMethod.class, Cadence.class, Category.class,
                Direction.class, NotConnectableReason.class, Ownership.class, ConnectionEventType.class,
                ConnectionStatus.class, Scope.class, Health.class, NextAction.class, ErrorReason.class,
                SyncRunStatus.class, TriggeredBy.class, Role.class);
        for (Class type : wired) {
            for (Object constant : type.getEnumConstants()) {
                String wire = ((WireNames.Wired) constant).wire();
                assertThat(WireNames.parse(type, wire)).contains(constant);
                assertThat(wire).matches("[a-z0-9_]+");
            }
            assertThat(Arrays.stream(type.getEnumConstants()).map(c -> ((WireNames.Wired) c).wire()).distinct())
                    .hasSize(type.getEnumConstants().length);
        }
    }

    @Test
    void contract_wire_names_are_exactly_these() {
        assertThat(Arrays.stream(Health.values()).map(Health::wire)).containsExactly("disconnected", "needs_reauth",
                "syncing", "rate_limited", "error", "degraded", "stale", "healthy");
        assertThat(Arrays.stream(ConnectionStatus.values()).map(ConnectionStatus::wire))
                .containsExactly("pending", "connected", "syncing", "error", "paused", "disconnected");
        assertThat(Arrays.stream(SyncRunStatus.values()).map(SyncRunStatus::wire))
                .containsExactly("pending", "running", "completed", "failed", "skipped_locked");
        assertThat(Arrays.stream(ErrorReason.values()).map(ErrorReason::wire))
                .containsExactlyInAnyOrder("auth", "rate_limit", "transient", "config", "unknown");
        assertThat(Arrays.stream(Cadence.values()).map(Cadence::wire)).containsExactly("1m", "10m", "30m", "1h", "6h", "1d");
        assertThat(Arrays.stream(NextAction.values()).map(NextAction::wire))
                .containsExactly("none", "wait", "reconnect", "check_provider", "resume", "connect_again");
    }

    @Test
    void unknown_and_null_names_do_not_parse() {
        assertThat(WireNames.parse(Health.class, "HEALTHY")).isEmpty();
        assertThat(WireNames.parse(Health.class, null)).isEmpty();
        assertThat(WireNames.parse(Cadence.class, "2h")).isEmpty();
    }
}
