package com.amdahl.connections.app;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.amdahl.connections.adapter.persistence.PersistenceAdapter;
import com.amdahl.connections.adapter.persistence.PersistenceSettings;
import com.amdahl.connections.adapter.providers.kit.Fanout;
import com.amdahl.connections.adapter.providers.kit.ProviderFailures;
import com.amdahl.connections.application.ConnectionsApplication;
import com.amdahl.connections.application.NotificationSettings;
import com.amdahl.connections.application.Principal;
import com.amdahl.connections.application.SyncEngineRunner;
import com.amdahl.connections.application.port.in.ConnectCommand;
import com.amdahl.connections.application.port.out.NotificationPorts;
import com.amdahl.connections.application.port.out.NotificationSender;
import com.amdahl.connections.application.port.out.RecordSink;
import com.amdahl.connections.application.port.out.StreamPuller;
import com.amdahl.connections.application.testing.FakeProviders;
import com.amdahl.connections.application.testing.FakePuller;
import com.amdahl.connections.application.testing.TestCatalog;
import com.amdahl.connections.domain.workspace.ConnectionId;
import com.amdahl.connections.domain.sync.SyncRun;
import com.amdahl.connections.domain.sync.SyncRunStatus;
import com.amdahl.connections.domain.workspace.Role;
import java.net.InetAddress;
import java.net.URI;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CyclicBarrier;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.ThreadFactory;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;

/**
 * A service embedding the library, as the README shows: it builds the application on its own
 * storage, starts the sync engine and the notification loops, syncs a stream that fans out to
 * children, and closes it; every thread the library started ends, and it started none but from the
 * embedder's thread factory.
 */
class EmbeddingIT {
    private static final int CHILDREN = 8;

    @Test
    void closing_the_application_ends_every_thread_the_library_started() {
        Set<Thread> before = Set.copyOf(Thread.getAllStackTraces().keySet());
        List<Thread> started = new CopyOnWriteArrayList<>();
        ThreadFactory recording = work -> {
            Thread thread = new Thread(work);
            thread.setDaemon(true);
            started.add(thread);
            return thread;
        };
        FanningPuller puller = new FanningPuller();
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
                    .puller(puller).threads(recording).catalog(TestCatalog.LAUNCH)
                    .notifications(new NotificationPorts(db.notificationEndpoints(), db.notificationOutbox(),
                            db.staleMarks(), new NoNetwork()), NotificationSettings.defaults())
                    .build();
            // Dispatch of due connections off: the manual sync below is then the only run. With it on, the
            // connect's first scheduled sync may take the lock first and the manual one is recorded skipped_locked.
            SyncEngineRunner engine = app.startSyncEngine(new SyncEngineRunner.Options(false, 2, Duration.ofMillis(100)));
            app.startNotificationWorker(2, Duration.ofMillis(50));

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
            assertThat(puller.childThreads).as("children ran on the library's threads, several at once")
                    .hasSizeGreaterThan(1).allSatisfy(thread -> assertThat(started).contains(thread));
            assertThat(started).extracting(Thread::getName)
                    .contains("connections-scheduler-1", "connections-sync-worker-1", "connections-heartbeats",
                            "connections-notifications-1", "connections-sync-child-1");
            assertThat(engine.options().workers()).isEqualTo(2);

            app.close();

            List<Thread> alive = started.stream().filter(Thread::isAlive).toList();
            System.out.println("threads the library started: " + started.size() + ", alive after app.close(): "
                    + alive.size());
            assertThat(alive).as("threads the library started, alive after close").isEmpty();
        }
        // and none of its own besides: once the storage (whose pool is "connections-db") is closed too,
        // no thread started since with a library name is left
        await().atMost(Duration.ofSeconds(5)).untilAsserted(() -> assertThat(Thread.getAllStackTraces().keySet())
                .filteredOn(thread -> !before.contains(thread) && thread.isAlive())
                .extracting(Thread::getName)
                .noneMatch(name -> name.startsWith("connections-") || name.startsWith("stream-child-")
                        || name.startsWith("notification-worker-")));
    }

    /** The scripted puller, except that each stream fans out to children through the kit, as Gmail's messages do. */
    private static final class FanningPuller implements StreamPuller {
        private final FakePuller scripted = new FakePuller();
        final Set<Thread> childThreads = ConcurrentHashMap.newKeySet();

        @Override
        public List<String> streams(String connectorType) {
            return scripted.streams(connectorType);
        }

        @Override
        public PullResult pull(PullRequest request, RecordSink sink) {
            CyclicBarrier twoAtOnce = new CyclicBarrier(2);
            Optional<ProviderFailures.Failure> failure = Fanout.run(request.liveness(), request.children(),
                    IntStream.range(0, CHILDREN).boxed().toList(), 4, child -> {
                        childThreads.add(Thread.currentThread());
                        try {
                            twoAtOnce.await(10, TimeUnit.SECONDS); // passes only when children run together
                        } catch (Exception e) {
                            throw new IllegalStateException(e);
                        }
                        return Optional.empty();
                    });
            assertThat(failure).isEmpty();
            return scripted.pull(request, sink);
        }
    }

    /** Notifications go nowhere: no endpoint is registered. */
    private static final class NoNetwork implements NotificationSender {
        @Override
        public List<InetAddress> resolve(String host) {
            return List.of();
        }

        @Override
        public Response post(URI url, Map<String, String> headers, byte[] body) {
            return new Response(204, null);
        }
    }
}
