package com.amdahl.connections.application;

import com.amdahl.connections.application.port.in.AdministerWorkspaces;
import com.amdahl.connections.application.port.in.ManageRecords;
import com.amdahl.connections.application.port.in.ReadRecords;
import com.amdahl.connections.application.port.out.RateBudgets;
import com.amdahl.connections.application.port.out.RecordFeed;
import com.amdahl.connections.application.port.in.Authenticate;
import com.amdahl.connections.application.port.in.BrowseCatalog;
import com.amdahl.connections.application.port.in.CompleteOAuthCallback;
import com.amdahl.connections.application.port.in.ConnectSource;
import com.amdahl.connections.application.port.in.ManageCadence;
import com.amdahl.connections.application.port.in.ManageConnection;
import com.amdahl.connections.application.port.in.Notifications;
import com.amdahl.connections.application.port.in.QueryConnections;
import com.amdahl.connections.application.port.in.ReadDocuments;
import com.amdahl.connections.application.port.in.ReconnectConnection;
import com.amdahl.connections.application.port.in.RecordSyncRuns;
import com.amdahl.connections.application.port.in.ReceiveWebhook;
import com.amdahl.connections.application.port.in.ResolveHandle;
import com.amdahl.connections.application.port.in.SyncEngine;
import com.amdahl.connections.application.port.in.ObserveOperations;
import com.amdahl.connections.application.port.in.TestCredentials;
import com.amdahl.connections.application.port.out.FleetStatistics;
import com.amdahl.connections.application.port.out.ReadinessProbe;
import com.amdahl.connections.application.port.out.Telemetry;
import com.amdahl.connections.application.port.out.ApiKeyVerifier;
import com.amdahl.connections.application.port.out.CadenceOverrides;
import com.amdahl.connections.application.port.out.ConnectionRepository;
import com.amdahl.connections.application.port.out.CredentialVault;
import com.amdahl.connections.application.port.out.EventLog;
import com.amdahl.connections.application.port.out.HandleResolver;
import com.amdahl.connections.application.port.out.OAuthProvider;
import com.amdahl.connections.application.port.out.NotificationPorts;
import com.amdahl.connections.application.port.out.OAuthStateStore;
import com.amdahl.connections.application.port.out.RecordPurges;
import com.amdahl.connections.application.port.out.RecordReconciliations;
import com.amdahl.connections.application.port.out.RecordSink;
import com.amdahl.connections.application.port.out.SchedulingQueries;
import com.amdahl.connections.application.port.out.StreamCursors;
import com.amdahl.connections.application.port.out.StreamPuller;
import com.amdahl.connections.application.port.out.TokenRefresher;
import com.amdahl.connections.application.port.out.SyncRunRepository;
import com.amdahl.connections.application.port.out.TokenStore;
import com.amdahl.connections.application.port.out.UnitOfWork;
import com.amdahl.connections.application.port.out.WorkspaceDirectory;
import com.amdahl.connections.application.service.ServiceAssembly;
import com.amdahl.connections.application.port.in.ManageKnowledgeSync;
import com.amdahl.connections.application.port.out.KnowledgePorts;
import com.amdahl.connections.domain.catalog.Catalog;
import com.amdahl.connections.domain.health.HealthPolicy;
import java.time.Clock;
import java.time.Duration;
import java.util.LinkedHashSet;
import java.util.Objects;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ThreadFactory;

/**
 * The one entry point for a service that embeds the library: give it the outbound ports (storage,
 * providers) and settings, and it hands out every use case.
 *
 * <pre>{@code
 * ConnectionsApplication app = ConnectionsApplication.builder()
 *     .connections(repo).runs(runs).events(events).credentials(vault).oauthStates(states)
 *     .workspaces(directory).tokens(tokens).cadenceOverrides(overrides).unitOfWork(uow)
 *     .oauth(oauth).apiKeys(verifier).handles(resolver)
 *     .schedulingQueries(queries).puller(puller).recordSink(sink).cursors(cursors).tokenRefresher(refresher)
 *     .publicUrl("https://connections.example.com")
 *     .build();
 * }</pre>
 */
public final class ConnectionsApplication implements AutoCloseable {
    private final BrowseCatalog catalog;
    private final QueryConnections queries;
    private final ReadDocuments documents;
    private final ReadRecords records;
    private final ManageRecords recordRemoval;
    private final ManageKnowledgeSync knowledgeSync;
    private final ConnectSource connect;
    private final ReconnectConnection reconnect;
    private final ResolveHandle resolveHandle;
    private final CompleteOAuthCallback oauthCallback;
    private final ManageConnection manage;
    private final RecordSyncRuns syncRuns;
    private final ManageCadence cadence;
    private final Authenticate authenticate;
    private final AdministerWorkspaces administration;
    private final SyncEngine syncEngine;
    private final ReceiveWebhook webhooks;
    private final TestCredentials testCredentials;
    private final ObserveOperations operations;
    private final Notifications notifications;
    private final AutoCloseable engineResources;
    private final ThreadFactory threads;
    private final Telemetry telemetry;
    private final Set<SyncEngineRunner> runners = ConcurrentHashMap.newKeySet();
    private final Set<NotificationWorker> notificationWorkers = ConcurrentHashMap.newKeySet();

    /** Used by {@link ServiceAssembly}; embedders call {@link #builder()}. */
    public ConnectionsApplication(BrowseCatalog catalog, QueryConnections queries, ReadDocuments documents,
            ConnectSource connect,
            ReconnectConnection reconnect, ResolveHandle resolveHandle, CompleteOAuthCallback oauthCallback,
            ManageConnection manage, RecordSyncRuns syncRuns, ManageCadence cadence, Authenticate authenticate,
            AdministerWorkspaces administration, SyncEngine syncEngine, ReceiveWebhook webhooks,
            TestCredentials testCredentials, ObserveOperations operations, Notifications notifications,
            AutoCloseable engineResources, ThreadFactory threads, Telemetry telemetry, ReadRecords records,
            ManageRecords recordRemoval, ManageKnowledgeSync knowledgeSync) {
        this.records = records;
        this.recordRemoval = recordRemoval;
        this.knowledgeSync = knowledgeSync;
        this.catalog = catalog;
        this.queries = queries;
        this.documents = documents;
        this.connect = connect;
        this.reconnect = reconnect;
        this.resolveHandle = resolveHandle;
        this.oauthCallback = oauthCallback;
        this.manage = manage;
        this.syncRuns = syncRuns;
        this.cadence = cadence;
        this.authenticate = authenticate;
        this.administration = administration;
        this.syncEngine = syncEngine;
        this.webhooks = webhooks;
        this.testCredentials = testCredentials;
        this.operations = operations;
        this.notifications = notifications;
        this.engineResources = engineResources;
        this.threads = threads;
        this.telemetry = telemetry;
    }

    private static Thread daemon(Runnable work) {
        Thread thread = new Thread(work);
        thread.setDaemon(true);
        return thread;
    }

    public static Builder builder() {
        return new Builder();
    }

    public BrowseCatalog catalog() {
        return catalog;
    }

    public QueryConnections queries() {
        return queries;
    }

    /** A connection's synced records as a change feed (CONTRACT 10). */
    public ReadRecords records() {
        return records;
    }

    /** Purging a connection's records and erasing a data subject (admins, audited). */
    public ManageRecords recordRemoval() {
        return recordRemoval;
    }

    /** The settings surface of outbound knowledge syncs (CONTRACT 11). */
    public ManageKnowledgeSync knowledgeSync() {
        return knowledgeSync;
    }

    /** The reads as rendered documents with entity tags (what REST and MCP answer). */
    public ReadDocuments documents() {
        return documents;
    }

    public ConnectSource connect() {
        return connect;
    }

    public ReconnectConnection reconnect() {
        return reconnect;
    }

    public ResolveHandle resolveHandle() {
        return resolveHandle;
    }

    public CompleteOAuthCallback oauthCallback() {
        return oauthCallback;
    }

    public ManageConnection manage() {
        return manage;
    }

    public RecordSyncRuns syncRuns() {
        return syncRuns;
    }

    public ManageCadence cadence() {
        return cadence;
    }

    public Authenticate authenticate() {
        return authenticate;
    }

    public AdministerWorkspaces administration() {
        return administration;
    }

    /** What the sync engine's loops drive ({@link #startSyncEngine} runs them): dispatch, execute, reap, purge. */
    public SyncEngine syncEngine() {
        return syncEngine;
    }

    /** Signed deliveries to webhook connections. */
    public ReceiveWebhook webhooks() {
        return webhooks;
    }

    /** "Test connection": re-checks stored credentials with the provider, outside any run. */
    public TestCredentials testCredentials() {
        return testCredentials;
    }

    /** Readiness and fleet-wide gauges for operators. */
    public ObserveOperations operations() {
        return operations;
    }

    private static final FleetStatistics NO_STATISTICS = new FleetStatistics() {
        @Override
        public java.util.List<HealthGroup> healthGroups(java.time.Instant staleBefore) {
            return java.util.List.of();
        }

        @Override
        public java.util.Map<String, Long> runsInFlight() {
            return java.util.Map.of();
        }

        @Override
        public java.util.List<WaitingSince> waiting() {
            return java.util.List.of();
        }
    };

    /** Outbound health notifications: endpoint management and the delivery a {@link NotificationWorker} drives. */
    public Notifications notifications() {
        return notifications;
    }

    /**
     * Starts the sync engine's loops on this process (see {@link SyncEngineRunner}); close the
     * runner, or this application, to stop them.
     */
    public SyncEngineRunner startSyncEngine(SyncEngineRunner.Options options) {
        SyncEngineRunner[] started = new SyncEngineRunner[1];
        started[0] = new SyncEngineRunner(syncEngine, options, threads, () -> runners.remove(started[0]), telemetry);
        runners.add(started[0]);
        return started[0];
    }

    /**
     * Starts the notification loops on this process (see {@link NotificationWorker}): {@code senders}
     * delivery loops every {@code tick}, on threads from this application's thread factory; close the
     * worker, or this application, to stop them.
     */
    public NotificationWorker startNotificationWorker(int senders, Duration tick) {
        NotificationWorker[] started = new NotificationWorker[1];
        started[0] = new NotificationWorker(notifications.delivery(), senders, threads,
                () -> notificationWorkers.remove(started[0]));
        notificationWorkers.add(started[0]);
        return started[0].start(senders, tick);
    }

    /**
     * Stops every thread the library started: the notification loops, the sync engine's loops and
     * workers (running syncs may finish for a while), then the engine's timer and child threads.
     */
    @Override
    public void close() {
        for (NotificationWorker worker : List.copyOf(notificationWorkers)) {
            worker.close();
        }
        for (SyncEngineRunner runner : List.copyOf(runners)) {
            runner.close();
        }
        try {
            engineResources.close();
        } catch (Exception e) {
            throw new IllegalStateException("closing the sync engine failed", e);
        }
    }

    /** Collects the outbound ports and settings; every port is required unless it says optional. */
    public static final class Builder {
        private ConnectionRepository connections;
        private SyncRunRepository runs;
        private EventLog events;
        private CredentialVault credentials;
        private OAuthStateStore oauthStates;
        private WorkspaceDirectory workspaces;
        private TokenStore tokens;
        private CadenceOverrides cadenceOverrides;
        private UnitOfWork unitOfWork;
        private OAuthProvider oauth;
        private ApiKeyVerifier apiKeys;
        private HandleResolver handles;
        private SchedulingQueries schedulingQueries;
        private StreamPuller puller;
        private RecordSink recordSink;
        private RecordFeed recordFeed;
        private RecordReconciliations reconciliations;
        private RecordPurges recordPurges;
        private DeleteSettings deleteSettings = DeleteSettings.defaults();
        private RateBudgets rateBudgets;
        private StreamCursors cursors;
        private TokenRefresher tokenRefresher;
        private SyncSettings syncSettings = SyncSettings.defaults();
        private Catalog catalogDefinition;
        private Clock clock = Clock.systemUTC();
        private Duration freshnessThreshold = HealthPolicy.DEFAULT_FRESHNESS_THRESHOLD;
        private String publicUrl = "http://127.0.0.1:8080";
        private Set<String> consoleOrigins = new LinkedHashSet<>();
        private Telemetry telemetry = Telemetry.NONE;
        private FleetStatistics fleetStatistics = NO_STATISTICS;
        private ReadinessProbe readiness = ReadinessProbe.ALWAYS;
        private NotificationPorts notificationPorts;
        private NotificationSettings notificationSettings = NotificationSettings.defaults();
        private ThreadFactory threads = ConnectionsApplication::daemon;
        private KnowledgePorts knowledge;

        private Builder() {
        }

        public Builder connections(ConnectionRepository value) { connections = value; return this; }
        public Builder runs(SyncRunRepository value) { runs = value; return this; }
        public Builder events(EventLog value) { events = value; return this; }
        public Builder credentials(CredentialVault value) { credentials = value; return this; }
        public Builder oauthStates(OAuthStateStore value) { oauthStates = value; return this; }
        public Builder workspaces(WorkspaceDirectory value) { workspaces = value; return this; }
        public Builder tokens(TokenStore value) { tokens = value; return this; }
        public Builder cadenceOverrides(CadenceOverrides value) { cadenceOverrides = value; return this; }
        public Builder unitOfWork(UnitOfWork value) { unitOfWork = value; return this; }
        public Builder oauth(OAuthProvider value) { oauth = value; return this; }
        public Builder apiKeys(ApiKeyVerifier value) { apiKeys = value; return this; }
        public Builder handles(HandleResolver value) { handles = value; return this; }
        public Builder schedulingQueries(SchedulingQueries value) { schedulingQueries = value; return this; }
        public Builder puller(StreamPuller value) { puller = value; return this; }
        public Builder recordSink(RecordSink value) { recordSink = value; return this; }
        /** Optional: reads what the record sink stored as a change feed (default: none; the feed answers 409). */
        public Builder recordFeed(RecordFeed value) { recordFeed = value; return this; }
        /** Optional: what delete detection remembers per stream (default: none; no stream is reconciled). */
        public Builder reconciliations(RecordReconciliations value) { reconciliations = value; return this; }
        /** Optional: retention, purge and erasure of stored records (default: none; those answer 409). */
        public Builder recordPurges(RecordPurges value) { recordPurges = value; return this; }
        /** Optional: the mass-delete guard, the incremental streams' reconciliation period, deleted payloads' retention. */
        public Builder deletes(DeleteSettings value) { deleteSettings = Objects.requireNonNull(value, "deletes"); return this; }
        /**
         * Optional: where the provider accounts' request budgets live (default: this process's
         * memory; pass the storage's shared budgets when several processes sync the same accounts).
         */
        public Builder rateBudgets(RateBudgets value) { rateBudgets = value; return this; }
        public Builder cursors(StreamCursors value) { cursors = value; return this; }
        /** Optional: an outbound knowledge sync (Notion Knowledge Sync): source, settings store, target. */
        public Builder knowledgeSync(KnowledgePorts value) { knowledge = value; return this; }
        public Builder tokenRefresher(TokenRefresher value) { tokenRefresher = value; return this; }
        public Builder syncSettings(SyncSettings value) { syncSettings = value; return this; }
        /** The connectors offered: the provider adapter's ({@code Providers.catalog()}) or an embedder's own. */
        public Builder catalog(Catalog value) { catalogDefinition = value; return this; }
        public Builder clock(Clock value) { clock = value; return this; }
        public Builder freshnessThreshold(Duration value) { freshnessThreshold = value; return this; }
        /** Optional: where runs, refreshes, tests and provider calls are reported (default: nowhere). */
        public Builder telemetry(Telemetry value) { telemetry = Objects.requireNonNull(value); return this; }
        /** Optional: fleet-wide aggregates for gauges (default: none). */
        public Builder fleetStatistics(FleetStatistics value) { fleetStatistics = Objects.requireNonNull(value); return this; }
        /** Optional: whether storage is ready (default: always). */
        public Builder readiness(ReadinessProbe value) { readiness = Objects.requireNonNull(value); return this; }

        /** Turns outbound notifications on; without them nothing is written to an outbox. */
        public Builder notifications(NotificationPorts ports, NotificationSettings settings) {
            notificationPorts = ports;
            notificationSettings = Objects.requireNonNull(settings, "settings");
            return this;
        }
        /** Where every thread the library starts comes from (default: daemon threads); {@link #close()} stops them. */
        public Builder threads(ThreadFactory value) { threads = Objects.requireNonNull(value, "threads"); return this; }

        /** The external base URL: OAuth redirect_uri and webhook URLs are built from it. */
        public Builder publicUrl(String value) {
            publicUrl = value.endsWith("/") ? value.substring(0, value.length() - 1) : value;
            return this;
        }

        /** First-party console origins a {@code return_to} may point at. */
        public Builder consoleOrigins(Set<String> value) {
            consoleOrigins = new LinkedHashSet<>(value);
            return this;
        }

        public ConnectionsApplication build() {
            Objects.requireNonNull(connections, "connections");
            Objects.requireNonNull(runs, "runs");
            Objects.requireNonNull(events, "events");
            Objects.requireNonNull(credentials, "credentials");
            Objects.requireNonNull(oauthStates, "oauthStates");
            Objects.requireNonNull(workspaces, "workspaces");
            Objects.requireNonNull(tokens, "tokens");
            Objects.requireNonNull(cadenceOverrides, "cadenceOverrides");
            Objects.requireNonNull(unitOfWork, "unitOfWork");
            Objects.requireNonNull(oauth, "oauth");
            Objects.requireNonNull(apiKeys, "apiKeys");
            Objects.requireNonNull(handles, "handles");
            Objects.requireNonNull(schedulingQueries, "schedulingQueries");
            Objects.requireNonNull(puller, "puller");
            Objects.requireNonNull(recordSink, "recordSink");
            Objects.requireNonNull(cursors, "cursors");
            Objects.requireNonNull(tokenRefresher, "tokenRefresher");
            Objects.requireNonNull(syncSettings, "syncSettings");
            Objects.requireNonNull(catalogDefinition, "catalog");
            return ServiceAssembly.assemble(new ServiceAssembly.Wiring(connections, runs, events, credentials,
                    oauthStates, workspaces, tokens, cadenceOverrides, unitOfWork, oauth, apiKeys, handles,
                    schedulingQueries, puller, recordSink, cursors, tokenRefresher, syncSettings,
                    catalogDefinition, clock, freshnessThreshold, publicUrl, Set.copyOf(consoleOrigins),
                    notificationPorts, notificationSettings, threads, telemetry, fleetStatistics, readiness, recordFeed,
                    reconciliations, recordPurges, deleteSettings, knowledge, rateBudgets));
        }
    }
}
