package com.amdahl.connections.application.service;

import static com.amdahl.connections.application.service.ConnectFlowsTest.apiKey;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.amdahl.connections.application.Principal;
import com.amdahl.connections.application.SyncSettings;
import com.amdahl.connections.application.port.out.Credentials;
import com.amdahl.connections.application.port.out.Liveness;
import com.amdahl.connections.application.port.out.RequestBudget;
import com.amdahl.connections.application.port.out.SchedulingQueries.RunRef;
import com.amdahl.connections.application.port.out.Telemetry;
import com.amdahl.connections.application.port.in.SyncEngine;
import com.amdahl.connections.application.testing.InMemoryPorts;
import com.amdahl.connections.domain.health.Health;
import com.amdahl.connections.domain.health.NextAction;
import com.amdahl.connections.domain.sync.SyncRunStatus;
import com.amdahl.connections.application.testing.TestCatalog;
import com.amdahl.connections.domain.catalog.Connector;
import com.amdahl.connections.domain.connection.Connection;
import com.amdahl.connections.domain.sync.ErrorReason;
import com.amdahl.connections.domain.sync.StreamOutcome;
import com.amdahl.connections.domain.sync.SyncRun;
import com.amdahl.connections.domain.workspace.ConnectionId;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

class AccountBudgetsTest {
    private static final Connector PIPEDRIVE = TestCatalog.LAUNCH.require("pipedrive");
    private final InMemoryPorts ports = new InMemoryPorts();
    private final Principal acme = ports.admin("acme", "alice");
    private final Principal other = ports.admin("other", "bob");

    private Connection connection(Principal admin, String key) {
        ConnectionId id = ports.app.connect().connect(admin, apiKey("pipedrive", key)).connection().connection().id();
        return ports.storage.connectionRepository.find(admin.workspaceId(), id).orElseThrow();
    }

    private String key(Connection connection, String apiKey) {
        return AccountBudgets.key(connection, PIPEDRIVE, Credentials.apiKey(apiKey));
    }

    @Test
    void connections_with_one_api_key_share_a_budget_across_workspaces_and_the_key_is_never_stored_in_clear() {
        String shared = key(connection(acme, "good"), "good");
        assertThat(key(connection(other, "good"), "good")).isEqualTo(shared);
        assertThat(key(connection(acme, "good"), "another-key")).isNotEqualTo(shared);
        assertThat(shared).hasSize(64).doesNotContain("good");
    }

    @Test
    void requests_wait_for_the_account_budget_and_a_wait_beyond_the_bound_is_refused() {
        List<Duration> slept = new ArrayList<>();
        AtomicInteger waits = new AtomicInteger();
        AtomicInteger refusals = new AtomicInteger();
        Telemetry counting = new Telemetry() {
            @Override
            public void budgetWait(String connectorType, Duration waited) {
                waits.incrementAndGet();
            }

            @Override
            public void providerRateLimited(String connectorType) {
                refusals.incrementAndGet();
            }
        };
        AccountBudgets budgets = new AccountBudgets(new InProcessRateBudgets(), ports.puller, ports.clock::instant,
                SyncSettings.defaults(), counting, slept::add);
        Connection connection = connection(acme, "good");
        AccountBudgets.Spending spending = budgets.forRun(connection, PIPEDRIVE, Credentials.apiKey("good"),
                Liveness.always());
        spending.acquire(); // the burst of the undeclared limit (50 a second): two at once
        spending.acquire();
        assertThat(waits.get()).isZero();
        spending.acquire(); // then its pace: 46 a second (92%)
        assertThat(waits.get()).isEqualTo(1);
        assertThat(slept).contains(Duration.ofNanos(21_739_131));

        spending.refused(ports.clock.instant().plus(Duration.ofHours(2)));
        assertThat(refusals.get()).isEqualTo(1);
        assertThatThrownBy(spending::acquire).isInstanceOf(RequestBudget.Exhausted.class);
        assertThat(spending.refusedUntil()).isPresent();
    }

    @Test
    void a_stream_refused_for_longer_than_a_run_waits_says_until_when() {
        ConnectionId id = ports.app.connect().connect(acme, apiKey("pipedrive", "good")).connection().connection().id();
        ports.puller.onPull = request -> request.budget().refused(ports.clock.instant().plus(Duration.ofHours(2)));
        ports.puller.failures.put("alpha", ErrorReason.RATE_LIMIT);
        ports.puller.failures.put("beta", ErrorReason.RATE_LIMIT);
        List<RunRef> due = ports.app.syncEngine().dispatchDue(10);
        SyncRun run = ports.app.syncEngine().execute(due.get(0)).orElseThrow();
        assertThat(run.errorReason()).isEqualTo(ErrorReason.RATE_LIMIT);
        assertThat(run.errorMessage()).contains("waiting for the provider's rate limit until 14:00 UTC");
        assertThat(run.connectionId()).isEqualTo(id);
        assertThat(StreamOutcome.failed("s", 0, ErrorReason.RATE_LIMIT, "x").explained("y").failureMessage()).isEqualTo("y");
    }

    /** Connects and runs once against a provider that answers every stream with a two-hour rate limit. */
    private SyncRun refusedForTwoHours(ConnectionId[] id) {
        id[0] = ports.app.connect().connect(acme, apiKey("pipedrive", "good")).connection().connection().id();
        ports.puller.onPull = request -> request.budget().refused(ports.clock.instant().plus(Duration.ofHours(2)));
        ports.puller.failures.put("alpha", ErrorReason.RATE_LIMIT);
        ports.puller.failures.put("beta", ErrorReason.RATE_LIMIT);
        SyncEngine engine = ports.app.syncEngine();
        return engine.execute(engine.dispatchDue(10).get(0)).orElseThrow();
    }

    @Test
    void a_daily_quota_holds_the_connection_until_its_reset_and_health_says_when() {
        ConnectionId[] held = new ConnectionId[1];
        SyncRun limited = refusedForTwoHours(held);
        ConnectionId id = held[0];
        SyncEngine engine = ports.app.syncEngine();
        assertThat(limited.errorReason()).isEqualTo(ErrorReason.RATE_LIMIT);

        var view = ports.app.queries().get(acme, id);
        assertThat(view.health().health()).isEqualTo(Health.RATE_LIMITED);
        assertThat(view.health().detail().reason())
                .isEqualTo("Waiting for the provider's rate limit until 14:00 UTC; the next sync starts then");
        assertThat(view.health().detail().nextAction()).isEqualTo(NextAction.WAIT);

        ports.puller.onPull = request -> { };
        ports.puller.failures.clear();
        ports.app.cadence().set(ports.app.authenticate().authenticate(
                ports.app.administration().createPlatformAdminToken()).orElseThrow(), "pipedrive", "1m");
        for (Duration later : List.of(Duration.ofMinutes(1), Duration.ofMinutes(30), Duration.ofMinutes(88))) { // 12:01, 12:31, 13:59
            ports.clock.advance(later);
            assertThat(engine.dispatchDue(10)).as("no retry before the reset").isEmpty();
        }
        ports.clock.advance(Duration.ofMinutes(1)); // 14:00, the reset
        assertThat(ports.app.queries().get(acme, id).health().detail().reason())
                .isEqualTo("The last run hit the provider's rate limit; it will retry on the next sync");
        List<RunRef> retried = engine.dispatchDue(10);
        assertThat(retried).hasSize(1);
        assertThat(engine.execute(retried.get(0)).orElseThrow().status()).isEqualTo(SyncRunStatus.COMPLETED);
        assertThat(ports.app.queries().get(acme, id).health().health()).isEqualTo(Health.HEALTHY);
    }

    @Test
    void a_manual_sync_is_not_held_by_the_rate_limit() {
        ConnectionId[] held = new ConnectionId[1];
        refusedForTwoHours(held);
        SyncRun manual = ports.app.manage().requestSync(acme, held[0]);
        assertThat(manual.status()).as("a person asked: recorded at once").isEqualTo(SyncRunStatus.PENDING);
    }
}
