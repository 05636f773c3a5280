package com.amdahl.connections.adapter.persistence;

import static com.amdahl.connections.adapter.persistence.Fixtures.ADMIN;
import static com.amdahl.connections.adapter.persistence.Fixtures.T0;
import static org.assertj.core.api.Assertions.assertThat;

import com.amdahl.connections.application.port.out.EventLog;
import com.amdahl.connections.domain.connection.Connection;
import com.amdahl.connections.domain.connection.ConnectionEvent;
import com.amdahl.connections.domain.connection.ConnectionEventType;
import com.amdahl.connections.domain.workspace.WorkspaceId;
import java.time.Instant;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** What every {@link EventLog} must do. */
abstract class EventLogContract extends DatabaseContract {
    private Connection connection;

    EventLog events() {
        return adapter.events();
    }

    @BeforeEach
    void aConnection() {
        connection = Fixtures.pipedrive(workspace, T0);
        adapter.connections().insert(connection);
    }

    private ConnectionEvent event(ConnectionEventType type, Instant at, Map<String, Object> details) {
        return new ConnectionEvent(Fixtures.newId("e"), workspace, connection.id(), type, at, ADMIN, details);
    }

    @Test
    void an_event_round_trips_with_its_details() {
        ConnectionEvent event = event(ConnectionEventType.HEALTH_CHANGED, T0,
                Map.of("from", "healthy", "to", "error", "streams_failed", 2, "needs_reauth", true,
                        "quote", "say \"hi\"\n\u00e9"));
        events().append(event);
        ConnectionEvent system = new ConnectionEvent(Fixtures.newId("e"), workspace, connection.id(),
                ConnectionEventType.CREDENTIALS_REFRESHED, T0.plusSeconds(1), null, Map.of());
        events().append(system);

        assertThat(events().listRecent(workspace, connection.id(), 10)).containsExactly(system, event);
    }

    @Test
    void lists_newest_first_then_by_insertion_order_up_to_the_limit() {
        ConnectionEvent early = event(ConnectionEventType.CONNECTED, T0, Map.of());
        ConnectionEvent sameInstantFirst = event(ConnectionEventType.PAUSED, T0.plusSeconds(5), Map.of());
        ConnectionEvent sameInstantSecond = event(ConnectionEventType.RESUMED, T0.plusSeconds(5), Map.of());
        ConnectionEvent late = event(ConnectionEventType.UPDATED, T0.plusSeconds(9), Map.of("name", "x"));
        events().append(early);
        events().append(late);
        events().append(sameInstantFirst);
        events().append(sameInstantSecond);

        assertThat(events().listRecent(workspace, connection.id(), 10))
                .containsExactly(late, sameInstantSecond, sameInstantFirst, early);
        assertThat(events().listRecent(workspace, connection.id(), 2)).containsExactly(late, sameInstantSecond);
    }

    @Test
    void another_workspace_never_sees_the_events() {
        events().append(event(ConnectionEventType.CONNECTED, T0, Map.of()));
        WorkspaceId other = Fixtures.newWorkspace(adapter);

        assertThat(events().listRecent(other, connection.id(), 10)).isEmpty();
    }
}
