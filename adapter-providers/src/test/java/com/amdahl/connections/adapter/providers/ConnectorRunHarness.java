package com.amdahl.connections.adapter.providers;

import static org.assertj.core.api.Assertions.assertThat;

import com.amdahl.connections.adapter.providers.kit.ProviderSettings;
import com.amdahl.connections.application.ConnectionsApplication;
import com.amdahl.connections.application.Principal;
import com.amdahl.connections.application.port.in.CompleteOAuthCallback.CallbackOutcome;
import com.amdahl.connections.application.port.in.ConnectCommand;
import com.amdahl.connections.application.port.in.ConnectOutcome;
import com.amdahl.connections.application.port.in.ConnectionView;
import com.amdahl.connections.application.SyncSettings;
import com.amdahl.connections.application.port.out.KnowledgePorts;
import com.amdahl.connections.application.port.out.KnowledgeSource;
import com.amdahl.connections.application.port.out.StreamCursors;
import com.amdahl.connections.application.testing.InMemoryKnowledgeSyncStore;
import com.amdahl.connections.application.testing.InMemoryPorts;
import com.amdahl.connections.domain.sync.SyncRun;
import com.amdahl.connections.domain.workspace.ConnectionId;
import com.amdahl.connections.domain.workspace.WorkspaceId;
import java.net.URI;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The application's sync engine on in-memory storage with the real provider adapter pointed at
 * WireMock: connects like a user does (API key checked, or the OAuth code exchanged), then runs
 * whole sync runs and shows what they stored. Sleeps for {@code Retry-After} are recorded, not slept.
 */
public final class ConnectorRunHarness {
    public final InMemoryPorts ports = new InMemoryPorts();
    public final List<Duration> sleeps = new ArrayList<>();
    public final InMemoryKnowledgeSyncStore knowledgeStore = new InMemoryKnowledgeSyncStore();
    /** Stored cursors by stream; {@link #forgetCursors()} makes the next run a full pass. */
    private final Map<String, String> cursors = new ConcurrentHashMap<>();
    public final ConnectionsApplication app;
    public final Principal admin;

    public ConnectorRunHarness(ProviderSettings settings) {
        this(settings, KnowledgeSource.empty());
    }

    /** With an outbound knowledge sync reading {@code knowledge} (settings and page mappings in memory). */
    public ConnectorRunHarness(ProviderSettings settings, KnowledgeSource knowledge) {
        Providers providers = Providers.from(ConnectorRegistry.launch(), unmetered(settings), ports.clock, sleeps::add);
        StreamCursors byStream = new StreamCursors() {
            @Override
            public Optional<String> get(WorkspaceId workspaceId, ConnectionId connectionId, String stream) {
                return Optional.ofNullable(cursors.get(stream));
            }

            @Override
            public void put(WorkspaceId workspaceId, ConnectionId connectionId, String stream, String cursor) {
                cursors.put(stream, cursor);
            }

            @Override
            public void clear(WorkspaceId workspaceId, ConnectionId connectionId) {
                cursors.clear();
            }
        };
        app = ports.builder().oauth(providers.oauth()).apiKeys(providers.apiKeys()).handles(providers.handles())
                .puller(providers.puller()).tokenRefresher(providers.tokenRefresher()).cursors(byStream)
                .knowledgeSync(new KnowledgePorts(knowledge, knowledgeStore, providers.knowledgeTarget()))
                // a rate limit ends the stream at once here: pacing (real waits) has its own tests
                .syncSettings(SyncSettings.defaults().withRateWaitMax(java.time.Duration.ofMillis(500))).build();
        admin = ports.admin("acme", "alice");
    }

    /**
     * The settings with every connector's request budget made too large to wait for: this harness's
     * clock stands still, so a budget would never refill; budgets and pacing have their own tests.
     */
    private static ProviderSettings unmetered(ProviderSettings settings) {
        java.util.Map<String, String> env = new java.util.HashMap<>(settings.env());
        for (var plugin : ConnectorRegistry.launch().all()) {
            env.putIfAbsent("CONNECTIONS_" + plugin.type().toUpperCase(java.util.Locale.ROOT) + "_RATE_LIMIT", "1000000/PT1S");
        }
        return new ProviderSettings(env, settings.connectTimeout(), settings.requestTimeout(), settings.maxRetries(),
                settings.retryBaseDelay());
    }

    /** Connects with an API key (checked at the provider's stub). */
    public ConnectionId connectApiKey(String type, String key) {
        return app.connect().connect(admin, new ConnectCommand(type, null, null, null, key, null, null, null, null))
                .connection().connection().id();
    }

    /** Starts the OAuth flow and completes it with {@code code} (exchanged at the provider's token stub). */
    public ConnectionId connectOAuth(String type, String code) {
        ConnectOutcome started = app.connect().connect(admin, new ConnectCommand(type, null, null, null, null, null, null,
                null, null));
        String state = query(started.authorizeUrl()).get("state");
        CallbackOutcome done = app.oauthCallback().complete(state, code, null);
        assertThat(done.succeeded()).as("OAuth callback for " + type + ": " + done.errorCode()).isTrue();
        return started.connection().connection().id();
    }

    /** Makes every connection due (a day passes) and runs the one due run to its end. */
    public SyncRun run() {
        ports.clock.advance(Duration.ofDays(1));
        var due = app.syncEngine().dispatchDue(10);
        assertThat(due).as("one due run").hasSize(1);
        return app.syncEngine().execute(due.get(0)).orElseThrow();
    }

    public Map<String, String> records(ConnectionId id, String stream) {
        return ports.storage.records(admin.workspaceId(), id, stream);
    }

    public Optional<String> cursor(String stream) {
        return Optional.ofNullable(cursors.get(stream));
    }

    public void forgetCursors() {
        cursors.clear();
    }

    public ConnectionView view(ConnectionId id) {
        return app.queries().get(admin, id);
    }

    static Map<String, String> query(String url) {
        Map<String, String> params = new java.util.HashMap<>();
        for (String pair : URI.create(url).getRawQuery().split("&")) {
            String[] kv = pair.split("=", 2);
            params.put(kv[0], kv.length > 1 ? URLDecoder.decode(kv[1], StandardCharsets.UTF_8) : "");
        }
        return params;
    }
}
