package com.amdahl.connections.app.bench;

import com.amdahl.connections.adapter.persistence.PersistenceAdapter;
import com.amdahl.connections.adapter.persistence.PersistenceSettings;
import com.amdahl.connections.adapter.providers.ConnectorRegistry;
import com.amdahl.connections.application.port.out.RecordFeed;
import com.amdahl.connections.application.port.out.RecordFeed.Position;
import com.amdahl.connections.application.port.out.RecordFeed.StoredRecord;
import com.amdahl.connections.application.view.JsonShapes;
import com.amdahl.connections.application.view.JsonText;
import com.amdahl.connections.domain.catalog.Scope;
import com.amdahl.connections.domain.connection.Connection;
import com.amdahl.connections.domain.connection.Profile;
import com.amdahl.connections.domain.workspace.ConnectionId;
import com.amdahl.connections.domain.workspace.Workspace;
import com.amdahl.connections.domain.workspace.WorkspaceId;
import java.time.Instant;
import java.util.Arrays;
import java.util.List;
import java.util.Random;
import java.util.UUID;

/**
 * The records feed (issue 22), a driver program, not a test: {@code N} records of about 1 KB for one
 * connection (seeded by SQL, as the sink would have left them: unique positions 1..N), then (1) one
 * consumer reading the whole feed from the start in pages of 1,000, rendered to JSON as the REST
 * and MCP reads are, and (2) 2,000 pages of 100 from random positions: p50 / p99. H2 file by
 * default, PostgreSQL with {@code --pg URL USER [PASSWORD]}. Run with {@code bench/feed.sh [N]}.
 */
public final class FeedBenchmark {
    public static void main(String[] args) throws Exception {
        int n = Integer.getInteger("records", 1_000_000);
        BenchDatabase bench = BenchDatabase.from(args);
        PersistenceSettings settings = bench.settings();
        String where = bench.name();
        try (PersistenceAdapter db = PersistenceAdapter.open(settings)) {
            WorkspaceId ws = new WorkspaceId("feed-" + UUID.randomUUID().toString().substring(0, 8));
            db.workspaces().createWorkspace(new Workspace(ws, "Feed bench", Instant.now()));
            Connection connection = Connection.open(new ConnectionId(UUID.randomUUID().toString()), ws,
                    ConnectorRegistry.launch().catalog().require("pipedrive"),
                    new Profile("Pipedrive", Scope.BUSINESS, null, null, null), null, Instant.now());
            db.connections().insert(connection);
            long seeding = System.nanoTime();
            bench.seed(ws, connection.id(), n, "'{\"id\":' || CAST(x AS VARCHAR(20)) || ',\"name\":\"Person ' || CAST(x AS VARCHAR(20))"
                    + " || '\",\"notes\":\"" + "x".repeat(950) + "\"}'");
            System.out.printf("# %s, %d cores, Java %s; %,d records of ~1 KB seeded in %.1f s%n", where,
                    Runtime.getRuntime().availableProcessors(), System.getProperty("java.version"), n,
                    (System.nanoTime() - seeding) / 1e9);
            RecordFeed feed = db.recordFeed();
            for (int round = 0; round < 3; round++) {
                long start = System.nanoTime();
                long read = 0;
                long bytes = 0;
                Position after = Position.START;
                while (true) {
                    List<StoredRecord> page = feed.changesAfter(ws, connection.id(), null, after, 1000);
                    if (page.isEmpty()) {
                        break;
                    }
                    bytes += JsonText.write(JsonShapes.recordsDocument(page, "c", true)).length();
                    read += page.size();
                    after = page.get(page.size() - 1).position();
                }
                double seconds = (System.nanoTime() - start) / 1e9;
                System.out.printf("%s whole feed: %,d records (%,d MB of JSON) in %.1f s = %,.0f records/s%n",
                        round == 0 ? "warm-up" : "timed", read, bytes / 1_000_000, seconds, read / seconds);
            }
            Random random = new Random(20261206L);
            long[] took = new long[2000];
            for (int i = 0; i < took.length; i++) {
                Position at = new Position(1 + random.nextInt(n - 100), "", "");
                long start = System.nanoTime();
                List<StoredRecord> page = feed.changesAfter(ws, connection.id(), null, at, 100);
                JsonText.write(JsonShapes.recordsDocument(page, "c", true));
                took[i] = System.nanoTime() - start;
            }
            Arrays.sort(took);
            System.out.printf("page of 100 from a random position (2,000 reads): p50 %.2f ms, p99 %.2f ms, max %.2f ms%n",
                    took[took.length / 2] / 1e6, took[took.length * 99 / 100] / 1e6, took[took.length - 1] / 1e6);
        }
    }
}
