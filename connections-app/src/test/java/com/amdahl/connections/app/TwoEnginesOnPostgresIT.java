package com.amdahl.connections.app;

import static com.github.tomakehurst.wiremock.client.WireMock.equalTo;
import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.okJson;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.options;
import static org.assertj.core.api.Assertions.assertThat;

import com.amdahl.connections.adapter.persistence.PostgresTestDatabase;
import com.amdahl.connections.application.Principal;
import com.amdahl.connections.application.SyncEngineRunner;
import com.amdahl.connections.application.SyncSettings;
import com.amdahl.connections.application.port.in.ConnectCommand;
import com.amdahl.connections.domain.ConnectionsException;
import com.amdahl.connections.domain.workspace.ConnectionId;
import com.amdahl.connections.domain.workspace.Role;
import com.github.tomakehurst.wiremock.WireMockServer;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * Two engines (two application instances with their own pools) share one PostgreSQL database
 * and tick concurrently while manual syncs race them: no connection ever has two runs in flight,
 * every due connection gets its run, and races end as skipped_locked, never as a duplicate.
 */
class TwoEnginesOnPostgresIT {
    private static final int CONNECTIONS = 24;
    private static final String KEY = "pd-key";

    private WireMockServer provider;
    private PostgresTestDatabase.Database database;
    private ConnectionsRuntime first;
    private ConnectionsRuntime second;

    @BeforeEach
    void start() {
        provider = new WireMockServer(options().bindAddress("127.0.0.1").dynamicPort().containerThreads(20));
        provider.start();
        provider.stubFor(get(urlPathEqualTo("/v1/users/me")).withHeader("x-api-token", equalTo(KEY))
                .willReturn(okJson("{\"success\":true,\"data\":{\"company_id\":1,\"company_name\":\"Acme\"}}")));
        for (String stream : new String[] {"persons", "deals", "organizations", "activities"}) {
            provider.stubFor(get(urlPathEqualTo("/v1/" + stream)).willReturn(okJson("{\"success\":true,\"data\":[{\"id\":1}],"
                    + "\"additional_data\":{\"pagination\":{\"more_items_in_collection\":false}}}").withFixedDelay(15)));
        }
        PipedriveStub.deletedDeals(provider, ""); // no deal deleted
        database = PostgresTestDatabase.freshSchema("engines");
        Map<String, String> env = TestServer.postgresEnv(database, "http://127.0.0.1:" + provider.port());
        AppConfig config = AppConfig.fromEnvironment(env, "127.0.0.1", 8080);
        first = ConnectionsRuntime.open(config, SyncSettings.defaults());
        second = ConnectionsRuntime.open(config, SyncSettings.defaults());
    }

    @AfterEach
    void stop() {
        first.close();
        second.close();
        provider.stop();
    }

    @Test
    void no_connection_ever_has_two_runs_in_flight_and_none_is_skipped() throws Exception {
        first.app.administration().createWorkspace("acme", "Acme");
        first.app.administration().addMember("acme", "alice", Role.ADMIN);
        Principal admin = first.app.authenticate()
                .authenticate(first.app.administration().createToken("acme", "alice", false)).orElseThrow();
        List<ConnectionId> ids = new ArrayList<>();
        for (int i = 0; i < CONNECTIONS; i++) {
            ids.add(first.app.connect().connect(admin, new ConnectCommand("pipedrive", "Pipedrive " + i, null, null,
                    KEY, null, null, null, null)).connection().connection().id());
        }

        AtomicBoolean running = new AtomicBoolean(true);
        List<String> violations = new CopyOnWriteArrayList<>();
        AtomicInteger manual = new AtomicInteger();
        Thread watcher = new Thread(() -> watchLocks(running, violations), "lock-watcher");
        Thread racer = new Thread(() -> {
            Random random = new Random(42);
            while (running.get()) {
                ConnectionsRuntime engine = random.nextBoolean() ? first : second;
                try {
                    engine.app.manage().requestSync(admin, ids.get(random.nextInt(ids.size())));
                    manual.incrementAndGet();
                } catch (ConnectionsException contended) {
                    // a conflict after retries is a refusal, never a duplicate
                }
                pause(5);
            }
        }, "manual-racer");
        try (SyncEngineRunner a = first.app.startSyncEngine(new SyncEngineRunner.Options(true, 3, Duration.ofMillis(20)));
                SyncEngineRunner b = second.app.startSyncEngine(new SyncEngineRunner.Options(true, 3, Duration.ofMillis(20)))) {
            watcher.start();
            racer.start();
            pause(6_000);
            running.set(false);
            racer.join();
            long deadline = System.currentTimeMillis() + 30_000;
            while (inFlight() > 0 && System.currentTimeMillis() < deadline) {
                pause(50);
            }
            watcher.join();
        }

        assertThat(violations).as("two runs in flight for one connection").isEmpty();
        assertThat(inFlight()).isZero();
        try (Connection db = jdbc(); var statement = db.createStatement()) {
            ResultSet synced = statement.executeQuery("SELECT COUNT(DISTINCT connection_id) FROM sync_runs"
                    + " WHERE status = 'completed'");
            synced.next();
            assertThat(synced.getInt(1)).as("every due connection synced (by the scheduler or a manual sync)")
                    .isEqualTo(CONNECTIONS);
            ResultSet duplicates = statement.executeQuery("SELECT COUNT(*) FROM (SELECT connection_id FROM sync_runs"
                    + " WHERE triggered_by = 'connect' GROUP BY connection_id HAVING COUNT(*) > 1) d");
            duplicates.next();
            assertThat(duplicates.getInt(1)).as("no connection ran its first sync twice").isZero();
            ResultSet overlaps = statement.executeQuery("SELECT COUNT(*) FROM sync_runs a JOIN sync_runs b"
                    + " ON a.connection_id = b.connection_id AND a.id < b.id"
                    + " WHERE a.status IN ('completed', 'failed') AND b.status IN ('completed', 'failed')"
                    + " AND a.started_at < b.finished_at AND b.started_at < a.finished_at");
            overlaps.next();
            assertThat(overlaps.getInt(1)).as("runs of one connection never overlap").isZero();
            ResultSet skipped = statement.executeQuery("SELECT COUNT(*) FROM sync_runs WHERE status = 'skipped_locked'");
            skipped.next();
            assertThat(skipped.getInt(1)).as("manual syncs raced runs in flight").isPositive();
        }
        assertThat(manual.get()).isGreaterThan(50);
    }

    private void watchLocks(AtomicBoolean running, List<String> violations) {
        try (Connection db = jdbc(); var statement = db.createStatement()) {
            while (running.get() || inFlight() > 0) {
                ResultSet rs = statement.executeQuery("SELECT connection_id, COUNT(*) FROM sync_runs"
                        + " WHERE status IN ('pending', 'running') GROUP BY connection_id HAVING COUNT(*) > 1");
                while (rs.next()) {
                    violations.add(rs.getString(1) + " x" + rs.getInt(2));
                }
                pause(10);
            }
        } catch (SQLException e) {
            violations.add("watcher failed: " + e.getMessage());
        }
    }

    private int inFlight() {
        try (Connection db = jdbc(); var statement = db.createStatement()) {
            ResultSet rs = statement.executeQuery("SELECT COUNT(*) FROM sync_runs WHERE status IN ('pending', 'running')");
            rs.next();
            return rs.getInt(1);
        } catch (SQLException e) {
            throw new AssertionError(e);
        }
    }

    private Connection jdbc() throws SQLException {
        return DriverManager.getConnection(database.url(), database.user(), database.password());
    }

    private static void pause(long millis) {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
