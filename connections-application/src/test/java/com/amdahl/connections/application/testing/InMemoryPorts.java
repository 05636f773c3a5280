package com.amdahl.connections.application.testing;

import com.amdahl.connections.application.ConnectionsApplication;
import com.amdahl.connections.application.NotificationSettings;
import com.amdahl.connections.application.Principal;
import com.amdahl.connections.application.TokenScope;
import com.amdahl.connections.domain.catalog.AuthMethod;
import com.amdahl.connections.domain.catalog.Cadence;
import com.amdahl.connections.domain.catalog.Catalog;
import com.amdahl.connections.domain.catalog.Category;
import com.amdahl.connections.domain.catalog.Connector;
import com.amdahl.connections.domain.catalog.Direction;
import com.amdahl.connections.domain.catalog.Ownership;
import com.amdahl.connections.domain.catalog.Scope;
import com.amdahl.connections.domain.workspace.Role;
import com.amdahl.connections.domain.workspace.UserId;
import com.amdahl.connections.domain.workspace.WorkspaceId;
import java.util.Set;

/**
 * An application wired to in-memory storage and scripted providers, with a hand-moved clock.
 * The catalog is {@link TestCatalog#WITH_WEBHOOK}: the launch set plus a test-only {@code test_webhook}.
 */
public final class InMemoryPorts {
    public static final String PUBLIC_URL = "http://127.0.0.1:8080";
    public static final String CONSOLE_ORIGIN = "https://console.amdahl.test";

    public final MutableClock clock = MutableClock.at("2026-11-26T12:00:00Z");
    public final InMemoryStorage storage = new InMemoryStorage();
    public final FakeProviders providers = new FakeProviders();
    public final FakePuller puller = new FakePuller();
    public final InMemoryNotifications notifications = new InMemoryNotifications(storage);
    public final ConnectionsApplication app;

    public InMemoryPorts() {
        app = builder().build();
    }

    /** A builder wired to these ports, for a test that swaps one of them. */
    public ConnectionsApplication.Builder builder() {
        return ConnectionsApplication.builder()
                .connections(storage.connectionRepository).runs(storage.runRepository).events(storage.eventLog)
                .credentials(storage.vault).oauthStates(storage.stateStore).workspaces(storage.directory)
                .tokens(storage.tokenStore).cadenceOverrides(storage.cadenceOverrides).unitOfWork(storage)
                .oauth(providers).apiKeys(providers).handles(providers)
                .schedulingQueries(storage.schedulingQueries).puller(puller).recordSink(storage.recordSink)
                .cursors(storage.cursors).tokenRefresher(providers)
                .catalog(TestCatalog.WITH_WEBHOOK)
                .clock(clock).publicUrl(PUBLIC_URL).consoleOrigins(Set.of(CONSOLE_ORIGIN))
                .notifications(notifications.ports(), NotificationSettings.defaults());
    }

    /** Creates the workspace (once) and the member, and returns their principal with both scopes. */
    public Principal member(String workspace, String user, Role role) {
        app.administration().createWorkspace(workspace, workspace);
        app.administration().addMember(workspace, user, role);
        return Principal.member(new WorkspaceId(workspace), new UserId(user), role,
                Set.of(TokenScope.CONNECTIONS_READ, TokenScope.CONNECTIONS_WRITE));
    }

    public Principal admin(String workspace, String user) {
        return member(workspace, user, Role.ADMIN);
    }

    public static Principal readOnly(Principal principal) {
        return Principal.member(principal.workspaceId(), principal.userId(), principal.role(),
                Set.of(TokenScope.CONNECTIONS_READ));
    }
}
