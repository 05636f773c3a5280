package com.amdahl.connections.adapter.persistence;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import com.amdahl.connections.domain.ConnectionsException;
import com.amdahl.connections.domain.ErrorCode;
import com.amdahl.connections.domain.connection.Connection;
import com.amdahl.connections.domain.workspace.WorkspaceId;
import java.nio.file.Path;
import java.sql.DriverManager;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** A database lost mid-work: callers see database_unavailable, and the transaction left nothing behind. */
class DatabaseOutageIT {
    @TempDir
    Path dir;

    @Test
    void a_database_lost_in_the_middle_of_a_unit_of_work_is_unavailable_and_nothing_is_half_written() throws Exception {
        String url = "jdbc:h2:file:" + dir.resolve("db") + ";AUTO_SERVER=TRUE";
        PersistenceSettings settings = new PersistenceSettings(url, null, null, 2, Map.of("k", Backend.KEY_A), "k");
        Connection connection;
        WorkspaceId workspace;
        try (PersistenceAdapter adapter = PersistenceAdapter.open(settings)) {
            workspace = Fixtures.newWorkspace(adapter);
            connection = Fixtures.pipedrive(workspace, Fixtures.T0);
            ConnectionsException lost = catchThrowableOfType(ConnectionsException.class, () ->
                    adapter.unitOfWork().run(() -> {
                        adapter.connections().insert(connection);
                        shutDown(url); // the database goes away between two statements of one transaction
                        adapter.events().listRecent(workspace, connection.id(), 1);
                    }));
            assertThat(lost).isNotNull();
            assertThat(lost.code()).isEqualTo(ErrorCode.DATABASE_UNAVAILABLE);
            assertThat(lost.getMessage()).doesNotContain(url);

            ConnectionsException after = catchThrowableOfType(ConnectionsException.class,
                    () -> adapter.connections().listSnapshots(workspace));
            assertThat(after.code()).isEqualTo(ErrorCode.DATABASE_UNAVAILABLE);
        }
        try (PersistenceAdapter reopened = PersistenceAdapter.open(settings)) {
            assertThat(reopened.connections().find(workspace, connection.id())).as("rolled back").isEmpty();
        }
    }

    private static void shutDown(String url) {
        try (var jdbc = DriverManager.getConnection(url); var statement = jdbc.createStatement()) {
            statement.execute("SHUTDOWN");
        } catch (java.sql.SQLException e) {
            throw new AssertionError(e);
        }
    }
}
