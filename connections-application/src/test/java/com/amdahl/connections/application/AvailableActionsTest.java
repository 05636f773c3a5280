package com.amdahl.connections.application;

import static org.assertj.core.api.Assertions.assertThat;

import com.amdahl.connections.application.testing.TestCatalog;
import com.amdahl.connections.domain.catalog.AuthMethod;
import com.amdahl.connections.domain.catalog.Catalog;
import com.amdahl.connections.domain.catalog.Connector;
import com.amdahl.connections.domain.connection.ActiveRun;
import com.amdahl.connections.domain.connection.Connection;
import com.amdahl.connections.domain.workspace.ConnectionId;
import com.amdahl.connections.domain.connection.ConnectionStatus;
import com.amdahl.connections.domain.connection.Lifecycle;
import com.amdahl.connections.domain.connection.Profile;
import com.amdahl.connections.domain.connection.SyncFacts;
import com.amdahl.connections.domain.sync.RunOutcome;
import com.amdahl.connections.domain.sync.RunId;
import com.amdahl.connections.domain.sync.SyncRunStatus;
import com.amdahl.connections.domain.sync.TriggeredBy;
import com.amdahl.connections.domain.workspace.Role;
import com.amdahl.connections.domain.workspace.UserId;
import com.amdahl.connections.domain.workspace.WorkspaceId;
import java.time.Instant;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Set;
import java.util.function.Supplier;
import org.junit.jupiter.api.Test;

/**
 * {@code available_actions} against the rules the use cases enforce: over every combination of
 * role, token scope, ownership, status, re-auth flag, a past connect, a run in flight and
 * {@code syncable}, an action is listed exactly when {@link Permissions} and the aggregate's
 * transition accept it and it changes something.
 */
class AvailableActionsTest {
    private static final WorkspaceId WS = new WorkspaceId("acme");
    private static final UserId ME = new UserId("me");
    private static final UserId OTHER = new UserId("other");
    private static final Instant T0 = Instant.parse("2026-11-26T12:00:00Z");
    private static final Catalog CATALOG = TestCatalog.LAUNCH;

    @Test
    void every_listed_action_is_exactly_one_the_use_cases_accept() {
        int combinations = 0;
        for (Role role : Role.values()) {
            for (boolean write : List.of(true, false)) {
                Set<TokenScope> scopes = write ? Set.of(TokenScope.CONNECTIONS_READ, TokenScope.CONNECTIONS_WRITE)
                        : Set.of(TokenScope.CONNECTIONS_READ);
                Principal principal = Principal.member(WS, ME, role, scopes);
                for (String type : List.of("hubspot", "gmail")) {
                    Connector connector = CATALOG.require(type);
                    for (UserId owner : connector.isPersonal() ? java.util.Arrays.asList(ME, OTHER, null)
                            : java.util.Collections.<UserId>singletonList(null)) {
                        for (ConnectionStatus status : ConnectionStatus.values()) {
                            for (boolean needsReauth : List.of(false, true)) {
                                for (boolean everConnected : List.of(false, true)) {
                                    for (boolean inFlight : List.of(false, true)) {
                                        for (boolean syncable : List.of(false, true)) {
                                            for (boolean sample : List.of(false, true)) {
                                                for (boolean held : List.of(false, true)) {
                                                    if (status == ConnectionStatus.SYNCING && !inFlight) {
                                                        continue; // not a state: syncing means a run is running
                                                    }
                                                    Connection c = connection(connector, owner, status, needsReauth,
                                                            everConnected, inFlight, sample, held);
                                                    assertThat(AvailableActions.of(principal, c, connector, syncable))
                                                            .as("%s %s write=%s owner=%s %s reauth=%s connected=%s inFlight=%s syncable=%s sample=%s held=%s",
                                                                    role, type, write, owner, status, needsReauth, everConnected,
                                                                    inFlight, syncable, sample, held)
                                                            .containsExactlyElementsOf(accepted(principal, c, connector, syncable));
                                                    combinations++;
                                                }
                                            }
                                        }
                                    }
                                }
                            }
                        }
                    }
                }
            }
        }
        assertThat(combinations).isEqualTo(2 * 2 * 2 * (1 + 3) * (ConnectionStatus.values().length * 32 - 16));
    }

    @Test
    void a_few_rows_in_words() {
        Connector hubspot = CATALOG.require("hubspot");
        Connector gmail = CATALOG.require("gmail");
        Principal admin = Principal.member(WS, ME, Role.ADMIN, Set.of(TokenScope.CONNECTIONS_READ, TokenScope.CONNECTIONS_WRITE));
        Principal member = Principal.member(WS, ME, Role.MEMBER, Set.of(TokenScope.CONNECTIONS_READ, TokenScope.CONNECTIONS_WRITE));
        Connection connected = connection(hubspot, null, ConnectionStatus.CONNECTED, false, true, false);
        assertThat(AvailableActions.of(admin, connected, hubspot, true)).containsExactly(ConnectionAction.SYNC,
                ConnectionAction.FULL_REFRESH, ConnectionAction.PAUSE, ConnectionAction.TEST, ConnectionAction.RENAME,
                ConnectionAction.DISCONNECT);
        assertThat(AvailableActions.of(admin, connected, hubspot, false)).doesNotContain(ConnectionAction.SYNC);
        assertThat(AvailableActions.of(member, connected, hubspot, true)).isEmpty();
        Connection mailbox = connection(gmail, ME, ConnectionStatus.ERROR, true, true, false);
        assertThat(AvailableActions.of(member, mailbox, gmail, true)).containsExactly(ConnectionAction.SYNC,
                ConnectionAction.PAUSE, ConnectionAction.RECONNECT, ConnectionAction.TEST, ConnectionAction.RENAME,
                ConnectionAction.DISCONNECT);
        Principal boss = Principal.member(WS, OTHER, Role.ADMIN, Set.of(TokenScope.CONNECTIONS_READ, TokenScope.CONNECTIONS_WRITE));
        assertThat(AvailableActions.of(boss, mailbox, gmail, true)).as("admins may not re-authorize someone's mailbox")
                .doesNotContain(ConnectionAction.RECONNECT).contains(ConnectionAction.REASSIGN_OWNER);
        Connection demo = connection(gmail, ME, ConnectionStatus.ERROR, true, true, false, true);
        assertThat(AvailableActions.of(member, demo, gmail, true)).as("demo data: nothing that would call Google")
                .containsExactly(ConnectionAction.PAUSE, ConnectionAction.RENAME, ConnectionAction.DISCONNECT);
    }

    private static Connection connection(Connector connector, UserId owner, ConnectionStatus status, boolean needsReauth,
            boolean everConnected, boolean inFlight) {
        return connection(connector, owner, status, needsReauth, everConnected, inFlight, false);
    }

    private static Connection connection(Connector connector, UserId owner, ConnectionStatus status, boolean needsReauth,
            boolean everConnected, boolean inFlight, boolean sample) {
        return connection(connector, owner, status, needsReauth, everConnected, inFlight, sample, false);
    }

    /** {@code held}: the last run held deletes back (the mass-delete guard). */
    private static Connection connection(Connector connector, UserId owner, ConnectionStatus status, boolean needsReauth,
            boolean everConnected, boolean inFlight, boolean sample, boolean held) {
        RunOutcome last = held ? new RunOutcome(false, 0, null, T0, 60) : null;
        Lifecycle lifecycle = new Lifecycle(status, T0, needsReauth, needsReauth ? "expired" : null,
                everConnected ? T0 : null, false);
        SyncFacts sync = inFlight ? new SyncFacts(new ActiveRun(new RunId("r-1"), status == ConnectionStatus.SYNCING, T0),
                null, last, T0) : new SyncFacts(null, null, last, null);
        return Connection.restore(new ConnectionId("c-1"), WS, connector.type(), T0, ME,
                new Profile(connector.name(), connector.defaultScope(), owner, null, null, sample), lifecycle, sync, 1);
    }

    /** What the use cases would accept, tried one by one against the real checks and transitions. */
    private static List<ConnectionAction> accepted(Principal p, Connection c, Connector connector, boolean syncable) {
        Instant now = T0.plusSeconds(60);
        List<ConnectionAction> ok = new ArrayList<>();
        Set<ConnectionAction> all = EnumSet.allOf(ConnectionAction.class);
        for (ConnectionAction action : all) {
            boolean accepted = succeeds(() -> {
                Permissions.requireScope(p, TokenScope.CONNECTIONS_WRITE);
                return switch (action) {
                    case SYNC, FULL_REFRESH, CONFIRM_DELETES -> {
                        Permissions.requireMayManage(p, c, connector);
                        if (action == ConnectionAction.FULL_REFRESH) {
                            Permissions.requireMayFullRefresh(p);
                        }
                        if (action == ConnectionAction.CONFIRM_DELETES) {
                            Permissions.requireMayConfirmDeletes(p);
                            if (c.sync().lastOutcome() == null || c.sync().lastOutcome().deletesHeld() == 0) {
                                yield false; // nothing held: a confirmation would change nothing
                            }
                        }
                        yield syncable && c.dispatchRun(new RunId("r-2"), TriggeredBy.MANUAL, now).run().status()
                                == SyncRunStatus.PENDING;
                    }
                    case PAUSE -> {
                        Permissions.requireMayManage(p, c, connector);
                        yield c.pause(now) != c;
                    }
                    case RESUME -> {
                        Permissions.requireMayManage(p, c, connector);
                        yield c.resume(now) != c;
                    }
                    case RECONNECT -> {
                        Permissions.requireMayReconnect(p, c, connector);
                        yield c.reconnect(p.userId(), null, now) != c;
                    }
                    case TEST -> {
                        // CredentialTestService's refusals: demo data, nothing stored, never authorized, a webhook.
                        Permissions.requireMayManage(p, c, connector);
                        yield !c.profile().sample() && !c.isDisconnected() && c.status() != ConnectionStatus.PENDING
                                && c.lifecycle().connectedAt() != null && connector.authMethod() != AuthMethod.WEBHOOK;
                    }
                    case RENAME -> {
                        Permissions.requireMayManage(p, c, connector);
                        yield c.rename("Renamed") != c;
                    }
                    case REASSIGN_OWNER -> {
                        Permissions.requireMayManage(p, c, connector);
                        Permissions.requireMayReassignOwner(p);
                        yield c.reassignOwner(connector, OTHER) != c;
                    }
                    case DISCONNECT -> {
                        Permissions.requireMayManage(p, c, connector);
                        yield c.disconnect(now) != c;
                    }
                };
            });
            if (accepted) {
                ok.add(action);
            }
        }
        return ok;
    }

    private static boolean succeeds(Supplier<Boolean> attempt) {
        try {
            return attempt.get();
        } catch (com.amdahl.connections.domain.ConnectionsException refused) {
            return false;
        }
    }
}
