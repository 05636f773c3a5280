package com.amdahl.connections.domain.notification;

import static org.assertj.core.api.Assertions.assertThat;

import com.amdahl.connections.domain.workspace.WorkspaceId;
import java.time.Duration;
import java.time.Instant;
import org.junit.jupiter.api.Test;

class NotificationEndpointTest {
    private static final Instant T0 = Instant.parse("2026-12-01T00:00:00Z");

    private static NotificationEndpoint endpoint(boolean enabled, Instant failingSince) {
        return new NotificationEndpoint(new NotificationEndpointId("ep1"), new WorkspaceId("acme"),
                "https://hooks.example.com/x", NotificationType.subscribable(), null, enabled, null, failingSince,
                T0, T0);
    }

    @Test
    void an_endpoint_failing_for_three_days_is_turned_off() {
        assertThat(endpoint(true, null).shouldDisable(T0.plus(Duration.ofDays(30)))).isFalse();
        assertThat(endpoint(true, T0).shouldDisable(T0.plus(Duration.ofDays(3)).minusSeconds(1))).isFalse();
        assertThat(endpoint(true, T0).shouldDisable(T0.plus(Duration.ofDays(3)))).isTrue();
        assertThat(endpoint(false, T0).shouldDisable(T0.plus(Duration.ofDays(3)))).isFalse();
    }

    @Test
    void turning_an_endpoint_back_on_forgets_why_it_was_off_and_its_failing_streak() {
        NotificationEndpoint off = new NotificationEndpoint(new NotificationEndpointId("ep1"), new WorkspaceId("acme"),
                "https://hooks.example.com/x", NotificationType.subscribable(), null, false,
                NotificationEndpoint.DISABLED_FAILING, T0, T0, T0);
        NotificationEndpoint on = off.edit(null, null, true, T0.plus(Duration.ofDays(4)));
        assertThat(on.enabled()).isTrue();
        assertThat(on.disabledReason()).isNull();
        assertThat(on.failingSince()).isNull();
        assertThat(on.edit(null, null, false, T0).disabledReason()).isEqualTo("disabled_by_admin");
        assertThat(on.subscribesTo(NotificationType.RUN_FAILED)).isTrue();
        assertThat(off.subscribesTo(NotificationType.RUN_FAILED)).isFalse();
    }

    @Test
    void ping_is_not_subscribable() {
        assertThat(NotificationType.subscribable()).doesNotContain(NotificationType.PING)
                .contains(NotificationType.CONNECTION_HEALTH_CHANGED, NotificationType.RUN_FAILED);
    }
}
