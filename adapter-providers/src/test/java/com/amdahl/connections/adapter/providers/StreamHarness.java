package com.amdahl.connections.adapter.providers;

import com.amdahl.connections.adapter.providers.kit.ConnectorContext;
import com.amdahl.connections.adapter.providers.kit.ConnectorPlugin;
import com.amdahl.connections.adapter.providers.kit.HttpCore;
import com.amdahl.connections.adapter.providers.kit.ProviderSettings;
import com.amdahl.connections.adapter.providers.kit.Stream;
import com.amdahl.connections.adapter.providers.kit.StreamRun;
import com.amdahl.connections.application.port.out.Credentials;
import com.amdahl.connections.application.port.out.RecordSink;
import com.amdahl.connections.application.port.out.StreamPuller.PullRequest;
import com.amdahl.connections.application.port.out.StreamPuller.PullResult;
import com.amdahl.connections.domain.sync.RunResult;
import com.amdahl.connections.domain.sync.StreamOutcome;
import com.amdahl.connections.domain.workspace.ConnectionId;
import com.amdahl.connections.domain.workspace.WorkspaceId;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;

/** Runs one stream of a plugin the way the sync engine does, recording what it wrote, slept and beat. */
public final class StreamHarness {
    public static final WorkspaceId WORKSPACE = new WorkspaceId("acme");
    public static final ConnectionId CONNECTION = new ConnectionId("c-1");
    /** Where children run, as the engine's child pool would (daemon threads that end when idle). */
    private static final ExecutorService CHILDREN = Executors.newCachedThreadPool(work -> {
        Thread thread = new Thread(work, "harness-child");
        thread.setDaemon(true);
        return thread;
    });

    /** stream/externalId → payload, in write order; a re-written record keeps its first position. */
    public final Map<String, String> written = new LinkedHashMap<>();
    /** How many records each sink call wrote (one entry per page with records). */
    public final List<Integer> pages = new ArrayList<>();
    public final List<Duration> sleeps = java.util.Collections.synchronizedList(new ArrayList<>());
    /** Stored cursors per stream, as the application keeps them between runs. */
    public final Map<String, String> cursors = new LinkedHashMap<>();
    public int heartbeats;
    private Runnable onHeartbeat = () -> { };

    private final ConnectorPlugin plugin;
    private final ProviderSettings settings;
    private final HttpCore http;
    private final Clock clock;
    /** stream/externalId of every record the provider said was deleted, in order. */
    public final List<String> deleted = java.util.Collections.synchronizedList(new ArrayList<>());
    /** stream/externalId → when the provider said it was deleted (absent: the provider did not say). */
    public final Map<String, java.time.Instant> deletedAt = java.util.Collections.synchronizedMap(new LinkedHashMap<>());
    private final RecordSink sink = new RecordSink() {
        @Override
        public com.amdahl.connections.domain.sync.RecordCounts write(WorkspaceId ws, ConnectionId id, String stream,
                List<SyncedRecord> page) {
            page.forEach(r -> written.put(stream + "/" + r.externalId(), r.payloadJson()));
            pages.add(page.size());
            return com.amdahl.connections.domain.sync.RecordCounts.written(page.size());
        }

        @Override
        public com.amdahl.connections.domain.sync.RecordCounts delete(WorkspaceId ws, ConnectionId id, String stream,
                List<DeletedRecord> page) {
            page.forEach(r -> {
                deleted.add(stream + "/" + r.externalId());
                if (r.deletedAt() != null) {
                    deletedAt.put(stream + "/" + r.externalId(), r.deletedAt());
                }
            });
            return new com.amdahl.connections.domain.sync.RecordCounts(0, 0, page.size(), 0, 0);
        }
    };

    public StreamHarness(ConnectorPlugin plugin, ProviderSettings settings) {
        this(plugin, settings, Clock.systemUTC());
    }

    /** With the clock the adapter would be given (tests fix it). */
    public StreamHarness(ConnectorPlugin plugin, ProviderSettings settings, Clock clock) {
        this.plugin = plugin;
        this.settings = settings;
        this.http = new HttpCore(settings);
        this.clock = clock;
    }

    /** Also runs {@code beat} on every liveness check (benchmarks time them). */
    public void onHeartbeat(Runnable beat) {
        this.onHeartbeat = beat;
    }

    /** Pulls the plugin's stream of that name. */
    public PullResult pull(String stream, Credentials credentials, String cursor) {
        return pull(plugin.streams().stream().filter(s -> s.name().equals(stream)).findFirst().orElseThrow(),
                credentials, cursor);
    }

    /**
     * One sync run over every stream of the plugin, as the sync engine does it: each stream from its
     * stored cursor, the cursor of a stream that succeeded kept for the next run.
     */
    public RunResult run(Credentials credentials) {
        return run(credentials, false);
    }

    /** A run with {@code full_refresh}: stored cursors ignored for this run (and replaced by the new ones). */
    public RunResult run(Credentials credentials, boolean fullRefresh) {
        List<StreamOutcome> outcomes = new ArrayList<>();
        for (Stream stream : plugin.streams()) {
            PullResult result = pull(stream, credentials, fullRefresh ? null : cursors.get(stream.name()));
            if (!result.outcome().isFailure() && result.nextCursor() != null) {
                cursors.put(stream.name(), result.nextCursor());
            }
            outcomes.add(result.outcome());
        }
        return RunResult.of(outcomes);
    }

    /** The stored records of one stream: external id → payload. */
    public Map<String, String> stored(String stream) {
        Map<String, String> of = new LinkedHashMap<>();
        written.forEach((key, payload) -> {
            if (key.startsWith(stream + "/")) {
                of.put(key.substring(stream.length() + 1), payload);
            }
        });
        return of;
    }

    public PullResult pull(Stream stream, Credentials credentials, String cursor) {
        PullRequest request = new PullRequest(WORKSPACE, CONNECTION, plugin.type(), stream.name(), credentials, cursor,
                () -> {
                    heartbeats++;
                    onHeartbeat.run();
                }, CHILDREN);
        return stream.pull(new StreamRun(plugin, new ConnectorContext(plugin, settings, http, clock), request, sink, sleeps::add));
    }
}
