package com.amdahl.connections.application.service;

import static org.assertj.core.api.Assertions.assertThat;

import com.amdahl.connections.application.Principal;
import com.amdahl.connections.application.port.in.CompleteOAuthCallback.CallbackOutcome;
import com.amdahl.connections.application.port.in.ConnectCommand;
import com.amdahl.connections.application.port.in.ConnectOutcome;
import com.amdahl.connections.application.port.out.Credentials;
import com.amdahl.connections.application.testing.InMemoryPorts;
import com.amdahl.connections.domain.connection.ConnectionEventType;
import com.amdahl.connections.domain.connection.ConnectionStatus;
import com.amdahl.connections.domain.health.Health;
import com.amdahl.connections.domain.health.NextAction;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Arrays;
import java.util.Map;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;

class OAuthCallbackTest {
    private static final String RETURN_TO = "https://console.amdahl.test/acme/connections";
    private final InMemoryPorts ports = new InMemoryPorts();
    private final Principal admin = ports.admin("acme", "alice");

    private ConnectOutcome connect(String type, String returnTo) {
        return ports.app.connect().connect(admin, new ConnectCommand(type, null, null, returnTo, null, null, null, null, null));
    }

    static Map<String, String> query(String url) {
        return Arrays.stream(url.substring(url.indexOf('?') + 1).split("&")).map(p -> p.split("=", 2))
                .collect(Collectors.toMap(p -> p[0], p -> URLDecoder.decode(p[1], StandardCharsets.UTF_8)));
    }

    @Test
    void connect_answers_a_pending_connection_and_an_authorize_url_with_state_and_pkce() {
        ConnectOutcome outcome = connect("hubspot", RETURN_TO);
        assertThat(outcome.mode()).isEqualTo(ConnectOutcome.Mode.OAUTH_REDIRECT);
        assertThat(outcome.connection().connection().status()).isEqualTo(ConnectionStatus.PENDING);
        assertThat(outcome.connection().health().detail().nextAction()).isEqualTo(NextAction.WAIT);
        Map<String, String> query = query(outcome.authorizeUrl());
        assertThat(query.get("state")).hasSizeGreaterThanOrEqualTo(43); // 256 bits, base64url
        assertThat(query.get("redirect_uri")).isEqualTo(InMemoryPorts.PUBLIC_URL + "/api/platform/v1/connections/oauth/callback");
        assertThat(query.get("code_challenge_method")).isEqualTo("S256");
    }

    @Test
    void the_callback_connects_stores_tokens_and_redirects_to_the_first_party_return_to() {
        ConnectOutcome outcome = connect("hubspot", RETURN_TO);
        Map<String, String> query = query(outcome.authorizeUrl());
        CallbackOutcome done = ports.app.oauthCallback().complete(query.get("state"), "code-1", null);
        assertThat(done.succeeded()).isTrue();
        assertThat(done.redirectUrl()).isEqualTo(RETURN_TO + "?connected=hubspot");
        var id = outcome.connection().connection().id();
        var view = ports.app.queries().get(admin, id);
        assertThat(view.connection().status()).isEqualTo(ConnectionStatus.CONNECTED);
        assertThat(view.connection().profile().account().externalAccountId()).isEqualTo("acct-hubspot");
        assertThat(ports.storage.vault.load(admin.workspaceId(), id).flatMap(c -> c.get(Credentials.ACCESS_TOKEN)))
                .contains("access-code-1");
        assertThat(Secrets.pkceChallenge(ports.providers.exchangedVerifiers.get(0))).isEqualTo(query.get("code_challenge"));
        assertThat(ports.app.queries().events(admin, id, null)).extracting(e -> e.type())
                .contains(ConnectionEventType.CONNECTED);
    }

    @Test
    void a_foreign_return_to_is_ignored_and_the_service_renders_its_own_page() {
        Map<String, String> query = query(connect("hubspot", "https://evil.example/steal").authorizeUrl());
        CallbackOutcome done = ports.app.oauthCallback().complete(query.get("state"), "code-1", null);
        assertThat(done.succeeded()).isTrue();
        assertThat(done.redirectUrl()).isNull();
        assertThat(done.connectorType()).isEqualTo("hubspot");
    }

    @Test
    void a_replayed_state_is_refused_and_never_redeems_a_code() {
        Map<String, String> query = query(connect("hubspot", RETURN_TO).authorizeUrl());
        ports.app.oauthCallback().complete(query.get("state"), "code-1", null);
        CallbackOutcome replay = ports.app.oauthCallback().complete(query.get("state"), "code-2", null);
        assertThat(replay.succeeded()).isFalse();
        assertThat(replay.redirectUrl()).isEqualTo(RETURN_TO + "?connection_error=invalid_state");
        assertThat(ports.providers.exchangedVerifiers).hasSize(1);
    }

    @Test
    void an_expired_state_is_refused() {
        Map<String, String> query = query(connect("hubspot", RETURN_TO).authorizeUrl());
        ports.clock.advance(Duration.ofMinutes(10));
        CallbackOutcome done = ports.app.oauthCallback().complete(query.get("state"), "code-1", null);
        assertThat(done.errorCode()).isEqualTo("expired_state");
        assertThat(done.redirectUrl()).isEqualTo(RETURN_TO + "?connection_error=expired_state");
        assertThat(ports.providers.exchangedVerifiers).isEmpty();
    }

    @Test
    void an_unknown_state_renders_the_service_page() {
        CallbackOutcome done = ports.app.oauthCallback().complete("forged", "code", null);
        assertThat(done.errorCode()).isEqualTo("invalid_state");
        assertThat(done.redirectUrl()).isNull();
    }

    @Test
    void a_denied_first_authorization_leaves_the_connection_in_error_to_connect_again() {
        ConnectOutcome outcome = connect("slack", RETURN_TO);
        CallbackOutcome done = ports.app.oauthCallback().complete(query(outcome.authorizeUrl()).get("state"), null, "access_denied");
        assertThat(done.redirectUrl()).isEqualTo(RETURN_TO + "?connection_error=access_denied");
        var view = ports.app.queries().get(admin, outcome.connection().connection().id());
        assertThat(view.connection().status()).isEqualTo(ConnectionStatus.ERROR);
        assertThat(view.health().health()).isEqualTo(Health.ERROR);
        assertThat(view.health().detail().nextAction()).isEqualTo(NextAction.CONNECT_AGAIN);
        assertThat(view.lastRun()).isNull();
    }

    @Test
    void a_failed_token_exchange_is_reported_without_secrets() {
        ConnectOutcome outcome = connect("hubspot", RETURN_TO);
        CallbackOutcome done = ports.app.oauthCallback().complete(query(outcome.authorizeUrl()).get("state"), "bad-code", null);
        assertThat(done.errorCode()).isEqualTo("token_exchange_failed");
        ConnectOutcome other = connect("hubspot", RETURN_TO);
        assertThat(ports.app.oauthCallback().complete(query(other.authorizeUrl()).get("state"), "down-code", null).errorCode())
                .isEqualTo("provider_unavailable");
        assertThat(ports.app.queries().get(admin, outcome.connection().connection().id()).connection().lifecycle().lastError())
                .doesNotContain("bad-code");
    }

    @Test
    void an_oauth_reconnect_restores_the_same_row_through_the_provider() {
        ConnectOutcome outcome = connect("hubspot", RETURN_TO);
        var id = outcome.connection().connection().id();
        ports.app.oauthCallback().complete(query(outcome.authorizeUrl()).get("state"), null, "access_denied");
        ConnectOutcome again = ports.app.reconnect().reconnect(admin, id, null, RETURN_TO);
        assertThat(again.mode()).isEqualTo(ConnectOutcome.Mode.OAUTH_REDIRECT);
        assertThat(again.connection().connection().id()).isEqualTo(id);
        CallbackOutcome done = ports.app.oauthCallback().complete(query(again.authorizeUrl()).get("state"), "code-9", null);
        assertThat(done.succeeded()).isTrue();
        assertThat(ports.app.queries().list(admin)).singleElement()
                .satisfies(v -> assertThat(v.connection().status()).isEqualTo(ConnectionStatus.CONNECTED));
        assertThat(ports.app.queries().events(admin, id, null)).extracting(e -> e.type())
                .contains(ConnectionEventType.RECONNECTED);
    }
}
