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
import com.amdahl.connections.domain.connection.Connection;
import com.amdahl.connections.domain.workspace.ConnectionId;
import com.amdahl.connections.domain.connection.Profile;
import com.amdahl.connections.domain.catalog.Scope;
import com.amdahl.connections.domain.workspace.Workspace;
import com.amdahl.connections.domain.workspace.WorkspaceId;
import com.github.tomakehurst.wiremock.WireMockServer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.Map;
import java.util.UUID;

/**
 * A driver program (not a test): records per second through one connector's stream engine and the
 * default sink. Aircall's {@code calls} stream pulls 10,000 records over 100 pages (following
 * {@code meta.next_page_link}) from a WireMock stub on loopback into H2 (a file); the first pass warms
 * up, the next rounds are timed. Each round pulls into a new connection twice per sink (a first pass:
 * every record new; a second over the same, unchanged data), for today's sink (change facts) and
 * for the plain upsert it replaced, alternating which goes first: the ratio of the two is the cost
 * of hashing and positions. Goals: ≥ 5,000 records/s on H2; change facts ≥ 0.9x the plain upsert;
 * a second pass ≥ 2x the first. Run with {@code bench/pull.sh}.
 */
public final class PullBenchmark {
    private static final int PAGES = 100;
    private static final int PER_PAGE = 100;

    public static void main(String[] args) throws Exception {
        WireMockServer stub = new WireMockServer(options().bindAddress("127.0.0.1").dynamicPort().disableRequestJournal());
        stub.start();
        String base = "http://127.0.0.1:" + stub.port();
        for (int page = 1; page <= PAGES; page++) {
            var request = get(urlPathEqualTo("/v1/calls"));
            request = page == 1 ? request.withQueryParam("page", com.github.tomakehurst.wiremock.client.WireMock.absent())
                    : request.withQueryParam("page", equalTo(Integer.toString(page)));
            stub.stubFor(request.willReturn(okJson(page(base, page))));
        }
        Path dir = Files.createTempDirectory("connections-pull-bench");
        PersistenceSettings settings = new PersistenceSettings("jdbc:h2:file:" + dir.resolve("bench") + ";AUTO_SERVER=TRUE",
                null, null, 8, Map.of("k", new byte[32]), "k");
        try (PersistenceAdapter db = PersistenceAdapter.open(settings)) {
            WorkspaceId ws = new WorkspaceId("bench");
            db.workspaces().createWorkspace(new Workspace(ws, "Bench", Instant.now()));
            StreamPuller puller = Providers.fromEnvironment(Map.of("CONNECTIONS_AIRCALL_API_BASE_URL", base)).puller();
            System.out.println("# H2 (file), " + Runtime.getRuntime().availableProcessors() + " cores, Java "
                    + System.getProperty("java.version") + "; aircall/calls, " + PAGES + " pages of " + PER_PAGE
                    + "; each round, per sink: a first pass into a new connection (every record new), then a second"
                    + " pass over the same, unchanged data");
            try (var plain = org.jdbi.v3.core.Jdbi.create(settings.jdbcUrl(), "", "").open()) {
                RecordSink before = plainUpsert(plain);
                for (int round = 0; round < 5; round++) {
                    // Alternate which sink goes first, so neither always meets a warmer cache.
                    boolean plainFirst = round % 2 == 0;
                    double[] now = {0, 0};
                    double[] then = {0, 0};
                    for (int turn = 0; turn < 2; turn++) {
                        boolean plainTurn = (turn == 0) == plainFirst;
                        Connection connection = Connection.open(new ConnectionId(UUID.randomUUID().toString()), ws,
                                ConnectorRegistry.launch().catalog().require("aircall"),
                                new Profile("Aircall", Scope.BUSINESS, null, null, null), null, Instant.now());
                        db.connections().insert(connection);
                        PullRequest request = new PullRequest(ws, connection.id(), "aircall", "calls",
                                Credentials.apiKey("id:token"), null, () -> { });
                        RecordSink sink = plainTurn ? before : db.recordSink();
                        double[] into = plainTurn ? then : now;
                        into[0] = pass(puller, request, sink, true, plainTurn ? "plain upsert" : "change facts");
                        into[1] = pass(puller, request, sink, false, plainTurn ? "plain upsert" : "change facts");
                    }
                    System.out.printf("%s round %d: change facts first pass %,.0f records/s, second pass %,.0f records/s"
                                    + " (%.2fx); plain upsert %,.0f and %,.0f records/s; change facts / plain upsert:"
                                    + " first pass %.2fx, second pass %.2fx%n",
                            round == 0 ? "warm-up" : "timed", round, now[0], now[1], now[1] / now[0], then[0], then[1],
                            now[0] / then[0], now[1] / then[1]);
                }
            }
        } finally {
            stub.stop();
        }
    }

    /**
     * The write path before change facts (the sink as it was up to V10): one upsert batch per page,
     * no hash, no position, every record rewritten. It runs on today's schema, so it also pays for
     * the two feed indexes V11 added: if anything, it is a little slower than it was.
     */
    private static RecordSink plainUpsert(org.jdbi.v3.core.Handle handle) {
        return (w, c, stream, records) -> handle.inTransaction(tx -> {
            var batch = tx.prepareBatch("MERGE INTO synced_records (workspace_id, connection_id, stream, external_id,"
                    + " parent_external_id, payload, synced_at) KEY (connection_id, stream, external_id) VALUES"
                    + " (:workspace_id, :connection_id, :stream, :external_id, :parent_external_id, :payload, :synced_at)");
            var now = java.sql.Timestamp.from(Instant.now());
            for (RecordSink.SyncedRecord record : records) {
                batch.bind("workspace_id", w.value()).bind("connection_id", c.value()).bind("stream", stream)
                        .bind("external_id", record.externalId()).bind("parent_external_id", record.parentId())
                        .bind("payload", record.payloadJson()).bind("synced_at", now).add();
            }
            batch.execute();
            return com.amdahl.connections.domain.sync.RecordCounts.written(records.size());
        });
    }

    /** One pass; answers records pulled per second and checks what the store says it did. */
    private static double pass(StreamPuller puller, PullRequest request, RecordSink into, boolean firstPass, String label) {
        com.amdahl.connections.domain.sync.RecordCounts[] counted = {com.amdahl.connections.domain.sync.RecordCounts.NONE};
        long[] inSink = {0};
        RecordSink sink = (w, c, stream, records) -> {
            long begin = System.nanoTime();
            var page = into.write(w, c, stream, records);
            inSink[0] += System.nanoTime() - begin;
            counted[0] = counted[0].plus(page);
            return page;
        };
        long start = System.nanoTime();
        var result = puller.pull(request, sink);
        double seconds = (System.nanoTime() - start) / 1e9;
        long expected = (long) PAGES * PER_PAGE;
        boolean plain = label.equals("plain upsert");
        if (result.outcome().isFailure() || (firstPass || plain ? counted[0].written() : counted[0].unchanged()) != expected) {
            throw new IllegalStateException("the pass failed: " + result.outcome() + " " + counted[0]);
        }
        System.out.printf("  %s, %s pass: %.2f s, of which the sink %.2f s%n", label, firstPass ? "first" : "second",
                seconds, inSink[0] / 1e9);
        return expected / seconds;
    }

    private static String page(String base, int page) {
        StringBuilder calls = new StringBuilder();
        for (int i = 0; i < PER_PAGE; i++) {
            int id = (page - 1) * PER_PAGE + i;
            calls.append(i == 0 ? "" : ",").append("{\"id\":").append(id).append(",\"direct_link\":\"https://api.aircall.io/v1/calls/")
                    .append(id).append("\",\"started_at\":").append(1_790_000_000L + id)
                    .append(",\"status\":\"done\",\"direction\":\"inbound\",\"duration\":").append(id % 600)
                    .append(",\"raw_digits\":\"+33 1 23 45 67 89\",\"user\":{\"id\":42,\"name\":\"Ada\"}}");
        }
        String next = page == PAGES ? "null" : "\"" + base + "/v1/calls?page=" + (page + 1) + "&per_page=50\"";
        return "{\"calls\":[" + calls + "],\"meta\":{\"count\":" + PER_PAGE + ",\"total\":" + PAGES * PER_PAGE
                + ",\"current_page\":" + page + ",\"per_page\":50,\"next_page_link\":" + next + ",\"previous_page_link\":null}}";
    }
}
