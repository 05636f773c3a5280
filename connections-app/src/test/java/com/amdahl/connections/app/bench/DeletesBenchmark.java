package com.amdahl.connections.app.bench;

import static com.github.tomakehurst.wiremock.client.WireMock.equalTo;
import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.okJson;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.options;

import com.amdahl.connections.adapter.persistence.PersistenceAdapter;
import com.amdahl.connections.adapter.persistence.PersistenceSettings;
import com.amdahl.connections.adapter.providers.ConnectorRegistry;
import com.amdahl.connections.adapter.providers.Providers;
import com.amdahl.connections.application.port.out.Credentials;
import com.amdahl.connections.application.port.out.RecordSink;
import com.amdahl.connections.application.port.out.StreamPuller;
import com.amdahl.connections.application.port.out.StreamPuller.PullRequest;
import com.amdahl.connections.domain.catalog.Scope;
import com.amdahl.connections.domain.connection.Connection;
import com.amdahl.connections.domain.connection.Profile;
import com.amdahl.connections.domain.sync.DataSubject;
import com.amdahl.connections.domain.sync.DeleteGuard;
import com.amdahl.connections.domain.sync.Reconciliation;
import com.amdahl.connections.domain.workspace.ConnectionId;
import com.amdahl.connections.domain.workspace.Workspace;
import com.amdahl.connections.domain.workspace.WorkspaceId;
import com.github.tomakehurst.wiremock.WireMockServer;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * Delete detection's costs (issue 26), a driver program, not a test. {@code reconcile}: a
 * 100,000-record stream (Aircall calls, 1,000 pages of 100 from a loopback stub) pulled in full
 * over unchanged data, plain against reconciled (the listed ids remembered, then what the engine's
 * reconciler does: the live ids, the decision, the saved state), alternating which goes first.
 * {@code erasure}: 1,000,000 records of ~1 KB over 10 connections of one workspace, 100 of them
 * holding the subject; the erasure's wall time, and a connection read's latency (the status read's
 * query) before and during it. H2 file by default, PostgreSQL with {@code --pg URL USER [PASSWORD]}.
 * Run with {@code bench/deletes.sh}.
 */
public final class DeletesBenchmark {
    private static final int PAGES = 1000;
    private static final int PER_PAGE = 100;
    private static final String SUBJECT = "erased.person@example.org";

    public static void main(String[] args) throws Exception {
        BenchDatabase bench = BenchDatabase.from(args);
        PersistenceSettings settings = bench.settings();
        String where = bench.name();
        System.out.printf("# %s, %d cores, Java %s%n", where, Runtime.getRuntime().availableProcessors(),
                System.getProperty("java.version"));
        try (PersistenceAdapter db = PersistenceAdapter.open(settings)) {
            String parts = System.getProperty("bench", "reconcile,erasure");
            if (parts.contains("reconcile")) {
                reconcile(db);
            }
            if (parts.contains("erasure")) {
                erasure(db, bench);
            }
        }
    }

    private static Connection connection(PersistenceAdapter db, WorkspaceId ws, String type) {
        Connection connection = Connection.open(new ConnectionId(UUID.randomUUID().toString()), ws,
                ConnectorRegistry.launch().catalog().require(type), new Profile(type, Scope.BUSINESS, null, null, null),
                null, Instant.now());
        db.connections().insert(connection);
        return connection;
    }

    private static WorkspaceId workspace(PersistenceAdapter db, String prefix) {
        WorkspaceId ws = new WorkspaceId(prefix + "-" + UUID.randomUUID().toString().substring(0, 8));
        db.workspaces().createWorkspace(new Workspace(ws, prefix, Instant.now()));
        return ws;
    }

    // ---- reconciliation ---------------------------------------------------------------------

    private static void reconcile(PersistenceAdapter db) {
        WireMockServer stub = new WireMockServer(options().bindAddress("127.0.0.1").dynamicPort().disableRequestJournal());
        stub.start();
        try {
            String base = "http://127.0.0.1:" + stub.port();
            for (int page = 1; page <= PAGES; page++) {
                var request = get(urlPathEqualTo("/v1/calls"));
                request = page == 1 ? request.withQueryParam("page", com.github.tomakehurst.wiremock.client.WireMock.absent())
                        : request.withQueryParam("page", equalTo(Integer.toString(page)));
                stub.stubFor(request.willReturn(okJson(page(base, page))));
            }
            StreamPuller puller = Providers.fromEnvironment(Map.of("CONNECTIONS_AIRCALL_API_BASE_URL", base)).puller();
            WorkspaceId ws = workspace(db, "reconcile");
            Connection c = connection(db, ws, "aircall");
            PullRequest request = new PullRequest(ws, c.id(), "aircall", "calls", Credentials.apiKey("id:token"), null, () -> { });
            var reconciliations = db.recordReconciliations();
            long started = System.nanoTime();
            puller.pull(request, db.recordSink());
            System.out.printf("first pass (stores %,d records): %.1f s%n", PAGES * PER_PAGE, (System.nanoTime() - started) / 1e9);
            for (int round = 0; round < 6; round++) {
                boolean plainFirst = round % 2 == 0;
                double plain = 0;
                double reconciled = 0;
                double stepSeconds = 0;
                for (int turn = 0; turn < 2; turn++) {
                    boolean plainTurn = (turn == 0) == plainFirst;
                    Set<String> listed = new HashSet<>();
                    RecordSink sink = plainTurn ? db.recordSink() : (w, id, stream, records) -> {
                        records.forEach(r -> listed.add(r.externalId()));
                        return db.recordSink().write(w, id, stream, records);
                    };
                    long start = System.nanoTime();
                    var result = puller.pull(request, sink);
                    if (result.outcome().isFailure()) {
                        throw new IllegalStateException("the pass failed: " + result.outcome());
                    }
                    long step = System.nanoTime();
                    if (!plainTurn) {
                        // as StreamReconciler does it: live ids streamed past the listing, never held at once
                        java.util.List<String> unlisted = new java.util.ArrayList<>();
                        long live = reconciliations.eachLiveId(ws, c.id(), "calls", id -> {
                            if (!listed.contains(id)) {
                                unlisted.add(id);
                            }
                        });
                        var state = reconciliations.state(ws, c.id(), "calls");
                        var decision = Reconciliation.decide(live, unlisted, state.missing(), false, DeleteGuard.DEFAULT);
                        reconciliations.save(ws, c.id(), "calls", decision.missing(), decision.held(), Instant.now());
                        if (!decision.delete().isEmpty() || live != PAGES * PER_PAGE) {
                            throw new IllegalStateException("unexpected decision: " + decision.delete().size());
                        }
                    }
                    if (!plainTurn) {
                        stepSeconds = (System.nanoTime() - step) / 1e9;
                    }
                    double seconds = (System.nanoTime() - start) / 1e9;
                    if (plainTurn) {
                        plain = seconds;
                    } else {
                        reconciled = seconds;
                    }
                }
                System.out.printf("%s round %d: full pass %.2f s, reconciled full pass %.2f s (%+.1f%%), of which the"
                                + " reconcile step (live ids, decision, saved state) %.2f s = %.1f%% of the plain pass%n",
                        round == 0 ? "warm-up" : "timed", round, plain, reconciled, 100 * (reconciled / plain - 1),
                        stepSeconds, 100 * stepSeconds / plain);
            }
        } finally {
            stub.stop();
        }
    }

    private static String page(String base, int page) {
        StringBuilder calls = new StringBuilder();
        for (int i = 0; i < PER_PAGE; i++) {
            int id = (page - 1) * PER_PAGE + i;
            calls.append(i == 0 ? "" : ",").append("{\"id\":").append(id).append(",\"started_at\":")
                    .append(1_790_000_000L + id).append(",\"status\":\"done\",\"duration\":").append(id % 600).append('}');
        }
        String next = page == PAGES ? "null" : "\"" + base + "/v1/calls?page=" + (page + 1) + "&per_page=50\"";
        return "{\"calls\":[" + calls + "],\"meta\":{\"count\":" + PER_PAGE + ",\"next_page_link\":" + next + "}}";
    }

    // ---- erasure ----------------------------------------------------------------------------

    private static void erasure(PersistenceAdapter db, BenchDatabase bench) throws Exception {
        WorkspaceId ws = workspace(db, "erasure");
        List<Connection> connections = new ArrayList<>();
        long seeding = System.nanoTime();
        for (int i = 0; i < 10; i++) {
            Connection c = connection(db, ws, "pipedrive");
            connections.add(c);
            // every 10,000th record names the subject
            bench.seed(ws, c.id(), 100_000, "'{\"id\":' || CAST(x AS VARCHAR(20)) || ',\"email\":\"' || CASE WHEN"
                    + " MOD(x, 10000) = 0 THEN '" + SUBJECT + "' ELSE 'person' || CAST(x AS VARCHAR(20)) || '@example.org' END"
                    + " || '\",\"notes\":\"" + "x".repeat(950) + "\"}'");
        }
        System.out.printf("seeded 1,000,000 records of ~1 KB over 10 connections (100 hold the subject) in %.1f s%n",
                (System.nanoTime() - seeding) / 1e9);
        ConnectionId probe = connections.get(0).id();
        long[] before = reads(db, ws, probe, 2_000);
        AtomicBoolean erasing = new AtomicBoolean(true);
        List<Long> during = java.util.Collections.synchronizedList(new ArrayList<>());
        Thread reader = new Thread(() -> {
            while (erasing.get()) {
                long start = System.nanoTime();
                db.connections().find(ws, probe).orElseThrow();
                during.add(System.nanoTime() - start);
            }
        });
        reader.start();
        long start = System.nanoTime();
        var erased = db.recordPurges().erase(ws, DataSubject.parse(SUBJECT).orElseThrow(), Instant.now());
        double seconds = (System.nanoTime() - start) / 1e9;
        erasing.set(false);
        reader.join();
        long total = erased.stream().mapToLong(e -> e.records()).sum();
        if (total != 100) {
            throw new IllegalStateException("erased " + total + ", not 100");
        }
        long[] while_ = during.stream().mapToLong(Long::longValue).sorted().toArray();
        System.out.printf("erasure: %,d records in %d connections erased in %.1f s (goal < 60 s)%n", total, erased.size(),
                seconds);
        System.out.printf("connection read before: p50 %.2f ms, p99 %.2f ms; during (%,d reads): p50 %.2f ms, p99 %.2f ms%n",
                at(before, 50), at(before, 99), while_.length, at(while_, 50), at(while_, 99));
    }

    private static long[] reads(PersistenceAdapter db, WorkspaceId ws, ConnectionId id, int n) {
        long[] took = new long[n];
        for (int i = 0; i < n; i++) {
            long start = System.nanoTime();
            db.connections().find(ws, id).orElseThrow();
            took[i] = System.nanoTime() - start;
        }
        Arrays.sort(took);
        return took;
    }

    private static double at(long[] sorted, int percentile) {
        return sorted.length == 0 ? Double.NaN : sorted[Math.min(sorted.length - 1, sorted.length * percentile / 100)] / 1e6;
    }
}
