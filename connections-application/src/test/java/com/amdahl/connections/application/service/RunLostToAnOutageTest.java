package com.amdahl.connections.application.service;

import static com.amdahl.connections.application.service.ConnectFlowsTest.apiKey;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.amdahl.connections.application.ConnectionsApplication;
import com.amdahl.connections.application.Principal;
import com.amdahl.connections.application.port.out.SchedulingQueries.RunRef;
import com.amdahl.connections.application.port.out.UnitOfWork;
import com.amdahl.connections.application.testing.InMemoryPorts;
import com.amdahl.connections.domain.ConnectionsException;
import com.amdahl.connections.domain.ErrorCode;
import com.amdahl.connections.domain.sync.ErrorReason;
import com.amdahl.connections.domain.sync.SyncRun;
import com.amdahl.connections.domain.sync.SyncRunStatus;
import com.amdahl.connections.domain.workspace.ConnectionId;
import java.time.Duration;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.Supplier;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** A worker whose run ended during a database outage records the outcome when the database returns, not after the lease. */
class RunLostToAnOutageTest {
    private final InMemoryPorts ports = new InMemoryPorts();
    private final AtomicBoolean databaseDown = new AtomicBoolean();
    private final ConnectionsApplication app = ports.builder().unitOfWork(new UnitOfWork() {
        @Override
        public <T> T inTransaction(Supplier<T> work) {
            if (databaseDown.get()) {
                throw new ConnectionsException(ErrorCode.DATABASE_UNAVAILABLE, "The database is unavailable");
            }
            return ports.storage.inTransaction(work);
        }
    }).build();
    private final Principal admin = ports.admin("acme", "alice");

    @AfterEach
    void close() {
        app.close();
    }

    @Test
    void the_outcome_is_recorded_as_soon_as_the_database_answers_again_while_the_lease_still_runs() {
        ConnectionId id = app.connect().connect(admin, apiKey("pipedrive", "good")).connection().connection().id();
        SyncRun requested = app.manage().requestSync(admin, id);
        ports.puller.duringPull = () -> databaseDown.set(true); // the outage starts while the first stream pulls

        assertThat(app.syncEngine().execute(new RunRef(admin.workspaceId(), requested.id())))
                .as("the outcome could not be recorded yet").isEmpty();
        assertThat(run(requested).status()).isEqualTo(SyncRunStatus.RUNNING);

        databaseDown.set(false); // the clock never moves: the lease (2 minutes) cannot be what ends it
        await().atMost(Duration.ofSeconds(10)).until(() -> run(requested).status() != SyncRunStatus.RUNNING);
        assertThat(run(requested).status()).isEqualTo(SyncRunStatus.COMPLETED);
        assertThat(app.queries().get(admin, id).connection().sync().hasRunInFlight()).isFalse();
        assertThat(app.syncEngine().reapExpiredRuns()).isZero();
    }

    @Test
    void a_run_whose_streams_met_the_outage_fails_transient() {
        ConnectionId id = app.connect().connect(admin, apiKey("pipedrive", "good")).connection().connection().id();
        SyncRun requested = app.manage().requestSync(admin, id);
        ports.puller.duringPull = () -> {
            throw new ConnectionsException(ErrorCode.DATABASE_UNAVAILABLE, "The database is unavailable");
        };
        SyncRun done = app.syncEngine().execute(new RunRef(admin.workspaceId(), requested.id())).orElseThrow();
        assertThat(done.status()).isEqualTo(SyncRunStatus.FAILED);
        assertThat(done.errorReason()).isEqualTo(ErrorReason.TRANSIENT);
    }

    private SyncRun run(SyncRun run) {
        return ports.storage.runRepository.find(run.workspaceId(), run.id()).orElseThrow();
    }
}
