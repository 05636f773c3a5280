package com.amdahl.connections.application.service;

import com.amdahl.connections.application.port.out.CredentialVault;
import com.amdahl.connections.application.port.out.Credentials;
import com.amdahl.connections.application.port.out.TokenRefresher;
import com.amdahl.connections.domain.ConnectionsException;
import com.amdahl.connections.domain.ErrorCode;
import com.amdahl.connections.domain.connection.Connection;
import com.amdahl.connections.domain.connection.ConnectionEventType;
import java.time.Duration;
import java.util.Map;

/**
 * The one token refresh rule, for runs and credential tests alike. One refresher per grant: inside
 * a run, which holds the connection's lock, or outside one only while no run is in flight, so two
 * refreshes of one grant never overlap, even across processes. The result (a rotated refresh token
 * included) is stored, with {@code credentials_refreshed}, before it is returned for use. A
 * rejection means a person must re-authorize: {@code needs_reauth}.
 */
final class TokenRefresh {
    private final ConnectionStore store;
    private final CredentialVault vault;
    private final TokenRefresher refresher;
    private final Duration refreshAhead;

    TokenRefresh(ConnectionStore store, CredentialVault vault, TokenRefresher refresher, Duration refreshAhead) {
        this.store = store;
        this.vault = vault;
        this.refresher = refresher;
        this.refreshAhead = refreshAhead;
    }

    /** Whether the grant can be refreshed at all: a refresh token is stored. */
    static boolean refreshable(Credentials credentials) {
        return credentials.get(Credentials.REFRESH_TOKEN).isPresent();
    }

    /** Whether a refresh outside a run may happen now: none may while a run holds the connection. */
    static boolean refreshableOutsideRun(Connection connection, Credentials credentials) {
        return refreshable(credentials) && !connection.sync().hasRunInFlight();
    }

    /** Inside a run: refreshes an access token that expires within the configured margin; else returns it unchanged. */
    Credentials inRunIfExpiring(Connection connection, Credentials credentials) {
        boolean expiring = credentials.expiresAt()
                .map(at -> !at.isAfter(store.now().plus(refreshAhead))).orElse(false);
        return expiring && refreshable(credentials) ? inRun(connection, credentials) : credentials;
    }

    /**
     * Inside a run (the caller holds the connection's lock): a rejection marks the connection
     * {@code needs_reauth}, writes {@code credentials_rejected}, and is rethrown.
     */
    Credentials inRun(Connection connection, Credentials current) {
        try {
            return exchangeAndStore(connection, current);
        } catch (ConnectionsException refusal) {
            if (refusal.code() == ErrorCode.INVALID_CREDENTIALS) {
                store.transact(() -> {
                    Connection latest = store.connections.find(connection.workspaceId(), connection.id())
                            .orElseThrow(ConnectionStore::notFound);
                    store.save(latest, latest.rejectCredentials(refusal.getMessage()),
                            ConnectionEventType.CREDENTIALS_REJECTED, null,
                            Map.of("connector_type", connection.connectorType()));
                    return null;
                });
            }
            throw refusal;
        }
    }

    /**
     * Outside a run (a credential test; check {@link #refreshableOutsideRun} first): a rejection is
     * rethrown, and the caller records it as a failed test, which marks the connection {@code needs_reauth}.
     */
    Credentials outsideRun(Connection connection, Credentials current) {
        return exchangeAndStore(connection, current);
    }

    private Credentials exchangeAndStore(Connection connection, Credentials current) {
        Credentials fresh = refresher.refresh(connection.connectorType(), current);
        store.transact(() -> {
            vault.store(connection.workspaceId(), connection.id(), fresh);
            store.append(connection, ConnectionEventType.CREDENTIALS_REFRESHED, null,
                    fresh.expiresAt().<Map<String, Object>>map(at -> Map.of("expires_at", at.toString())).orElse(Map.of()),
                    store.now());
            return null;
        });
        return fresh;
    }
}
