package com.amdahl.connections.app.bench;

import com.amdahl.connections.adapter.persistence.PersistenceAdapter;
import com.amdahl.connections.adapter.persistence.PersistenceSettings;
import com.amdahl.connections.adapter.providers.ConnectorRegistry;
import com.amdahl.connections.adapter.providers.Providers;
import com.amdahl.connections.application.ConnectionsApplication;
import com.amdahl.connections.application.port.out.RecordSink.SyncedRecord;
import com.amdahl.connections.domain.catalog.Catalog;
import com.amdahl.connections.domain.catalog.Scope;
import com.amdahl.connections.domain.connection.AccountIdentity;
import com.amdahl.connections.domain.connection.Connection;
import com.amdahl.connections.domain.connection.Profile;
import com.amdahl.connections.domain.connection.RunStep;
import com.amdahl.connections.domain.sync.RunId;
import com.amdahl.connections.domain.sync.RunResult;
import com.amdahl.connections.domain.sync.StreamOutcome;
import com.amdahl.connections.domain.sync.TriggeredBy;
import com.amdahl.connections.domain.workspace.ConnectionId;
import com.amdahl.connections.domain.workspace.Workspace;
import com.amdahl.connections.domain.workspace.WorkspaceId;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.UUID;

/**
 * A driver program (not a test): measures the storage paths the issues set goals for, on H2 (a
 * file) or on PostgreSQL ({@code --pg URL USER PASSWORD}). Run with {@code bench/storage.sh};
 * {@code -Dbench=list,pairs} picks the parts.
 *
 * <ul>
 *   <li>list 1,000 connections with their last runs (goal: median ≤ 5 ms on H2);
 *   <li>run start + finish through the application's port (goal ≥ 2,000 pairs/s on H2);
 *   <li>the scheduler's due query over 100,000 connections (goal &lt; 50 ms);
 *   <li>records upserted per second by the default sink;
 *   <li>on H2, what durable commits cost: run boundaries with WRITE_DELAY=0 against H2's 500 ms.
 * </ul>
 */
public final class StorageBenchmark {
    private static final Catalog CATALOG = ConnectorRegistry.launch().catalog();

    public static void main(String[] args) throws Exception {
        PersistenceSettings settings;
        String label;
        if (args.length >= 1 && args[0].equals("--pg")) {
            settings = new PersistenceSettings(args[1], args[2], args.length > 3 ? args[3] : "", 8,
                    Map.of("k", new byte[32]), "k");
            label = "PostgreSQL";
        } else {
            Path dir = Files.createTempDirectory("connections-bench");
            settings = new PersistenceSettings("jdbc:h2:file:" + dir.resolve("bench") + ";AUTO_SERVER=TRUE", null, null, 8,
                    Map.of("k", new byte[32]), "k");
            label = "H2 (file)";
        }
        try (PersistenceAdapter db = PersistenceAdapter.open(settings)) {
            System.out.println("# " + label + ", " + Runtime.getRuntime().availableProcessors() + " cores, Java "
                    + System.getProperty("java.version"));
            String only = System.getProperty("bench", "list,pairs,records,due,durability");
            if (only.contains("list")) {
                listThousand(db);
            }
            if (only.contains("pairs")) {
                double[] rates = runPairs(db);
                System.out.printf("run start+finish through the application: %,.0f pairs/s (dispatch+start+finish: %,.0f runs/s)%n",
                        rates[0], rates[1]);
            }
            if (only.contains("records")) {
                records(db);
            }
            if (only.contains("due")) {
                dueQuery(db);
            }
        }
        if (label.startsWith("H2") && System.getProperty("bench", "durability").contains("durability")) {
            durabilityCost();
        }
    }

    private static WorkspaceId workspace(PersistenceAdapter db) {
        WorkspaceId id = new WorkspaceId("bench-" + UUID.randomUUID().toString().substring(0, 8));
        db.workspaces().createWorkspace(new Workspace(id, "Bench", Instant.now()));
        return id;
    }

    private static Connection pipedrive(WorkspaceId workspace, Instant at) {
        return Connection.open(new ConnectionId(UUID.randomUUID().toString()), workspace, CATALOG.require("pipedrive"),
                new Profile("Pipedrive", Scope.BUSINESS, null, new AccountIdentity("1", "Acme"), null), null, at);
    }

    /** Stores a connection with one finished run (the list joins it). */
    private static Connection withRun(PersistenceAdapter db, Connection connection, Instant at) {
        db.connections().insert(connection);
        RunStep dispatched = connection.dispatchRun(new RunId(UUID.randomUUID().toString()), TriggeredBy.SCHEDULE, at);
        db.runs().insert(dispatched.run());
        RunStep begun = dispatched.connection().beginRun(dispatched.run(), at);
        RunStep finished = begun.connection().finishRun(begun.run(),
                RunResult.of(List.of(StreamOutcome.succeeded("deals", 42))), at.plusSeconds(3));
        db.runs().update(finished.run());
        return db.connections().update(finished.connection());
    }

    private static void listThousand(PersistenceAdapter db) {
        WorkspaceId ws = workspace(db);
        Instant t = Instant.now().minus(Duration.ofDays(1));
        db.unitOfWork().run(() -> {
            for (int i = 0; i < 1000; i++) {
                withRun(db, pipedrive(ws, t.plusSeconds(i)), t.plusSeconds(i + 60));
            }
        });
        for (int i = 0; i < 50; i++) {
            db.connections().listSnapshots(ws);
        }
        long[] samples = new long[300];
        for (int i = 0; i < samples.length; i++) {
            long start = System.nanoTime();
            int size = db.connections().listSnapshots(ws).size();
            samples[i] = System.nanoTime() - start;
            if (size != 1000) {
                throw new IllegalStateException("expected 1000 connections, got " + size);
            }
        }
        report("list 1,000 connections with last run", samples);
    }

    /**
     * Run boundaries through the application's own port (what the engine calls): each boundary is
     * one unit of work that reads the run and the connection, writes both, and checks health.
     */
    /**
     * What durable commits cost on H2: run boundaries on a file written at each commit (the
     * default, WRITE_DELAY=0) against one with H2's own 500 ms write delay, alternating three
     * times so both see the same machine load.
     */
    private static void durabilityCost() throws Exception {
        Path dir = Files.createTempDirectory("connections-bench-durability");
        String[] urls = {"jdbc:h2:file:" + dir.resolve("delayed") + ";AUTO_SERVER=TRUE;WRITE_DELAY=500",
            "jdbc:h2:file:" + dir.resolve("durable") + ";AUTO_SERVER=TRUE"};
        String[] names = {"H2 WRITE_DELAY=500 (before)", "H2 WRITE_DELAY=0 (now)"};
        for (int pass = 1; pass <= 3; pass++) {
            for (int i = 0; i < urls.length; i++) {
                try (PersistenceAdapter db = PersistenceAdapter.open(new PersistenceSettings(urls[i], null, null, 8,
                        Map.of("k", new byte[32]), "k"))) {
                    double[] rates = runPairs(db);
                    System.out.printf("pass %d, %-28s start+finish %,7.0f pairs/s, dispatch+start+finish %,7.0f runs/s%n",
                            pass, names[i], rates[0], rates[1]);
                }
            }
        }
    }

    /** Run boundaries through the application: {start+finish pairs/s, dispatch+start+finish runs/s}. */
    private static double[] runPairs(PersistenceAdapter db) {
        ConnectionsApplication app = application(db);
        WorkspaceId ws = workspace(db);
        List<ConnectionId> ids = new ArrayList<>();
        db.unitOfWork().run(() -> {
            for (int i = 0; i < 200; i++) {
                Connection c = pipedrive(ws, Instant.now());
                db.connections().insert(c);
                ids.add(c.id());
            }
        });
        RunResult result = RunResult.of(List.of(StreamOutcome.succeeded("deals", 1)));
        int rounds = 40;
        long pairNanos = 0;
        long allNanos = 0;
        for (int round = 0; round < rounds; round++) {
            for (ConnectionId id : ids) {
                long t0 = System.nanoTime();
                RunId run = app.syncRuns().dispatch(ws, id, TriggeredBy.MANUAL).id();
                long t1 = System.nanoTime();
                app.syncRuns().begin(ws, run);
                app.syncRuns().finish(ws, run, result);
                long t2 = System.nanoTime();
                if (round >= 20) { // the first rounds warm up
                    pairNanos += t2 - t1;
                    allNanos += t2 - t0;
                }
            }
        }
        int measured = (rounds - 20) * ids.size();
        return new double[] {measured / (pairNanos / 1e9), measured / (allNanos / 1e9)};
    }

    private static ConnectionsApplication application(PersistenceAdapter db) {
        Providers providers = Providers.fromEnvironment(Map.of());
        return ConnectionsApplication.builder()
                .connections(db.connections()).runs(db.runs()).events(db.events()).credentials(db.credentials())
                .oauthStates(db.oauthStates()).workspaces(db.workspaces()).tokens(db.tokens())
                .cadenceOverrides(db.cadenceOverrides()).unitOfWork(db.unitOfWork())
                .oauth(providers.oauth()).apiKeys(providers.apiKeys()).handles(providers.handles())
                .schedulingQueries(db.schedulingQueries()).puller(providers.puller()).recordSink(db.recordSink())
                .cursors(db.cursors()).tokenRefresher(providers.tokenRefresher()).catalog(providers.catalog())
                .build();
    }

    private static void records(PersistenceAdapter db) {
        WorkspaceId ws = workspace(db);
        Connection c = pipedrive(ws, Instant.now());
        db.connections().insert(c);
        String payload = "{\"id\":%d,\"name\":\"Person %d\",\"email\":\"p%d@acme.example\",\"org_id\":7}";
        int pages = 60;
        long start = 0;
        for (int p = 0; p < pages; p++) {
            if (p == 10) {
                start = System.nanoTime();
            }
            List<SyncedRecord> page = new ArrayList<>();
            for (int i = 0; i < 100; i++) {
                int id = (p % 30) * 100 + i; // half the pages rewrite existing records: real upserts
                page.add(new SyncedRecord(Integer.toString(id), String.format(payload, id, id, id)));
            }
            db.recordSink().write(ws, c.id(), "persons", page);
        }
        double seconds = (System.nanoTime() - start) / 1e9;
        System.out.printf("records upserted by the default sink: %,.0f records/s (pages of 100)%n", 5000 / seconds);
    }

    private static void dueQuery(PersistenceAdapter db) {
        WorkspaceId ws = workspace(db);
        Instant t = Instant.now().minus(Duration.ofDays(2));
        int total = 100_000;
        for (int batch = 0; batch < total / 2000; batch++) {
            int offset = batch * 2000;
            db.unitOfWork().run(() -> {
                for (int i = 0; i < 2000; i++) {
                    Connection c = pipedrive(ws, t);
                    db.connections().insert(c);
                    if ((offset + i) % 100 != 0) { // 1% never ran: due at once; the rest dispatched recently
                        Connection stored = db.connections().find(ws, c.id()).orElseThrow();
                        RunStep d = stored.dispatchRun(new RunId(UUID.randomUUID().toString()), TriggeredBy.SCHEDULE,
                                Instant.now().minusSeconds(60));
                        db.runs().insert(d.run());
                        RunStep b = d.connection().beginRun(d.run(), Instant.now().minusSeconds(60));
                        RunStep f = b.connection().finishRun(b.run(), RunResult.of(List.of(StreamOutcome.succeeded("deals", 1))),
                                Instant.now().minusSeconds(59));
                        db.runs().update(f.run());
                        db.connections().update(f.connection());
                    }
                }
            });
        }
        Map<String, Instant> cutoffs = Map.of("pipedrive", Instant.now().minus(Duration.ofHours(1)),
                "hubspot", Instant.now().minus(Duration.ofHours(1)));
        for (int i = 0; i < 20; i++) {
            db.schedulingQueries().findDueCandidates(cutoffs, 200);
        }
        long[] samples = new long[100];
        int found = 0;
        for (int i = 0; i < samples.length; i++) {
            long start = System.nanoTime();
            found = db.schedulingQueries().findDueCandidates(cutoffs, 200).size();
            samples[i] = System.nanoTime() - start;
        }
        report("due query over " + String.format("%,d", total) + " connections (" + found + " due, limit 200)", samples);
    }

    private static void report(String what, long[] nanos) {
        long[] sorted = nanos.clone();
        Arrays.sort(sorted);
        System.out.printf("%s: median %.2f ms, p99 %.2f ms (%d samples)%n", what, sorted[sorted.length / 2] / 1e6,
                sorted[(int) Math.ceil(sorted.length * 0.99) - 1] / 1e6, sorted.length);
    }
}
