package com.amdahl.connections.application.service;

import com.amdahl.connections.application.Permissions;
import com.amdahl.connections.application.Principal;
import com.amdahl.connections.application.TokenScope;
import com.amdahl.connections.application.port.in.Body;
import com.amdahl.connections.application.port.in.ConnectCommand;
import com.amdahl.connections.application.port.in.ConnectOutcome;
import com.amdahl.connections.application.port.in.ConnectSource;
import com.amdahl.connections.application.port.in.ReconnectConnection;
import com.amdahl.connections.application.port.in.ReconnectConnection.Reauthorization;
import com.amdahl.connections.application.port.in.ResolveHandle;
import com.amdahl.connections.application.port.out.ApiKeyVerifier;
import com.amdahl.connections.application.port.out.CredentialVault;
import com.amdahl.connections.application.port.out.Credentials;
import com.amdahl.connections.application.port.out.HandleResolver;
import com.amdahl.connections.application.port.out.HandleResolver.ResolvedHandle;
import com.amdahl.connections.application.port.out.OAuthProvider;
import com.amdahl.connections.application.port.out.OAuthState;
import com.amdahl.connections.application.port.out.OAuthStateStore;
import com.amdahl.connections.application.port.out.SocialAccountAlreadyTracked;
import com.amdahl.connections.domain.ConnectionsException;
import com.amdahl.connections.domain.ErrorCode;
import com.amdahl.connections.domain.WireNames;
import com.amdahl.connections.domain.catalog.AuthMethod;
import com.amdahl.connections.domain.catalog.Connector;
import com.amdahl.connections.domain.connection.AccountIdentity;
import com.amdahl.connections.domain.connection.Connection;
import com.amdahl.connections.domain.connection.ConnectionEventType;
import com.amdahl.connections.domain.workspace.ConnectionId;
import com.amdahl.connections.domain.connection.Profile;
import com.amdahl.connections.domain.catalog.Scope;
import com.amdahl.connections.domain.connection.SocialProfile;
import com.amdahl.connections.domain.sync.TriggeredBy;
import com.amdahl.connections.domain.workspace.WorkspaceId;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.UUID;

/**
 * Connect and reconnect, routed on the connector's auth method: OAuth redirect (pending until
 * the callback), API key (verified, then stored encrypted), handle (re-resolved, unique per
 * workspace) and webhook (a signing secret shown once).
 */
final class ConnectService implements ConnectSource, ReconnectConnection, ResolveHandle {
    static final Duration STATE_LIFETIME = Duration.ofMinutes(10);
    static final String CALLBACK_PATH = "/api/platform/v1/connections/oauth/callback";
    static final String WEBHOOK_PATH = "/api/platform/v1/webhooks/";

    private final ConnectionStore store;
    private final CatalogService catalog;
    private final CredentialVault vault;
    private final OAuthProvider oauth;
    private final OAuthStateStore states;
    private final ApiKeyVerifier apiKeys;
    private final HandleResolver handles;
    private final ReturnToPolicy returnTo;
    private final SyncEngineService engine;
    private final String publicUrl;

    ConnectService(ConnectionStore store, CatalogService catalog, CredentialVault vault, OAuthProvider oauth,
            OAuthStateStore states, ApiKeyVerifier apiKeys, HandleResolver handles, ReturnToPolicy returnTo,
            SyncEngineService engine, String publicUrl) {
        this.store = store;
        this.catalog = catalog;
        this.vault = vault;
        this.oauth = oauth;
        this.states = states;
        this.apiKeys = apiKeys;
        this.handles = handles;
        this.returnTo = returnTo;
        this.engine = engine;
        this.publicUrl = publicUrl;
    }

    String redirectUri() {
        return publicUrl + CALLBACK_PATH;
    }

    @Override
    public ConnectOutcome connect(Principal principal, ConnectCommand command) {
        Permissions.requireScope(principal, TokenScope.CONNECTIONS_WRITE);
        return connectChecked(principal, command);
    }

    @Override
    public ConnectOutcome connect(Principal principal, Body<ConnectCommand> command) {
        Permissions.requireScope(principal, TokenScope.CONNECTIONS_WRITE);
        return connectChecked(principal, command.read());
    }

    /** Connect for a caller whose scope was checked. */
    private ConnectOutcome connectChecked(Principal principal, ConnectCommand command) {
        Validation.require(command.connectorType() != null, "connector_type", "is required");
        Connector connector = store.catalog.require(command.connectorType());
        Permissions.requireMayConnect(principal, connector);
        Profile profile = profileFor(principal, connector, command);
        catalog.requireConnectable(connector.type());
        return switch (connector.authMethod()) {
            case OAUTH_REDIRECT -> connectOAuth(principal, connector, profile, command.returnTo());
            case API_KEY -> connectApiKey(principal, connector, profile, command.apiKey());
            case HANDLE -> connectHandle(principal, connector, profile, command);
            case WEBHOOK -> connectWebhook(principal, connector, profile);
        };
    }

    private Profile profileFor(Principal principal, Connector connector, ConnectCommand command) {
        String name = command.name() == null ? connector.name() : command.name().strip();
        Validation.requireSingleLine("name", name);
        Validation.require(!name.isEmpty() && name.length() <= Profile.MAX_NAME_LENGTH, "name",
                "must be 1-" + Profile.MAX_NAME_LENGTH + " characters");
        Scope scope = connector.defaultScope();
        if (command.scope() != null) {
            scope = WireNames.parse(Scope.class, command.scope()).orElseThrow(() ->
                    Validation.failure("scope", "must be business or personal"));
        }
        return new Profile(name, scope, connector.isPersonal() ? principal.userId() : null, null, null);
    }

    private ConnectOutcome connectOAuth(Principal principal, Connector connector, Profile profile, String returnToUrl) {
        Instant now = store.now();
        Connection pending = Connection.open(newId(), principal.workspaceId(), connector, profile, principal.userId(), now);
        String authorizeUrl = store.transact(() -> {
            store.connections.insert(pending);
            return startAuthorization(principal, pending, connector, false, returnToUrl, now);
        });
        return ConnectOutcome.redirect(store.view(principal, pending.id()), authorizeUrl);
    }

    /** Stores a fresh single-use state (and PKCE verifier) and answers the provider's authorize URL. */
    private String startAuthorization(Principal principal, Connection connection, Connector connector,
            boolean reconnect, String returnToUrl, Instant now) {
        String state = Secrets.random(32);
        String verifier = oauth.supportsPkce(connector.type()) ? Secrets.random(48) : null;
        states.save(new OAuthState(Secrets.sha256Hex(state), principal.workspaceId(), principal.userId(),
                connection.id(), connector.type(), reconnect, returnTo.accept(returnToUrl), verifier, now,
                now.plus(STATE_LIFETIME), null));
        return oauth.authorizeUrl(connector.type(), new OAuthProvider.AuthorizationRequest(state, redirectUri(),
                verifier == null ? null : Secrets.pkceChallenge(verifier)));
    }

    private ConnectOutcome connectApiKey(Principal principal, Connector connector, Profile profile, String apiKey) {
        String key = requireApiKey(apiKey);
        AccountIdentity account = apiKeys.verify(connector.type(), key);
        Instant now = store.now();
        Connection connection = Connection.open(newId(), principal.workspaceId(), connector,
                account == null ? profile : withAccount(profile, account), principal.userId(), now);
        store.transact(() -> {
            store.connections.insert(connection);
            vault.store(principal.workspaceId(), connection.id(), Credentials.apiKey(key));
            store.append(connection, ConnectionEventType.CONNECTED, principal.userId(), Map.of("method", "api_key"), now);
            return null;
        });
        return ConnectOutcome.connected(store.view(principal, connection.id()));
    }

    private ConnectOutcome connectHandle(Principal principal, Connector connector, Profile profile,
            ConnectCommand command) {
        Validation.require(command.accountHandle() != null && !command.accountHandle().isBlank(), "account_handle",
                "is required");
        Validation.require(command.externalAccountId() != null && !command.externalAccountId().isBlank(),
                "external_account_id", "is required; resolve the handle first");
        Validation.requireSingleLine("external_account_id", command.externalAccountId());
        Validation.requireSingleLine("display_name", command.displayName());
        var existing = store.connections.findBySocialAccount(principal.workspaceId(), connector.type(),
                command.externalAccountId());
        if (existing.isPresent()) {
            return ConnectOutcome.alreadyConnected(existing.get().value());
        }
        ResolvedHandle resolved = handles.resolve(connector.type(), normalizeHandle(command.accountHandle()))
                .orElseThrow(() -> new ConnectionsException(ErrorCode.HANDLE_NOT_FOUND, "The handle does not resolve to an account"));
        if (!resolved.externalAccountId().equals(command.externalAccountId())) {
            throw new ConnectionsException(ErrorCode.HANDLE_MISMATCH,
                    "The handle resolves to a different account than external_account_id");
        }
        // Several accounts of one network are tracked side by side: each is named after its account, not the network.
        String displayName = resolved.displayName() != null ? resolved.displayName() : command.displayName();
        String name = command.name() != null ? profile.name()
                : displayName != null && !displayName.isBlank() && displayName.strip().length() <= Profile.MAX_NAME_LENGTH
                        ? displayName.strip() : "@" + resolved.handle();
        Profile social = new Profile(name, profile.scope(), null,
                new AccountIdentity(resolved.externalAccountId(), "@" + resolved.handle()),
                new SocialProfile(resolved.externalAccountId(), resolved.handle(), displayName, resolved.avatarUrl()));
        Instant now = store.now();
        Connection connection = Connection.open(newId(), principal.workspaceId(), connector, social, principal.userId(), now);
        try {
            store.transact(() -> {
                store.connections.insert(connection);
                store.append(connection, ConnectionEventType.CONNECTED, principal.userId(), Map.of("method", "handle"), now);
                return null;
            });
        } catch (SocialAccountAlreadyTracked raced) {
            return store.connections.findBySocialAccount(principal.workspaceId(), connector.type(),
                    resolved.externalAccountId()).map(id -> ConnectOutcome.alreadyConnected(id.value()))
                    .orElseThrow(() -> raced);
        }
        return ConnectOutcome.connected(store.view(principal, connection.id()));
    }

    private ConnectOutcome connectWebhook(Principal principal, Connector connector, Profile profile) {
        String secret = "whsec_" + Secrets.random(32);
        Instant now = store.now();
        Connection connection = Connection.open(newId(), principal.workspaceId(), connector, profile, principal.userId(), now);
        store.transact(() -> {
            store.connections.insert(connection);
            vault.store(principal.workspaceId(), connection.id(), new Credentials(Map.of(Credentials.SIGNING_SECRET, secret), null));
            store.append(connection, ConnectionEventType.CONNECTED, principal.userId(), Map.of("method", "webhook"), now);
            return null;
        });
        return ConnectOutcome.webhook(store.view(principal, connection.id()), webhookUrl(principal.workspaceId(), connection.id()),
                secret);
    }

    String webhookUrl(WorkspaceId workspaceId, ConnectionId id) {
        return publicUrl + WEBHOOK_PATH + workspaceId.value() + "/" + id.value();
    }

    @Override
    public ConnectOutcome reconnect(Principal principal, ConnectionId id, String apiKey, String returnToUrl) {
        Permissions.requireScope(principal, TokenScope.CONNECTIONS_WRITE);
        return reconnectChecked(principal, id, apiKey, returnToUrl);
    }

    @Override
    public ConnectOutcome reconnect(Principal principal, String id, Body<Reauthorization> body) {
        Permissions.requireScope(principal, TokenScope.CONNECTIONS_WRITE);
        ConnectionId connection = ConnectionStore.parseId(id);
        Reauthorization asked = body.read();
        return reconnectChecked(principal, connection, asked.apiKey(), asked.returnTo());
    }

    /** Reconnect for a caller whose scope was checked. */
    private ConnectOutcome reconnectChecked(Principal principal, ConnectionId id, String apiKey, String returnToUrl) {
        Connection current = store.requireVisible(principal, id);
        Connector connector = store.connectorOf(current);
        Permissions.requireMayReconnect(principal, current, connector);
        current.reconnect(principal.userId(), null, store.now()); // refuses a healthy one before any provider call
        catalog.requireConnectable(connector.type());
        return switch (connector.authMethod()) {
            case OAUTH_REDIRECT -> {
                String url = store.transact(() -> {
                    Connection fresh = store.requireVisible(principal, id);
                    Instant now = store.now();
                    Connection pending = store.save(fresh, fresh.beginReauthorization(principal.userId(), now), null,
                            principal.userId(), Map.of());
                    return startAuthorization(principal, pending, connector, true, returnToUrl, now);
                });
                yield ConnectOutcome.redirect(store.view(principal, id), url);
            }
            case API_KEY -> {
                String key = requireApiKey(apiKey);
                AccountIdentity account = apiKeys.verify(connector.type(), key);
                reconnectInPlace(principal, id, account, Credentials.apiKey(key), "api_key");
                yield ConnectOutcome.connected(store.view(principal, id));
            }
            case HANDLE -> {
                reconnectInPlace(principal, id, null, null, "handle");
                // The seed: reconnecting a handle connection re-triggers the sync at once (CONTRACT 9.3).
                engine.request(principal.workspaceId(), id, TriggeredBy.CONNECT);
                yield ConnectOutcome.connected(store.view(principal, id));
            }
            case WEBHOOK -> {
                String secret = "whsec_" + Secrets.random(32);
                reconnectInPlace(principal, id, null, new Credentials(Map.of(Credentials.SIGNING_SECRET, secret), null),
                        "webhook");
                yield ConnectOutcome.webhook(store.view(principal, id), webhookUrl(principal.workspaceId(), id), secret);
            }
        };
    }

    private void reconnectInPlace(Principal principal, ConnectionId id, AccountIdentity account, Credentials credentials,
            String method) {
        store.transact(() -> {
            Connection fresh = store.requireVisible(principal, id);
            Connection reconnected = fresh.reconnect(principal.userId(), account, store.now());
            store.save(fresh, reconnected, ConnectionEventType.RECONNECTED, principal.userId(), Map.of("method", method));
            if (credentials != null) {
                vault.store(principal.workspaceId(), id, credentials);
            }
            return null;
        });
    }

    @Override
    public ResolvedHandle resolve(Principal principal, String connectorType, String handle) {
        Permissions.requireScope(principal, TokenScope.CONNECTIONS_READ);
        Validation.require(connectorType != null, "connector_type", "is required");
        Validation.require(handle != null && !handle.isBlank(), "handle", "is required");
        Connector connector = store.catalog.require(connectorType);
        if (connector.authMethod() != AuthMethod.HANDLE) {
            throw Validation.failure("connector_type", "is not a handle connector");
        }
        catalog.requireConnectable(connectorType);
        return handles.resolve(connectorType, normalizeHandle(handle)).orElseThrow(() ->
                new ConnectionsException(ErrorCode.HANDLE_NOT_FOUND, "The handle does not resolve to an account"));
    }

    private static String normalizeHandle(String handle) {
        String trimmed = handle.strip();
        String bare = trimmed.startsWith("@") ? trimmed.substring(1) : trimmed;
        Validation.require(bare.matches("[A-Za-z0-9_.-]{1,100}"), "handle",
                "must be letters, digits, '_', '.' or '-' (an optional leading @)");
        return bare;
    }

    private static String requireApiKey(String apiKey) {
        Validation.require(apiKey != null && !apiKey.isBlank(), "api_key", "is required");
        Validation.require(apiKey.length() <= 4096, "api_key", "is too long");
        String key = apiKey.strip();
        Validation.requireHeaderSafe("api_key", key);
        return key;
    }

    private static Profile withAccount(Profile profile, AccountIdentity account) {
        return new Profile(profile.name(), profile.scope(), profile.ownerUserId(), account, profile.social());
    }

    private static ConnectionId newId() {
        return new ConnectionId(UUID.randomUUID().toString());
    }
}
