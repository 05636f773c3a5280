package com.amdahl.connections.app;

import com.amdahl.connections.adapter.persistence.PersistenceAdapter;
import com.amdahl.connections.adapter.persistence.PersistenceSettings;
import com.amdahl.connections.adapter.providers.Providers;
import com.amdahl.connections.application.ConnectionsApplication;
import com.amdahl.connections.application.SyncSettings;
import java.time.Clock;
import java.util.Map;

/**
 * The wired system: storage (migrated on open), providers and the application. Every command that
 * opens the database builds one and closes it.
 */
final class ConnectionsRuntime implements AutoCloseable {
    final AppConfig config;
    final PersistenceAdapter persistence;
    final ConnectionsApplication app;

    private ConnectionsRuntime(AppConfig config, PersistenceAdapter persistence, ConnectionsApplication app) {
        this.config = config;
        this.persistence = persistence;
        this.app = app;
    }

    static ConnectionsRuntime open(AppConfig config) {
        return open(config, config.syncSettings());
    }

    static ConnectionsRuntime open(AppConfig config, SyncSettings syncSettings) {
        if (config.isH2()) {
            // CONTRACT 9.1: H2's auto-server (shared by serve, mcp-stdio and the CLI) listens on loopback only.
            System.setProperty("h2.bindAddress", "127.0.0.1");
        }
        SecretKeys.Key key = SecretKeys.resolve(config);
        PersistenceAdapter persistence = PersistenceAdapter.open(new PersistenceSettings(config.dbUrl(), config.dbUser(),
                config.dbPassword(), Math.max(1, config.dbPoolSize()), Map.of(key.id(), key.bytes()), key.id()));
        try {
            Providers providers = Providers.fromEnvironment(config.environment());
            ConnectionsApplication app = ConnectionsApplication.builder()
                    .connections(persistence.connections()).runs(persistence.runs()).events(persistence.events())
                    .credentials(persistence.credentials()).oauthStates(persistence.oauthStates())
                    .workspaces(persistence.workspaces()).tokens(persistence.tokens())
                    .cadenceOverrides(persistence.cadenceOverrides()).unitOfWork(persistence.unitOfWork())
                    .oauth(providers.oauth()).apiKeys(providers.apiKeys()).handles(providers.handles())
                    .schedulingQueries(persistence.schedulingQueries()).puller(providers.puller())
                    .recordSink(persistence.recordSink()).cursors(persistence.cursors())
                    .tokenRefresher(providers.tokenRefresher()).syncSettings(syncSettings)
                    .clock(Clock.systemUTC()).freshnessThreshold(config.freshnessThreshold())
                    .publicUrl(config.publicUrl()).consoleOrigins(config.consoleOrigins())
                    .build();
            return new ConnectionsRuntime(config, persistence, app);
        } catch (RuntimeException e) {
            persistence.close();
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
