package com.amdahl.connections.application.service;

import com.amdahl.connections.application.port.in.CompleteOAuthCallback;
import com.amdahl.connections.application.port.out.CredentialVault;
import com.amdahl.connections.application.port.out.OAuthProvider;
import com.amdahl.connections.application.port.out.OAuthState;
import com.amdahl.connections.application.port.out.OAuthStateStore;
import com.amdahl.connections.domain.ConnectionsException;
import com.amdahl.connections.domain.ErrorCode;
import com.amdahl.connections.domain.connection.Connection;
import com.amdahl.connections.domain.connection.ConnectionEventType;
import com.amdahl.connections.domain.connection.ConnectionStatus;
import java.time.Instant;
import java.util.Map;
import java.util.Optional;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * The OAuth callback (CONTRACT section 5, 9.10, 9.23): the state is the credential. Unknown
 * states render the service's own page; used or expired states redirect with an error and never
 * redeem a code; a failed exchange leaves the connection in error.
 */
final class OAuthCallbackService implements CompleteOAuthCallback {
    private static final Logger LOG = Logger.getLogger(OAuthCallbackService.class.getName());

    private final ConnectionStore store;
    private final OAuthStateStore states;
    private final OAuthProvider oauth;
    private final CredentialVault vault;
    private final String redirectUri;

    OAuthCallbackService(ConnectionStore store, OAuthStateStore states, OAuthProvider oauth, CredentialVault vault,
            String redirectUri) {
        this.store = store;
        this.states = states;
        this.oauth = oauth;
        this.vault = vault;
        this.redirectUri = redirectUri;
    }

    @Override
    public CallbackOutcome complete(String state, String code, String error) {
        if (state == null || state.isBlank() || state.length() > 512) {
            return failure(null, null, "invalid_state");
        }
        Optional<OAuthState> found = states.find(Secrets.sha256Hex(state));
        if (found.isEmpty()) {
            return failure(null, null, "invalid_state");
        }
        OAuthState pending = found.get();
        Instant now = store.now();
        if (pending.isUsed()) {
            return failure(pending, null, "invalid_state");
        }
        if (pending.isExpired(now)) {
            return failure(pending, null, "expired_state");
        }
        if (!states.markUsed(pending.stateHash(), now)) {
            return failure(pending, null, "invalid_state"); // another callback consumed it first
        }
        if (error != null || code == null || code.isBlank()) {
            String errorCode = "server_error".equals(error) || "temporarily_unavailable".equals(error)
                    ? "provider_unavailable" : "access_denied";
            return failure(pending, "The provider authorization was not granted", errorCode);
        }
        OAuthProvider.Grant grant;
        try {
            grant = oauth.exchangeCode(pending.connectorType(), code, pending.codeVerifier(), redirectUri);
        } catch (ConnectionsException exchange) {
            String errorCode = exchange.code() == ErrorCode.PROVIDER_UNAVAILABLE ? "provider_unavailable"
                    : "token_exchange_failed";
            return failure(pending, exchange.getMessage(), errorCode);
        }
        boolean completed = store.transact(() -> {
            Connection current = store.connections.find(pending.workspaceId(), pending.connectionId()).orElse(null);
            if (current == null || current.status() != ConnectionStatus.PENDING) {
                return false;
            }
            Connection connected = current.completeAuthorization(grant.account(), pending.userId(), store.now());
            vault.store(pending.workspaceId(), pending.connectionId(), grant.credentials());
            store.save(current, connected, pending.reconnect() ? ConnectionEventType.RECONNECTED : ConnectionEventType.CONNECTED,
                    pending.userId(), Map.of("method", "oauth_redirect"));
            return true;
        });
        if (!completed) {
            return failure(pending, null, "invalid_state");
        }
        return new CallbackOutcome(true, pending.connectorType(), null,
                pending.returnTo() == null ? null
                        : ReturnToPolicy.withParameter(pending.returnTo(), "connected", pending.connectorType()));
    }

    /** Records the failure on the connection (when there is one still pending) and builds the answer. */
    private CallbackOutcome failure(OAuthState pending, String message, String errorCode) {
        if (pending == null) {
            return new CallbackOutcome(false, null, errorCode, null);
        }
        if (message != null) {
            markFailed(pending, message);
        }
        return new CallbackOutcome(false, pending.connectorType(), errorCode,
                pending.returnTo() == null ? null
                        : ReturnToPolicy.withParameter(pending.returnTo(), "connection_error", errorCode));
    }

    private void markFailed(OAuthState pending, String message) {
        try {
            store.transact(() -> {
                Connection current = store.connections.find(pending.workspaceId(), pending.connectionId()).orElse(null);
                if (current != null && current.status() == ConnectionStatus.PENDING) {
                    store.save(current, current.failAuthorization(message, store.now()), null, pending.userId(), Map.of());
                }
                return null;
            });
        } catch (RuntimeException failure) {
            LOG.log(Level.WARNING, "could not record the failed authorization of connection " + pending.connectionId()
                    + ": " + failure.getClass().getSimpleName());
        }
    }
}
