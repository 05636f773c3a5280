package com.amdahl.connections.app;

import com.amdahl.connections.adapter.persistence.PersistenceAdapter;
import com.amdahl.connections.adapter.persistence.PersistenceSettings;
import com.amdahl.connections.adapter.providers.ConnectorRegistry;
import com.amdahl.connections.adapter.providers.Providers;
import com.amdahl.connections.adapter.providers.kit.ProviderSettings;
import com.amdahl.connections.adapter.providers.kit.Sleeper;
import com.amdahl.connections.application.ConnectionsApplication;
import com.amdahl.connections.application.SyncSettings;
import com.amdahl.connections.application.port.out.ApiKeyVerifier;
import com.amdahl.connections.application.port.out.HandleResolver;
import com.amdahl.connections.application.port.out.OAuthProvider;
import com.amdahl.connections.application.port.out.ReadinessProbe;
import com.amdahl.connections.application.port.out.KnowledgePorts;
import com.amdahl.connections.application.port.out.KnowledgeTarget;
import com.amdahl.connections.application.port.out.StreamPuller;
import com.amdahl.connections.application.port.out.Telemetry;
import com.amdahl.connections.application.port.out.TokenRefresher;
import com.amdahl.connections.domain.catalog.Catalog;
import java.time.Clock;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.Function;
import java.util.function.Supplier;

/**
 * The wired system: storage, the connector registry and the catalog its plugins state, providers
 * (built on their first use) and the application. Every
 * command that opens the database builds one and closes it; {@code serve} connects, starts
 * listening, and then migrates ({@link #connect}, {@link #migrate}), every other command opens a
 * migrated one.
 */
final class ConnectionsRuntime implements AutoCloseable {
    private static final String MIGRATING = "Database migrations are being applied";

    final AppConfig config;
    final PersistenceAdapter persistence;
    final Catalog catalog;
    final ConnectionsApplication app;
    /** The one clock of the process: the application, the providers and the metrics read it. */
    final Clock clock;
    private final AtomicBoolean migrated;

    private ConnectionsRuntime(AppConfig config, PersistenceAdapter persistence, Catalog catalog,
            ConnectionsApplication app, Clock clock, AtomicBoolean migrated) {
        this.config = config;
        this.persistence = persistence;
        this.catalog = catalog;
        this.app = app;
        this.clock = clock;
        this.migrated = migrated;
    }

    static ConnectionsRuntime open(AppConfig config) {
        return open(config, config.syncSettings());
    }

    static ConnectionsRuntime open(AppConfig config, SyncSettings syncSettings) {
        return open(config, syncSettings, Telemetry.NONE);
    }

    /** With runs, refreshes, credential tests and provider calls reported to {@code telemetry}. */
    static ConnectionsRuntime open(AppConfig config, SyncSettings syncSettings, Telemetry telemetry) {
        return migrated(connect(config, syncSettings, telemetry, PersistenceAdapter::connect, true));
    }

    /**
     * For a command that writes a row or two and exits: one database connection (no pool to fill),
     * the schema checked in one query (migrated only when it is not this build's), no connector
     * loaded: the commands (workspaces, members, tokens, migrate) never touch a connection, so their
     * application gets an empty catalog.
     */
    static ConnectionsRuntime forCommand(AppConfig config) {
        return migrated(connect(config, config.syncSettings(), Telemetry.NONE, PersistenceAdapter::connectOnce, false));
    }

    /** Connected, not migrated: {@link #migrate()} must succeed before any use case touches storage. */
    static ConnectionsRuntime connect(AppConfig config, SyncSettings syncSettings, Telemetry telemetry) {
        return connect(config, syncSettings, telemetry, PersistenceAdapter::connect, true);
    }

    private static ConnectionsRuntime connect(AppConfig config, SyncSettings syncSettings, Telemetry telemetry,
            Function<PersistenceSettings, PersistenceAdapter> storage, boolean connectors) {
        SecretKeys.Key key = SecretKeys.resolve(config);
        ProviderSettings providerSettings = ProviderSettings.of(config.environment()); // misconfiguration fails now
        PersistenceAdapter persistence = storage.apply(new PersistenceSettings(config.dbUrl(), config.dbUser(),
                config.dbPassword(), Math.max(1, config.dbPoolSize()), Map.of(key.id(), key.bytes()), key.id()));
        Clock clock = Clock.systemUTC();
        try {
            ConnectorRegistry registry = connectors ? ConnectorRegistry.launch() : null;
            Catalog catalog = connectors ? registry.catalog() : Catalog.of(java.util.List.of());
            Supplier<Providers> providers = LazyPort.once(() ->
                    Providers.from(registry, providerSettings, clock, Sleeper.THREAD, telemetry));
            AtomicBoolean migrated = new AtomicBoolean();
            // Until migrate() has run, /readyz says so instead of asking a schema that is being changed.
            ReadinessProbe readiness = () -> migrated.get() ? persistence.readiness().notReadyReason() : Optional.of(MIGRATING);
            ConnectionsApplication app = NotifyConfig.from(config.environment()).wire(ConnectionsApplication.builder(), persistence)
                    .connections(persistence.connections()).runs(persistence.runs()).events(persistence.events())
                    .credentials(persistence.credentials()).oauthStates(persistence.oauthStates())
                    .workspaces(persistence.workspaces()).tokens(persistence.tokens())
                    .cadenceOverrides(persistence.cadenceOverrides()).unitOfWork(persistence.unitOfWork())
                    .catalog(catalog)
                    .oauth(LazyPort.of(OAuthProvider.class, () -> providers.get().oauth()))
                    .apiKeys(LazyPort.of(ApiKeyVerifier.class, () -> providers.get().apiKeys()))
                    .handles(LazyPort.of(HandleResolver.class, () -> providers.get().handles()))
                    .puller(LazyPort.of(StreamPuller.class, () -> providers.get().puller()))
                    .tokenRefresher(LazyPort.of(TokenRefresher.class, () -> providers.get().tokenRefresher()))
                    .schedulingQueries(persistence.schedulingQueries())
                    // one process owns an H2 file: its budgets stay in memory; on PostgreSQL every instance shares them
                    .rateBudgets(config.isH2() ? null : persistence.rateBudgets())
                    .recordSink(persistence.recordSink(config.maxRecordBytes())).recordFeed(persistence.recordFeed())
                    .reconciliations(persistence.recordReconciliations()).recordPurges(persistence.recordPurges())
                    .deletes(config.deleteSettings())
                    .cursors(persistence.cursors())
                    .knowledgeSync(new KnowledgePorts(PersistenceAdapter.markdownFolder(config.knowledgeDir()),
                            persistence.knowledgeSync(),
                            LazyPort.of(KnowledgeTarget.class, () -> providers.get().knowledgeTarget())))
                    .syncSettings(syncSettings)
                    .clock(clock).freshnessThreshold(config.freshnessThreshold())
                    .publicUrl(config.publicUrl()).consoleOrigins(config.consoleOrigins())
                    .telemetry(telemetry).fleetStatistics(persistence.fleetStatistics())
                    .readiness(readiness)
                    .build();
            return new ConnectionsRuntime(config, persistence, catalog, app, clock, migrated);
        } catch (RuntimeException e) {
            persistence.close();
            throw e;
        }
    }

    /** Brings the schema to this build's (one query when it already is). */
    void migrate() {
        persistence.applyMigrations();
        migrated.set(true);
    }

    private static ConnectionsRuntime migrated(ConnectionsRuntime runtime) {
        try {
            runtime.migrate();
            return runtime;
        } catch (RuntimeException e) {
            runtime.close();
            throw e;
        }
    }

    /** Stops the library's threads (letting running syncs finish for a while), then the pool. */
    @Override
    public void close() {
        try {
            app.close();
        } finally {
            persistence.close();
        }
    }
}
