package com.amdahl.connections.application.service;

import com.amdahl.connections.application.ConnectionsApplication;
import com.amdahl.connections.application.SyncSettings;
import com.amdahl.connections.application.port.out.RecordSink;
import com.amdahl.connections.application.port.out.SchedulingQueries;
import com.amdahl.connections.application.port.out.StreamCursors;
import com.amdahl.connections.application.port.out.StreamPuller;
import com.amdahl.connections.application.port.out.TokenRefresher;
import com.amdahl.connections.application.port.out.ApiKeyVerifier;
import com.amdahl.connections.application.port.out.CadenceOverrides;
import com.amdahl.connections.application.port.out.ConnectionRepository;
import com.amdahl.connections.application.port.out.CredentialVault;
import com.amdahl.connections.application.port.out.EventLog;
import com.amdahl.connections.application.port.out.HandleResolver;
import com.amdahl.connections.application.port.out.OAuthProvider;
import com.amdahl.connections.application.port.out.OAuthStateStore;
import com.amdahl.connections.application.port.out.SyncRunRepository;
import com.amdahl.connections.application.port.out.TokenStore;
import com.amdahl.connections.application.port.out.UnitOfWork;
import com.amdahl.connections.application.port.out.WorkspaceDirectory;
import com.amdahl.connections.domain.catalog.Catalog;
import java.time.Clock;
import java.time.Duration;
import com.amdahl.connections.domain.health.HealthPolicy;
import java.util.LinkedHashSet;
import java.util.Set;

/** Wires the use-case services from a {@link ConnectionsApplication.Builder}; not for direct use. */
public final class ServiceAssembly {
    private ServiceAssembly() {
    }

    /** Everything the builder collected. */
    public record Wiring(ConnectionRepository connections, SyncRunRepository runs, EventLog events,
            CredentialVault credentials, OAuthStateStore oauthStates, WorkspaceDirectory workspaces, TokenStore tokens,
            CadenceOverrides cadenceOverrides, UnitOfWork unitOfWork, OAuthProvider oauth, ApiKeyVerifier apiKeys,
            HandleResolver handles, SchedulingQueries schedulingQueries, StreamPuller puller, RecordSink recordSink,
            StreamCursors cursors, TokenRefresher tokenRefresher, SyncSettings syncSettings, Catalog catalogDefinition, Clock clock, Duration freshnessThreshold,
            String publicUrl, Set<String> consoleOrigins) {
    }

    public static ConnectionsApplication assemble(Wiring b) {
        SyncableConnectors syncable = new SyncableConnectors(b.puller());
        ConnectionStore store = new ConnectionStore(b.connections(), b.events(), b.unitOfWork(), b.catalogDefinition(),
                new HealthPolicy(b.freshnessThreshold()), b.clock(), syncable);
        CatalogService catalog = new CatalogService(b.catalogDefinition(), b.oauth(), b.handles(), syncable);
        SyncRunService runs = new SyncRunService(store, b.runs());
        Set<String> origins = new LinkedHashSet<>(b.consoleOrigins());
        if (origins.isEmpty()) {
            origins.add(b.publicUrl());
        }
        CadenceService cadence = new CadenceService(b.catalogDefinition(), b.cadenceOverrides());
        SyncEngineService engine = new SyncEngineService(store, runs, b.runs(), b.schedulingQueries(), cadence, b.puller(),
                b.recordSink(), b.cursors(), b.credentials(), b.tokenRefresher(), b.oauthStates(), b.syncSettings());
        ConnectService connect = new ConnectService(store, catalog, b.credentials(), b.oauth(), b.oauthStates(), b.apiKeys(),
                b.handles(), new ReturnToPolicy(origins), runs, engine, b.publicUrl());
        OAuthCallbackService callback = new OAuthCallbackService(store, b.oauthStates(), b.oauth(), b.credentials(),
                connect.redirectUri());
        ConnectionManagementService manage = new ConnectionManagementService(store, b.credentials(), b.oauth(),
                b.workspaces(), runs, engine, b.cursors());
        AccessService access = new AccessService(b.workspaces(), b.tokens(), b.clock());
        return new ConnectionsApplication(catalog, new ConnectionQueryService(store, b.runs()), connect, connect, connect,
                callback, manage, runs, cadence, access, access, engine,
                new WebhookService(store, b.credentials(), b.recordSink()));
    }
}
