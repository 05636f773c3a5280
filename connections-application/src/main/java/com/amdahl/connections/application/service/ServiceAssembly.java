package com.amdahl.connections.application.service;

import com.amdahl.connections.application.ConnectionsApplication;
import com.amdahl.connections.application.DeleteSettings;
import com.amdahl.connections.application.NotificationSettings;
import com.amdahl.connections.application.SyncSettings;
import com.amdahl.connections.application.port.in.Notifications;
import com.amdahl.connections.application.port.out.KnowledgePorts;
import com.amdahl.connections.application.port.out.NotificationPorts;
import com.amdahl.connections.application.port.out.RateBudgets;
import com.amdahl.connections.application.port.out.RecordFeed;
import com.amdahl.connections.application.port.out.RecordPurges;
import com.amdahl.connections.application.port.out.RecordReconciliations;
import com.amdahl.connections.application.port.out.RecordSink;
import com.amdahl.connections.application.port.out.SchedulingQueries;
import com.amdahl.connections.application.port.out.StreamCursors;
import com.amdahl.connections.application.port.out.StreamPuller;
import com.amdahl.connections.application.port.out.TokenRefresher;
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
import java.util.concurrent.ThreadFactory;

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
            String publicUrl, Set<String> consoleOrigins, NotificationPorts notificationPorts,
            NotificationSettings notificationSettings, ThreadFactory threads, Telemetry telemetry,
            FleetStatistics fleetStatistics, ReadinessProbe readiness, RecordFeed recordFeed,
            RecordReconciliations reconciliations, RecordPurges recordPurges, DeleteSettings deleteSettings,
            KnowledgePorts knowledge, RateBudgets rateBudgets) {
    }

    public static ConnectionsApplication assemble(Wiring b) {
        HealthPolicy healthPolicy = new HealthPolicy(b.freshnessThreshold());
        KnowledgePush push = b.knowledge() == null ? KnowledgePush.none(b.cursors(), b.clock(), b.catalogDefinition())
                : new KnowledgePush(b.knowledge().source(), b.knowledge().store(), b.knowledge().target(), b.cursors(),
                        b.clock(), b.catalogDefinition());
        SyncableConnectors syncable = new SyncableConnectors(b.puller(), push);
        ConnectionStore store = new ConnectionStore(b.connections(), b.events(), b.unitOfWork(), b.catalogDefinition(),
                healthPolicy, b.clock(), new Notifier(b.notificationPorts(), healthPolicy, b.recordFeed()), syncable);
        CatalogService catalog = new CatalogService(b.catalogDefinition(), b.oauth(), b.handles(), syncable);
        SyncRunService runs = new SyncRunService(store, b.runs(), b.telemetry());
        TokenRefresh tokens = new TokenRefresh(store, b.credentials(),
                new ReportedTokenRefresher(b.tokenRefresher(), b.telemetry()), b.syncSettings().refreshAhead());
        Set<String> origins = new LinkedHashSet<>(b.consoleOrigins());
        if (origins.isEmpty()) {
            origins.add(b.publicUrl());
        }
        CadenceService cadence = new CadenceService(b.catalogDefinition(), b.cadenceOverrides());
        EngineThreads timer = new EngineThreads(b.threads());
        RecordFeedService records = new RecordFeedService(store, b.recordFeed());
        RecordSink sink = records.announcing(b.recordSink());
        SyncEngineService engine = new SyncEngineService(
                new RunDispatch(store, runs, b.runs(), b.schedulingQueries(), cadence, b.syncSettings()),
                new RunExecution(store, runs, b.runs(), b.puller(), syncable, sink, b.cursors(), b.credentials(),
                        tokens, b.syncSettings(), timer,
                        new StreamReconciler(b.reconciliations(), b.puller(), sink, b.deleteSettings(), store),
                        b.schedulingQueries(),
                        new AccountBudgets(b.rateBudgets() == null ? new InProcessRateBudgets() : b.rateBudgets(),
                                b.puller(), store::now, b.syncSettings(), b.telemetry(), AccountBudgets.Pause.THREAD)),
                new Housekeeping(store, b.schedulingQueries(), b.oauthStates(), b.syncSettings(), b.recordPurges(),
                        b.deleteSettings()), syncable, timer, runs);
        ConnectService connect = new ConnectService(store, catalog, b.credentials(), b.oauth(), b.oauthStates(), b.apiKeys(),
                b.handles(), new ReturnToPolicy(origins), engine, b.publicUrl());
        OAuthCallbackService callback = new OAuthCallbackService(store, b.oauthStates(), b.oauth(), b.credentials(),
                connect.redirectUri());
        ConnectionManagementService manage = new ConnectionManagementService(store, b.credentials(), b.oauth(),
                b.workspaces(), engine, b.cursors(), b.reconciliations());
        AccessService access = new AccessService(b.workspaces(), b.tokens(), b.clock());
        Notifications notifications = notifications(store, b);
        ConnectionQueryService queries = new ConnectionQueryService(store, b.runs());
        DocumentService documents = new DocumentService(queries, catalog,
                new ConnectionListDocuments(queries, store, b.workspaces()),
                new KeptConnectionDocuments(queries, b.workspaces(), store), b.clock(), b.workspaces());
        return new ConnectionsApplication(catalog, queries, documents, connect, connect, connect,
                callback, manage, runs, cadence, access, access, engine,
                new WebhookService(store, b.credentials(), sink),
                new CredentialTestService(store, b.credentials(), b.apiKeys(), b.oauth(), tokens, b.handles(),
                        b.telemetry()),
                new OperationsService(store, b.fleetStatistics(), b.readiness(), cadence, engine), notifications, engine,
                b.threads(), b.telemetry(), records, new RecordAdministrationService(store, b.recordPurges()),
                new KnowledgeSyncService(store, push, b.credentials()));
    }

    private static Notifications notifications(ConnectionStore store, Wiring b) {
        if (b.notificationPorts() == null) {
            NotificationsOff off = new NotificationsOff();
            return new Notifications(off, off);
        }
        TargetPolicy targets = new TargetPolicy(b.notificationSettings().allowHttp(),
                b.notificationSettings().allowPrivate());
        NotificationDeliveryService delivery = new NotificationDeliveryService(store, b.notificationPorts(), targets,
                b.notificationSettings(), null, b.telemetry());
        return new Notifications(new NotificationEndpointService(b.notificationPorts(), targets, delivery, b.clock()),
                delivery);
    }
}
