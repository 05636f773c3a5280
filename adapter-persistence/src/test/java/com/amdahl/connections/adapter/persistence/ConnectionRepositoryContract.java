package com.amdahl.connections.adapter.persistence;

import static com.amdahl.connections.adapter.persistence.Fixtures.ADMIN;
import static com.amdahl.connections.adapter.persistence.Fixtures.T0;
import static com.amdahl.connections.adapter.persistence.Fixtures.assertSameConnection;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.amdahl.connections.application.port.out.ConcurrentUpdate;
import com.amdahl.connections.application.port.out.ConnectionRepository;
import com.amdahl.connections.application.port.out.ConnectionSnapshot;
import com.amdahl.connections.application.port.out.CredentialFacts;
import com.amdahl.connections.application.port.out.Credentials;
import com.amdahl.connections.application.port.out.SocialAccountAlreadyTracked;
import com.amdahl.connections.application.port.out.SyncRunRepository;
import com.amdahl.connections.domain.catalog.Scope;
import com.amdahl.connections.domain.connection.AccountIdentity;
import com.amdahl.connections.domain.connection.ActiveRun;
import com.amdahl.connections.domain.connection.Connection;
import com.amdahl.connections.domain.connection.ConnectionEvent;
import com.amdahl.connections.domain.connection.ConnectionEventType;
import com.amdahl.connections.domain.connection.ConnectionStatus;
import com.amdahl.connections.domain.connection.Lifecycle;
import com.amdahl.connections.domain.connection.Profile;
import com.amdahl.connections.domain.connection.RunStep;
import com.amdahl.connections.domain.connection.SocialProfile;
import com.amdahl.connections.domain.connection.SyncFacts;
import com.amdahl.connections.domain.sync.ErrorReason;
import com.amdahl.connections.domain.sync.RunId;
import com.amdahl.connections.domain.sync.RunOutcome;
import com.amdahl.connections.domain.sync.RunResult;
import com.amdahl.connections.domain.sync.SyncRun;
import com.amdahl.connections.domain.sync.TriggeredBy;
import com.amdahl.connections.domain.workspace.ConnectionId;
import com.amdahl.connections.domain.workspace.UserId;
import com.amdahl.connections.domain.workspace.WorkspaceId;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicInteger;
import org.jdbi.v3.core.statement.SqlLogger;
import org.jdbi.v3.core.statement.StatementContext;
import org.junit.jupiter.api.Test;

/** What every {@link ConnectionRepository} must do. */
abstract class ConnectionRepositoryContract extends DatabaseContract {

    ConnectionRepository repository() {
        return adapter.connections();
    }

    SyncRunRepository runs() {
        return adapter.runs();
    }

    @Test
    void an_inserted_connection_reads_back_field_for_field() {
        Connection connection = Fixtures.pipedrive(workspace, T0);
        repository().insert(connection);

        assertSameConnection(repository().find(workspace, connection.id()).orElseThrow(), connection);
    }

    @Test
    void snapshots_carry_credential_facts_without_decrypting_anything() {
        Connection connection = Fixtures.pipedrive(workspace, T0);
        repository().insert(connection);
        assertThat(repository().findSnapshot(workspace, connection.id()).orElseThrow().credentials())
                .isEqualTo(CredentialFacts.NONE);

        adapter.credentials().store(workspace, connection.id(), new Credentials(java.util.Map.of(
                Credentials.ACCESS_TOKEN, "secret-access", Credentials.SCOPE, "crm.objects.read offline"),
                T0.plusSeconds(3600)));
        for (int minutes : new int[] {5, 20}) {
            adapter.events().append(new ConnectionEvent(Fixtures.newId("e"), workspace, connection.id(),
                    ConnectionEventType.CREDENTIALS_REFRESHED, T0.plusSeconds(60L * minutes), null, java.util.Map.of()));
        }
        CredentialFacts facts = repository().listSnapshots(workspace).get(0).credentials();
        assertThat(facts.expiresAt()).isEqualTo(T0.plusSeconds(3600));
        assertThat(facts.lastRefreshedAt()).isEqualTo(T0.plusSeconds(1200));
        assertThat(facts.scopesGranted()).containsExactly("crm.objects.read", "offline");

        adapter.credentials().erase(workspace, connection.id());
        assertThat(repository().findSnapshot(workspace, connection.id()).orElseThrow().credentials().expiresAt()).isNull();
    }

    @Test
    void every_field_round_trips_when_all_are_set() {
        Connection full = Connection.restore(new ConnectionId(Fixtures.newId("c")), workspace, "twitter", T0,
                new UserId("u-connector"),
                new Profile("Tracked", Scope.PERSONAL, new UserId("u-owner"), new AccountIdentity("acct-1", "Label"),
                        new SocialProfile("tw-1", "acme", "Acme", "https://img.example/a.png")),
                new Lifecycle(ConnectionStatus.SYNCING, T0.plusSeconds(1), true, "boom: it broke",
                        T0.plusSeconds(2), true),
                new SyncFacts(new ActiveRun(new RunId("run-1"), true, T0.plusSeconds(3)), T0.plusSeconds(4),
                        new RunOutcome(true, 3, ErrorReason.RATE_LIMIT, T0.plusSeconds(5)), T0.plusSeconds(3)),
                0);
        repository().insert(full);

        assertSameConnection(repository().find(workspace, full.id()).orElseThrow(), full);
    }

    @Test
    void every_transition_round_trips_and_increments_the_version() {
        Connection connection = Fixtures.twitter(workspace, Fixtures.newId("tw"), T0);
        repository().insert(connection);

        RunStep dispatched = connection.dispatchRun(new RunId(Fixtures.newId("r")), TriggeredBy.CONNECT,
                T0.plusSeconds(60));
        Connection stored = saveAndCheck(dispatched.connection(), 1);
        runs().insert(dispatched.run());

        RunStep begun = stored.beginRun(dispatched.run(), T0.plusSeconds(61));
        stored = saveAndCheck(begun.connection(), 2);
        assertThat(stored.status()).isEqualTo(ConnectionStatus.SYNCING);
        runs().update(begun.run());

        RunStep failed = stored.finishRun(begun.run(),
                RunResult.failedOutright(ErrorReason.AUTH, "token revoked"), T0.plusSeconds(90));
        stored = saveAndCheck(failed.connection(), 3);
        assertThat(stored.lifecycle().needsReauth()).isTrue();
        assertThat(stored.sync().lastOutcome().errorReason()).isEqualTo(ErrorReason.AUTH);

        Connection reconnected = stored.reconnect(new UserId("u-other"), new AccountIdentity("acct-9", null),
                T0.plusSeconds(120));
        stored = saveAndCheck(reconnected, 4);
        stored = saveAndCheck(stored.rename("Renamed"), 5);
        stored = saveAndCheck(stored.pause(T0.plusSeconds(130)), 6);
        stored = saveAndCheck(stored.resume(T0.plusSeconds(140)), 7);
        stored = saveAndCheck(stored.disconnect(T0.plusSeconds(150)), 8);
        assertThat(stored.isDisconnected()).isTrue();
    }

    @Test
    void oauth_and_personal_connections_round_trip() {
        Connection pending = Fixtures.hubspot(workspace, T0);
        repository().insert(pending);
        saveAndCheck(pending.completeAuthorization(new AccountIdentity("hub-42", "acme.hubspot.com"), ADMIN,
                T0.plusSeconds(5)), 1);

        Connection personal = Fixtures.gmail(workspace, new UserId("u-mary"), T0);
        repository().insert(personal);
        Connection failed = personal.failAuthorization("access_denied", T0.plusSeconds(3));
        saveAndCheck(failed, 1);
    }

    private Connection saveAndCheck(Connection next, long expectedVersion) {
        Connection saved = repository().update(next);
        assertThat(saved.version()).isEqualTo(expectedVersion);
        assertSameConnection(repository().find(workspace, next.id()).orElseThrow(), saved);
        return saved;
    }

    @Test
    void an_update_from_a_stale_version_is_refused() {
        Connection connection = Fixtures.pipedrive(workspace, T0);
        repository().insert(connection);
        repository().update(connection.rename("First writer"));

        assertThatThrownBy(() -> repository().update(connection.rename("Second writer")))
                .isInstanceOf(ConcurrentUpdate.class);
        assertThat(repository().find(workspace, connection.id()).orElseThrow().profile().name())
                .isEqualTo("First writer");
    }

    @Test
    void an_update_in_another_workspace_changes_nothing() {
        Connection connection = Fixtures.pipedrive(workspace, T0);
        repository().insert(connection);
        WorkspaceId other = Fixtures.newWorkspace(adapter);
        Connection forged = Connection.restore(connection.id(), other, connection.connectorType(),
                connection.createdAt(), null, connection.profile(), connection.lifecycle(), connection.sync(), 0);

        assertThatThrownBy(() -> repository().update(forged.rename("Hijacked")))
                .isInstanceOf(ConcurrentUpdate.class);
        assertThat(repository().find(workspace, connection.id()).orElseThrow().profile().name())
                .isEqualTo("Pipedrive");
    }

    @Test
    void lists_newest_first_with_ties_broken_by_id() {
        Connection oldest = Fixtures.pipedrive(workspace, T0);
        Connection tieA = Connection.restore(new ConnectionId("c-tie-a-" + workspace), workspace, "pipedrive",
                T0.plusSeconds(10), ADMIN, oldest.profile(), oldest.lifecycle(), oldest.sync(), 0);
        Connection tieB = Connection.restore(new ConnectionId("c-tie-b-" + workspace), workspace, "pipedrive",
                T0.plusSeconds(10), ADMIN, oldest.profile(), oldest.lifecycle(), oldest.sync(), 0);
        Connection newest = Fixtures.hubspot(workspace, T0.plusSeconds(20));
        for (Connection c : List.of(tieA, oldest, newest, tieB)) {
            repository().insert(c);
        }

        assertThat(repository().listSnapshots(workspace)).extracting(s -> s.connection().id())
                .containsExactly(newest.id(), tieB.id(), tieA.id(), oldest.id());
    }

    @Test
    void a_snapshot_carries_the_newest_run_or_none() {
        Connection withRuns = Fixtures.pipedrive(workspace, T0);
        Connection withoutRuns = Fixtures.pipedrive(workspace, T0.plusSeconds(1));
        repository().insert(withRuns);
        repository().insert(withoutRuns);
        SyncRun old = SyncRun.skippedLocked(new RunId("r-1-" + workspace), withRuns.id(), workspace,
                TriggeredBy.MANUAL, T0.plusSeconds(10));
        SyncRun tieLow = SyncRun.skippedLocked(new RunId("r-2-" + workspace), withRuns.id(), workspace,
                TriggeredBy.MANUAL, T0.plusSeconds(20));
        SyncRun tieHigh = SyncRun.pending(new RunId("r-3-" + workspace), withRuns.id(), workspace,
                TriggeredBy.SCHEDULE, T0.plusSeconds(20));
        for (SyncRun run : List.of(tieHigh, old, tieLow)) {
            runs().insert(run);
        }

        List<ConnectionSnapshot> snapshots = repository().listSnapshots(workspace);
        assertThat(snapshots).hasSize(2);
        assertThat(snapshots.get(0).connection().id()).isEqualTo(withoutRuns.id());
        assertThat(snapshots.get(0).lastRun()).isNull();
        assertThat(snapshots.get(1).lastRun()).isEqualTo(tieHigh);

        assertThat(repository().findSnapshot(workspace, withRuns.id()).orElseThrow().lastRun()).isEqualTo(tieHigh);
        assertThat(repository().findSnapshot(workspace, withoutRuns.id()).orElseThrow().lastRun()).isNull();
    }

    @Test
    void another_workspace_never_sees_the_connection() {
        Connection connection = Fixtures.twitter(workspace, "tw-iso", T0);
        repository().insert(connection);
        runs().insert(SyncRun.pending(new RunId(Fixtures.newId("r")), connection.id(), workspace,
                TriggeredBy.MANUAL, T0));
        WorkspaceId other = Fixtures.newWorkspace(adapter);
        Connection own = Fixtures.pipedrive(other, T0);
        repository().insert(own);

        assertThat(repository().find(other, connection.id())).isEmpty();
        assertThat(repository().findSnapshot(other, connection.id())).isEmpty();
        assertThat(repository().listSnapshots(other)).extracting(s -> s.connection().id()).containsExactly(own.id());
        assertThat(repository().listSnapshots(other).get(0).lastRun()).isNull();
        assertThat(repository().findBySocialAccount(other, "twitter", "tw-iso")).isEmpty();
        assertThat(repository().findBySocialAccount(workspace, "twitter", "tw-iso")).contains(connection.id());
    }

    @Test
    void a_social_account_is_tracked_once_per_workspace() {
        Connection first = Fixtures.twitter(workspace, "tw-7", T0);
        repository().insert(first);

        assertThatThrownBy(() -> repository().insert(Fixtures.twitter(workspace, "tw-7", T0)))
                .isInstanceOf(SocialAccountAlreadyTracked.class);
        // other accounts, other types, other workspaces and non-social rows are all fine
        repository().insert(Fixtures.twitter(workspace, "tw-8", T0));
        repository().insert(Fixtures.pipedrive(workspace, T0));
        repository().insert(Fixtures.pipedrive(workspace, T0));
        repository().insert(Fixtures.twitter(Fixtures.newWorkspace(adapter), "tw-7", T0));
        assertThat(repository().listSnapshots(workspace)).hasSize(4);
        assertThat(repository().findBySocialAccount(workspace, "twitter", "tw-7")).contains(first.id());
    }

    @Test
    void two_racing_inserts_of_one_social_account_leave_one_row() throws Exception {
        CountDownLatch start = new CountDownLatch(1);
        Callable<Boolean> insert = () -> {
            start.await();
            try {
                repository().insert(Fixtures.twitter(workspace, "tw-race", T0));
                return true;
            } catch (SocialAccountAlreadyTracked e) {
                return false;
            }
        };
        ExecutorService pool = Executors.newFixedThreadPool(2);
        try {
            Future<Boolean> a = pool.submit(insert);
            Future<Boolean> b = pool.submit(insert);
            start.countDown();
            assertThat(List.of(a.get(), b.get())).containsExactlyInAnyOrder(true, false);
        } finally {
            pool.shutdownNow();
        }
        assertThat(repository().listSnapshots(workspace)).hasSize(1);
    }

    @Test
    void a_refused_insert_inside_a_unit_of_work_leaves_the_transaction_usable() {
        repository().insert(Fixtures.twitter(workspace, "tw-uow", T0));
        Connection other = Fixtures.pipedrive(workspace, T0);

        adapter.unitOfWork().run(() -> {
            assertThatThrownBy(() -> repository().insert(Fixtures.twitter(workspace, "tw-uow", T0)))
                    .isInstanceOf(SocialAccountAlreadyTracked.class);
            repository().insert(other);
        });

        assertThat(repository().find(workspace, other.id())).isPresent();
    }

    @Test
    void listing_snapshots_takes_the_same_number_of_statements_for_1_or_50_connections() {
        WorkspaceId small = Fixtures.newWorkspace(adapter);
        WorkspaceId large = Fixtures.newWorkspace(adapter);
        seed(small, 1);
        seed(large, 50);
        AtomicInteger statements = new AtomicInteger();
        adapter.jdbi().setSqlLogger(new SqlLogger() {
            @Override
            public void logAfterExecution(StatementContext context) {
                statements.incrementAndGet();
            }
        });
        try {
            assertThat(repository().listSnapshots(small)).hasSize(1);
            int forOne = statements.getAndSet(0);
            List<ConnectionSnapshot> all = repository().listSnapshots(large);
            int forFifty = statements.get();

            assertThat(all).hasSize(50).allSatisfy(s -> assertThat(s.lastRun()).isNotNull());
            assertThat(forOne).isEqualTo(1);
            assertThat(forFifty).isEqualTo(forOne);
        } finally {
            adapter.jdbi().setSqlLogger(SqlLogger.NOP_SQL_LOGGER);
        }
    }

    private void seed(WorkspaceId target, int count) {
        List<Connection> created = new ArrayList<>();
        adapter.unitOfWork().run(() -> {
            for (int i = 0; i < count; i++) {
                Connection c = Fixtures.pipedrive(target, T0.plus(Duration.ofSeconds(i)));
                repository().insert(c);
                created.add(c);
                for (int r = 0; r < 3; r++) {
                    runs().insert(SyncRun.skippedLocked(new RunId(Fixtures.newId("r")), c.id(), target,
                            TriggeredBy.SCHEDULE, T0.plus(Duration.ofMinutes(r))));
                }
            }
        });
        assertThat(created).hasSize(count);
    }
}
