package com.amdahl.connections.application.service;

import com.amdahl.connections.application.Permissions;
import com.amdahl.connections.application.Principal;
import com.amdahl.connections.application.TokenScope;
import com.amdahl.connections.application.port.in.TestCredentials;
import com.amdahl.connections.application.port.out.ApiKeyVerifier;
import com.amdahl.connections.application.port.out.CredentialVault;
import com.amdahl.connections.application.port.out.Credentials;
import com.amdahl.connections.application.port.out.HandleResolver;
import com.amdahl.connections.application.port.out.OAuthProvider;
import com.amdahl.connections.application.port.out.Telemetry;
import com.amdahl.connections.domain.ConnectionsException;
import com.amdahl.connections.domain.ErrorCode;
import com.amdahl.connections.domain.WireNames;
import com.amdahl.connections.domain.catalog.AuthMethod;
import com.amdahl.connections.domain.catalog.Connector;
import com.amdahl.connections.domain.connection.AccountIdentity;
import com.amdahl.connections.domain.connection.Connection;
import com.amdahl.connections.domain.connection.ConnectionEventType;
import com.amdahl.connections.domain.connection.ConnectionStatus;
import com.amdahl.connections.domain.connection.SocialProfile;
import com.amdahl.connections.domain.sync.ErrorReason;
import com.amdahl.connections.domain.workspace.ConnectionId;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;

/**
 * "Test connection": the provider's identity or verify call with the stored credentials, outside
 * any run. Only a rejection ({@code auth}) changes the connection; a provider that cannot answer
 * now ({@code rate_limit}, {@code transient}) says nothing about the credentials.
 */
final class CredentialTestService implements TestCredentials {
    private final ConnectionStore store;
    private final CredentialVault vault;
    private final ApiKeyVerifier apiKeys;
    private final OAuthProvider oauth;
    private final TokenRefresh tokens;
    private final HandleResolver handles;
    private final Telemetry telemetry;

    CredentialTestService(ConnectionStore store, CredentialVault vault, ApiKeyVerifier apiKeys, OAuthProvider oauth,
            TokenRefresh tokens, HandleResolver handles, Telemetry telemetry) {
        this.store = store;
        this.vault = vault;
        this.apiKeys = apiKeys;
        this.oauth = oauth;
        this.tokens = tokens;
        this.handles = handles;
        this.telemetry = telemetry;
    }

    @Override
    public CredentialTestResult test(Principal principal, ConnectionId id) {
        Permissions.requireScope(principal, TokenScope.CONNECTIONS_WRITE);
        return testChecked(principal, id);
    }

    @Override
    public CredentialTestResult test(Principal principal, String id) {
        Permissions.requireScope(principal, TokenScope.CONNECTIONS_WRITE);
        return testChecked(principal, ConnectionStore.parseId(id));
    }

    /** The test for a caller whose scope was checked. */
    private CredentialTestResult testChecked(Principal principal, ConnectionId id) {
        Connection connection = store.requireVisible(principal, id);
        Connector connector = store.connectorOf(connection);
        Permissions.requireMayManage(principal, connection, connector);
        if (connection.profile().sample()) {
            throw notTestable("This is a demo connection: its credentials are made up, so there is nothing to test");
        }
        if (connection.isDisconnected() || connection.status() == ConnectionStatus.PENDING) {
            throw notTestable("A " + connection.status().wire() + " connection has no credentials to test");
        }
        if (connection.lifecycle().connectedAt() == null) {
            throw notTestable("The connection was never authorized; connect it again");
        }
        CredentialTestResult result;
        try {
            result = check(connection, connector);
        } catch (ConnectionsException failure) {
            result = switch (failure.code()) {
                case INVALID_CREDENTIALS -> CredentialTestResult.failed(ErrorReason.AUTH, failure.getMessage());
                case PROVIDER_UNAVAILABLE -> CredentialTestResult.failed(reasonOf(failure), failure.getMessage());
                default -> throw failure;
            };
        }
        record(principal, connection, connector, result);
        return result;
    }

    private CredentialTestResult check(Connection connection, Connector connector) {
        return switch (connector.authMethod()) {
            case API_KEY -> {
                String key = stored(connection).get(Credentials.API_KEY).orElseThrow(CredentialTestService::noCredentials);
                yield CredentialTestResult.passed(apiKeys.verify(connector.type(), key));
            }
            case OAUTH_REDIRECT -> CredentialTestResult.passed(identifyOAuth(connection, connector));
            case HANDLE -> resolveHandle(connection, connector);
            case WEBHOOK -> throw notTestable("A webhook connection has no provider call to test; its deliveries are signed");
        };
    }

    /**
     * The provider's identity call with the stored access token; when it has none, or the token
     * is refused and a refresh token is stored, a refresh proves the grant ({@link TokenRefresh}:
     * stored before use, never while a run holds the connection).
     */
    private AccountIdentity identifyOAuth(Connection connection, Connector connector) {
        Credentials credentials = stored(connection);
        boolean canRefresh = TokenRefresh.refreshableOutsideRun(connection, credentials);
        if (oauth.canIdentify(connector.type())) {
            try {
                return oauth.identify(connector.type(), credentials);
            } catch (ConnectionsException refused) {
                if (refused.code() != ErrorCode.INVALID_CREDENTIALS || !canRefresh) {
                    throw refused;
                }
            }
            return oauth.identify(connector.type(), tokens.outsideRun(connection, credentials));
        }
        if (!canRefresh) {
            throw notTestable(connector.name() + " has no identity call to test a grant without a refresh token");
        }
        tokens.outsideRun(connection, credentials);
        return connection.profile().account();
    }

    /** A handle connection's credential is the platform's lookup key: the test is that the account still resolves. */
    private CredentialTestResult resolveHandle(Connection connection, Connector connector) {
        SocialProfile social = connection.profile().social();
        if (social == null) {
            throw notTestable("The connection tracks no handle");
        }
        Optional<HandleResolver.ResolvedHandle> resolved;
        try {
            resolved = handles.resolve(connector.type(), social.handle());
        } catch (ConnectionsException refused) {
            if (refused.code() != ErrorCode.INVALID_CREDENTIALS) {
                throw refused;
            }
            // the lookup credential is the platform's, not the connection's: reconnecting would not help
            return CredentialTestResult.failed(ErrorReason.CONFIG, refused.getMessage());
        }
        if (resolved.isEmpty() || !resolved.get().externalAccountId().equals(social.externalAccountId())) {
            return CredentialTestResult.failed(ErrorReason.CONFIG,
                    "The handle @" + social.handle() + " no longer names the tracked " + connector.name() + " account");
        }
        return CredentialTestResult.passed(new AccountIdentity(resolved.get().externalAccountId(),
                resolved.get().displayName() == null ? resolved.get().handle() : resolved.get().displayName()));
    }

    private Credentials stored(Connection connection) {
        return vault.load(connection.workspaceId(), connection.id()).orElseThrow(CredentialTestService::noCredentials);
    }

    /** Applies what the test learned, with the audit event (and health_changed), in one unit of work. */
    private void record(Principal principal, Connection tested, Connector connector, CredentialTestResult result) {
        boolean rejected = !result.ok() && result.errorReason() == ErrorReason.AUTH;
        String outcome = result.ok() ? "ok" : rejected ? "rejected" : "unavailable";
        telemetry.credentialTest(connector.type(), outcome);
        Map<String, Object> details = new LinkedHashMap<>();
        details.put("outcome", outcome);
        details.put("error_reason", result.errorReason() == null ? null : result.errorReason().wire());
        store.transact(() -> {
            Connection current = store.connections.find(tested.workspaceId(), tested.id())
                    .orElseThrow(ConnectionStore::notFound);
            Connection after = current;
            if (!current.isDisconnected()) {
                if (rejected) {
                    after = current.failCredentialTest(connector.authMethod() == AuthMethod.OAUTH_REDIRECT,
                            result.message(), store.now());
                } else if (result.ok()) {
                    after = current.passCredentialTest(store.now());
                }
            }
            Connection stored = store.save(current, after, null, principal.userId(), Map.of());
            store.append(stored, ConnectionEventType.CREDENTIALS_TESTED, principal.userId(), details, store.now());
            return null;
        });
    }

    private static ErrorReason reasonOf(ConnectionsException failure) {
        Object reason = failure.details().get("reason");
        ErrorReason parsed = reason instanceof String wire
                ? WireNames.parse(ErrorReason.class, wire).orElse(ErrorReason.TRANSIENT) : ErrorReason.TRANSIENT;
        // a provider that answered but cannot be reached for this is not a rejection of the credentials
        return parsed == ErrorReason.AUTH ? ErrorReason.TRANSIENT : parsed;
    }

    private static ConnectionsException notTestable(String message) {
        return new ConnectionsException(ErrorCode.CONNECTION_NOT_TESTABLE, message);
    }

    /** Nothing stored to test with counts as rejected: a person must connect the account again. */
    private static ConnectionsException noCredentials() {
        return new ConnectionsException(ErrorCode.INVALID_CREDENTIALS, "No credentials are stored for this connection");
    }
}
