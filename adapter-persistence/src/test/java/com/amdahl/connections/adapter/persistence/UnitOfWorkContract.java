package com.amdahl.connections.adapter.persistence;

import static com.amdahl.connections.adapter.persistence.Fixtures.ADMIN;
import static com.amdahl.connections.adapter.persistence.Fixtures.T0;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.amdahl.connections.application.port.out.Credentials;
import com.amdahl.connections.application.port.out.UnitOfWork;
import com.amdahl.connections.domain.connection.Connection;
import com.amdahl.connections.domain.connection.ConnectionEvent;
import com.amdahl.connections.domain.connection.ConnectionEventType;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import org.junit.jupiter.api.Test;

/** What every {@link UnitOfWork} must do: all or nothing, one transaction for every port inside. */
abstract class UnitOfWorkContract extends DatabaseContract {

    UnitOfWork unitOfWork() {
        return adapter.unitOfWork();
    }

    private ConnectionEvent connected(Connection c) {
        return new ConnectionEvent(Fixtures.newId("e"), workspace, c.id(), ConnectionEventType.CONNECTED, T0, ADMIN,
                Map.of());
    }

    @Test
    void work_that_throws_leaves_nothing_written() {
        Connection connection = Fixtures.pipedrive(workspace, T0);

        assertThatThrownBy(() -> unitOfWork().run(() -> {
            adapter.connections().insert(connection);
            adapter.events().append(connected(connection));
            adapter.credentials().store(workspace, connection.id(), Credentials.apiKey("k"));
            unitOfWork().run(() -> adapter.connections().update(connection.rename("Nested")));
            throw new IllegalStateException("boom");
        })).hasMessage("boom");

        assertThat(adapter.connections().find(workspace, connection.id())).isEmpty();
        assertThat(adapter.events().listRecent(workspace, connection.id(), 10)).isEmpty();
        assertThat(adapter.credentials().load(workspace, connection.id())).isEmpty();
    }

    @Test
    void work_that_completes_is_kept_and_returns_its_value() {
        Connection connection = Fixtures.pipedrive(workspace, T0);

        String result = unitOfWork().inTransaction(() -> {
            adapter.connections().insert(connection);
            adapter.events().append(connected(connection));
            return unitOfWork().inTransaction(() -> adapter.connections().update(connection.rename("Nested"))
                    .profile().name());
        });

        assertThat(result).isEqualTo("Nested");
        assertThat(adapter.connections().find(workspace, connection.id()).orElseThrow().version()).isEqualTo(1);
        assertThat(adapter.events().listRecent(workspace, connection.id(), 10)).hasSize(1);
    }

    @Test
    void uncommitted_work_is_invisible_to_other_threads_but_visible_inside() throws Exception {
        Connection connection = Fixtures.pipedrive(workspace, T0);
        unitOfWork().run(() -> {
            adapter.connections().insert(connection);
            assertThat(adapter.connections().find(workspace, connection.id())).isPresent();
            boolean seenOutside = CompletableFuture.supplyAsync(
                    () -> adapter.connections().listSnapshots(workspace).stream()
                            .anyMatch(s -> s.connection().id().equals(connection.id()))).join();
            assertThat(seenOutside).isFalse();
        });
        assertThat(adapter.connections().find(workspace, connection.id())).isPresent();
    }
}
