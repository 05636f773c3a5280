package com.amdahl.connections.app;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.amdahl.connections.adapter.persistence.PersistenceAdapter;
import com.amdahl.connections.adapter.persistence.PersistenceSettings;
import com.amdahl.connections.application.ConnectionsApplication;
import com.amdahl.connections.application.Principal;
import com.amdahl.connections.application.SyncEngineRunner;
import com.amdahl.connections.application.port.in.ConnectCommand;
import com.amdahl.connections.application.testing.FakeProviders;
import com.amdahl.connections.application.testing.FakePuller;
import com.amdahl.connections.application.testing.TestCatalog;
import com.amdahl.connections.domain.connection.ConnectionId;
import com.amdahl.connections.domain.sync.SyncRun;
import com.amdahl.connections.domain.sync.SyncRunStatus;
import com.amdahl.connections.domain.workspace.Role;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ThreadFactory;
import org.junit.jupiter.api.Test;

/**
 * A service embedding the library, as the README shows: it builds the application on its own
 * storage, starts the sync engine, syncs, and closes it; every thread the library started ends.
 */
class EmbeddingIT {

    @Test
    void closing_the_application_ends_every_thread_the_library_started() {
        List<Thread> started = new CopyOnWriteArrayList<>();
        ThreadFactory recording = work -> {
            Thread thread = new Thread(work);
            thread.setDaemon(true);
            started.add(thread);
            return thread;
        };
        String url = "jdbc:h2:mem:embedding-" + UUID.randomUUID() + ";DB_CLOSE_DELAY=-1";
        try (PersistenceAdapter db = PersistenceAdapter.open(new PersistenceSettings(url, "sa", "", 4,
                Map.of("k1", new byte[32]), "k1"))) {
            FakeProviders providers = new FakeProviders();
            ConnectionsApplication app = ConnectionsApplication.builder()
                    .connections(db.connections()).runs(db.runs()).events(db.events()).credentials(db.credentials())
                    .oauthStates(db.oauthStates()).workspaces(db.workspaces()).tokens(db.tokens())
                    .cadenceOverrides(db.cadenceOverrides()).unitOfWork(db.unitOfWork())
                    .schedulingQueries(db.schedulingQueries()).recordSink(db.recordSink()).cursors(db.cursors())
                    .oauth(providers).apiKeys(providers).handles(providers).tokenRefresher(providers)
                    .puller(new FakePuller()).threads(recording).catalog(TestCatalog.LAUNCH)
                    .build();
            SyncEngineRunner engine = app.startSyncEngine(new SyncEngineRunner.Options(true, 2, Duration.ofMillis(100)));

            app.administration().createWorkspace("acme", "Acme");
            app.administration().addMember("acme", "alice", Role.ADMIN);
            Principal alice = app.authenticate().authenticate(app.administration().createToken("acme", "alice", false))
                    .orElseThrow();
            ConnectionId id = app.connect().connect(alice, new ConnectCommand("pipedrive", "Acme CRM", null, null, "good",
                    null, null, null, null)).connection().connection().id();
            SyncRun requested = app.manage().requestSync(alice, id);
            await().atMost(Duration.ofSeconds(30)).until(() -> app.queries().runs(alice, id, null).get(0).status()
                    == SyncRunStatus.COMPLETED);
            assertThat(app.queries().runs(alice, id, null).get(0).id()).isEqualTo(requested.id());
            assertThat(started).extracting(Thread::getName)
                    .contains("connections-scheduler-1", "connections-sync-worker-1", "connections-heartbeats");
            assertThat(engine.options().workers()).isEqualTo(2);

            app.close();

            assertThat(started).as("threads the library started").allSatisfy(thread ->
                    assertThat(thread.isAlive()).as(thread.getName()).isFalse());
        }
    }
}
