package com.amdahl.connections.application.testing;

import com.amdahl.connections.application.port.out.ApiKeyVerifier;
import com.amdahl.connections.application.port.out.Credentials;
import com.amdahl.connections.application.port.out.HandleResolver;
import com.amdahl.connections.application.port.out.OAuthProvider;
import com.amdahl.connections.application.port.out.TokenRefresher;
import com.amdahl.connections.domain.ConnectionsException;
import com.amdahl.connections.domain.ErrorCode;
import com.amdahl.connections.domain.connection.AccountIdentity;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Scripted providers. API keys and OAuth codes starting with {@code bad} are rejected, with
 * {@code down} the provider is unavailable, anything else is accepted. Handles resolve from a map.
 */
public final class FakeProviders implements OAuthProvider, ApiKeyVerifier, HandleResolver, TokenRefresher {
    public final Set<String> unconfigured = ConcurrentHashMap.newKeySet();
    public final Set<String> withoutPkce = ConcurrentHashMap.newKeySet();
    public final Map<String, ResolvedHandle> handleDirectory = new ConcurrentHashMap<>();
    public final List<String> exchangedVerifiers = new ArrayList<>();
    public final List<String> revoked = new ArrayList<>();
    public volatile boolean failRevoke;
    public final List<String> refreshed = new ArrayList<>();
    /** What the next refresh does: null refreshes; otherwise the code of the refusal. */
    public volatile ErrorCode refreshRefusal;
    /** Stored keys and access tokens the provider answers with this code from now on ("Test connection"). */
    public final Map<String, ErrorCode> refusedNow = new ConcurrentHashMap<>();

    public FakeProviders() {
        handleDirectory.put("acme", new ResolvedHandle("1234567890", "acme", "Acme", "https://img.test/acme.png", 4200L));
    }

    @Override
    public boolean isConfigured(String connectorType) {
        return !unconfigured.contains(connectorType);
    }

    @Override
    public boolean supportsPkce(String connectorType) {
        return !withoutPkce.contains(connectorType);
    }

    @Override
    public String authorizeUrl(String connectorType, AuthorizationRequest request) {
        return "https://provider.test/" + connectorType + "/authorize?response_type=code&state="
                + request.state() + "&redirect_uri=" + URLEncoder.encode(request.redirectUri(), StandardCharsets.UTF_8)
                + (request.codeChallenge() == null ? "" : "&code_challenge=" + request.codeChallenge()
                        + "&code_challenge_method=S256");
    }

    @Override
    public Grant exchangeCode(String connectorType, String code, String codeVerifier, String redirectUri) {
        synchronized (exchangedVerifiers) {
            exchangedVerifiers.add(codeVerifier);
        }
        reject(code);
        return new Grant(new Credentials(Map.of(Credentials.ACCESS_TOKEN, "access-" + code,
                Credentials.REFRESH_TOKEN, "refresh-" + code), null),
                new AccountIdentity("acct-" + connectorType, connectorType + " account"));
    }

    @Override
    public void revoke(String connectorType, Credentials credentials) {
        if (failRevoke) {
            throw new ConnectionsException(ErrorCode.PROVIDER_UNAVAILABLE, "revoke failed at the provider (HTTP 503)");
        }
        synchronized (revoked) {
            revoked.add(connectorType);
        }
    }

    @Override
    public boolean canIdentify(String connectorType) {
        return !connectorType.startsWith("notion");
    }

    @Override
    public AccountIdentity identify(String connectorType, Credentials credentials) {
        refuseNow(credentials.get(Credentials.ACCESS_TOKEN).orElseThrow());
        return new AccountIdentity("acct-" + connectorType, connectorType + " account");
    }

    private void refuseNow(String secret) {
        ErrorCode code = refusedNow.get(secret);
        if (code != null) {
            throw new ConnectionsException(code, "The provider answered HTTP " + (code == ErrorCode.INVALID_CREDENTIALS
                    ? 401 : 503), code == ErrorCode.PROVIDER_UNAVAILABLE ? Map.of("reason", "transient") : Map.of());
        }
    }

    @Override
    public AccountIdentity verify(String connectorType, String apiKey) {
        reject(apiKey);
        refuseNow(apiKey);
        return new AccountIdentity("org-" + connectorType, "Acme " + connectorType);
    }

    @Override
    public Optional<ResolvedHandle> resolve(String connectorType, String handle) {
        if (handle.startsWith("down")) {
            throw new ConnectionsException(ErrorCode.PROVIDER_UNAVAILABLE, connectorType + " is unavailable (HTTP 503)");
        }
        return Optional.ofNullable(handleDirectory.get(handle));
    }

    private static void reject(String secret) {
        if (secret.startsWith("bad")) {
            throw new ConnectionsException(ErrorCode.INVALID_CREDENTIALS, "The provider rejected the credentials (HTTP 401)");
        }
        if (secret.startsWith("down")) {
            throw new ConnectionsException(ErrorCode.PROVIDER_UNAVAILABLE, "The provider is unavailable (HTTP 503)");
        }
    }

    @Override
    public Credentials refresh(String connectorType, Credentials current) {
        if (refreshRefusal != null) {
            throw new ConnectionsException(refreshRefusal, connectorType + " refused the refresh (HTTP 400 invalid_grant)");
        }
        synchronized (refreshed) {
            refreshed.add(connectorType);
            return new Credentials(Map.of(Credentials.ACCESS_TOKEN, "access-refreshed-" + refreshed.size(),
                    Credentials.REFRESH_TOKEN, "refresh-rotated-" + refreshed.size()),
                    java.time.Instant.parse("2030-01-01T00:00:00Z"));
        }
    }
}
