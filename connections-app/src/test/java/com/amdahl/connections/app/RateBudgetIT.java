package com.amdahl.connections.app;

import static org.assertj.core.api.Assertions.assertThat;

import com.amdahl.connections.adapter.persistence.PostgresTestDatabase;
import com.amdahl.connections.application.Principal;
import com.amdahl.connections.application.SyncEngineRunner;
import com.amdahl.connections.application.SyncSettings;
import com.amdahl.connections.application.port.in.ConnectCommand;
import com.amdahl.connections.application.port.in.ConnectionView;
import com.amdahl.connections.domain.sync.SyncRunStatus;
import com.amdahl.connections.domain.workspace.ConnectionId;
import com.amdahl.connections.domain.workspace.Role;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Issue 25: five connections to one Pipedrive account (one API key), each in its own workspace so
 * all five run at once, four streams of 8 pages each, against a provider that allows 10 requests
 * per rolling second per key (both configurable for the benchmark: bench/budget.sh): the shared budget keeps every request inside the
 * limit after the first window, uses at least 90% of it, and every run completes — on one
 * instance (H2) and on two instances sharing the budget through PostgreSQL.
 */
class RateBudgetIT {
    /** The provider's limit per key per rolling second; {@code -Dbudget.limit=} for the benchmark. */
    private static final int LIMIT = Integer.getInteger("budget.limit", 10);
    /** Pages per stream; {@code -Dbudget.pages=500} makes 10,000 requests. */
    private static final int PAGES = Integer.getInteger("budget.pages", 8);
    private static final String KEY = "pd-shared-SECRET";

    @TempDir
    Path dir;
    private final List<AutoCloseable> opened = new ArrayList<>();

    @AfterEach
    void close() throws Exception {
        for (int i = opened.size() - 1; i >= 0; i--) {
            opened.get(i).close();
        }
    }

    private <T extends AutoCloseable> T opened(T closeable) {
        opened.add(closeable);
        return closeable;
    }

    @Test
    void one_instance_shares_the_account_budget_across_connections_and_streams() throws Exception {
        RateLimitedPipedrive provider = opened(new RateLimitedPipedrive(LIMIT, PAGES));
        Map<String, String> env = new HashMap<>();
        env.put("CONNECTIONS_DB_URL", "jdbc:h2:file:" + dir.resolve("connections"));
        env.put("CONNECTIONS_PIPEDRIVE_API_BASE_URL", provider.base());
        env.put("CONNECTIONS_PIPEDRIVE_RATE_LIMIT", LIMIT + "/PT1S");
        ConnectionsRuntime runtime = opened(ConnectionsRuntime.open(AppConfig.fromEnvironment(env, "127.0.0.1", 8080),
                SyncSettings.defaults()));
        syncFiveConnectionsOfOneAccount(provider, List.of(runtime), 5);
    }

    @Test
    void two_instances_on_postgresql_share_one_budget_through_the_database() throws Exception {
        RateLimitedPipedrive provider = opened(new RateLimitedPipedrive(LIMIT, PAGES));
        PostgresTestDatabase.Database database = PostgresTestDatabase.freshSchema("budgets");
        Map<String, String> env = TestServer.postgresEnv(database, provider.base());
        env.put("CONNECTIONS_PIPEDRIVE_RATE_LIMIT", LIMIT + "/PT1S");
        AppConfig config = AppConfig.fromEnvironment(env, "127.0.0.1", 8080);
        ConnectionsRuntime first = opened(ConnectionsRuntime.open(config, SyncSettings.defaults()));
        ConnectionsRuntime second = opened(ConnectionsRuntime.open(config, SyncSettings.defaults()));
        syncFiveConnectionsOfOneAccount(provider, List.of(first, second), 3);
    }

    private void syncFiveConnectionsOfOneAccount(RateLimitedPipedrive provider, List<ConnectionsRuntime> instances,
            int workersEach) throws Exception {
        ConnectionsRuntime any = instances.get(0);
        Map<ConnectionId, Principal> connections = new HashMap<>();
        for (int i = 0; i < 5; i++) {
            String workspace = "tenant-" + i;
            any.app.administration().createWorkspace(workspace, workspace);
            any.app.administration().addMember(workspace, "admin", Role.ADMIN);
            Principal admin = any.app.authenticate()
                    .authenticate(any.app.administration().createToken(workspace, "admin", false)).orElseThrow();
            ConnectionId id = any.app.connect().connect(admin, new ConnectCommand("pipedrive", "Pipedrive " + i, null,
                    null, KEY, null, null, null, null)).connection().connection().id();
            connections.put(id, admin);
        }
        Thread.sleep(1_100); // the connects' identity calls leave the provider's window
        provider.clearLog();
        for (ConnectionsRuntime instance : instances) {
            opened(instance.app.startSyncEngine(new SyncEngineRunner.Options(true, workersEach, Duration.ofMillis(100))));
        }
        org.awaitility.Awaitility.await().atMost(Duration.ofMinutes(30)).pollInterval(Duration.ofMillis(200))
                .until(() -> allFinished(any, connections));
        connections.forEach((id, admin) -> {
            ConnectionView view = any.app.queries().get(admin, id);
            assertThat(view.lastRun()).as("every run finished").isNotNull();
            assertThat(view.lastRun().status()).as(String.valueOf(view.lastRun().errorMessage()))
                    .isEqualTo(SyncRunStatus.COMPLETED);
            assertThat(view.lastRun().streamsFailed()).isZero();
        });

        List<RateLimitedPipedrive.Arrival> log = provider.log();
        long first = log.get(0).nanos();
        long last = log.get(log.size() - 1).nanos();
        long refused = log.stream().filter(a -> a.status() == 429).count();
        long refusedAfterFirstWindow = log.stream().filter(a -> a.status() == 429 && a.nanos() > first + 1_000_000_000L).count();
        long served = log.size() - refused;
        for (RateLimitedPipedrive.Arrival a : log) {
            if (a.status() == 429) {
                StringBuilder around = new StringBuilder("429 at " + (a.nanos() - first) / 1_000_000 + " ms; the second before:");
                log.stream().filter(b -> b.nanos() > a.nanos() - 1_100_000_000L && b.nanos() <= a.nanos())
                        .forEach(b -> around.append(' ').append((b.nanos() - first) / 1_000_000).append(b.status() == 429 ? "!" : "")
                                .append(b.path().substring(4, 6)));
                System.out.println(around);
            }
        }
        double perSecond = (served - 1) / ((last - first) / 1e9);
        System.out.printf("rate budget, %d instance(s): %d requests (%d pages expected), %d answered 429 (%d after the"
                + " first second), %.2f requests/s served = %.3f of the limit%n", instances.size(), log.size(),
                EXPECTED, refused, refusedAfterFirstWindow, perSecond, perSecond / LIMIT);
        assertThat(served).isEqualTo(EXPECTED);
        assertThat(refusedAfterFirstWindow).as("provider 429s after the first window").isZero();
        assertThat(perSecond / LIMIT).as("budget use").isGreaterThanOrEqualTo(0.9).isLessThanOrEqualTo(1.0);
    }

    /** Every page of the four streams of five connections, and each connection's one listing of deleted deals. */
    private static final long EXPECTED = 5 * 4 * PAGES + 5;

    private static boolean allFinished(ConnectionsRuntime runtime, Map<ConnectionId, Principal> connections) {
        return connections.entrySet().stream().allMatch(e -> {
            var run = runtime.app.queries().get(e.getValue(), e.getKey()).lastRun();
            return run != null && (run.status() == SyncRunStatus.COMPLETED || run.status() == SyncRunStatus.FAILED);
        });
    }
}
