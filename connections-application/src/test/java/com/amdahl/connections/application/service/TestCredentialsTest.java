package com.amdahl.connections.application.service;

import static com.amdahl.connections.application.service.ConnectFlowsTest.apiKey;
import static com.amdahl.connections.application.service.ConnectFlowsTest.refusal;
import static org.assertj.core.api.Assertions.assertThat;

import com.amdahl.connections.application.Principal;
import com.amdahl.connections.application.port.in.ConnectCommand;
import com.amdahl.connections.application.port.in.TestCredentials.CredentialTestResult;
import com.amdahl.connections.application.testing.InMemoryPorts;
import com.amdahl.connections.domain.ErrorCode;
import com.amdahl.connections.domain.connection.ConnectionEvent;
import com.amdahl.connections.domain.connection.ConnectionEventType;
import com.amdahl.connections.domain.connection.ConnectionStatus;
import com.amdahl.connections.domain.health.Health;
import com.amdahl.connections.domain.sync.ErrorReason;
import com.amdahl.connections.domain.workspace.ConnectionId;
import com.amdahl.connections.domain.workspace.Role;
import java.util.List;
import org.junit.jupiter.api.Test;

class TestCredentialsTest {
    private final InMemoryPorts ports = new InMemoryPorts();
    private final Principal admin = ports.admin("acme", "alice");
    private final Principal member = ports.member("acme", "bob", Role.MEMBER);
    private final Principal stranger = ports.admin("globex", "eve");

    private ConnectionId pipedrive(String key) {
        return ports.app.connect().connect(admin, apiKey("pipedrive", key)).connection().connection().id();
    }

    private ConnectionId gmailOf(Principal owner, String code) {
        var outcome = ports.app.connect().connect(owner,
                new ConnectCommand("gmail", null, null, null, null, null, null, null, null));
        String state = OAuthCallbackTest.query(outcome.authorizeUrl()).get("state");
        ports.app.oauthCallback().complete(state, code, null);
        return outcome.connection().connection().id();
    }

    private List<ConnectionEvent> tested(ConnectionId id) {
        return ports.app.queries().events(admin, id, null).stream()
                .filter(e -> e.type() == ConnectionEventType.CREDENTIALS_TESTED).toList();
    }

    @Test
    void a_key_the_provider_accepts_passes_with_its_account_and_is_audited() {
        ConnectionId id = pipedrive("good-key");
        CredentialTestResult result = ports.app.testCredentials().test(admin, id);
        assertThat(result.ok()).isTrue();
        assertThat(result.account().label()).isEqualTo("Acme pipedrive");
        assertThat(tested(id)).singleElement().satisfies(e -> {
            assertThat(e.actorUserId().value()).isEqualTo("alice");
            assertThat(e.details()).containsEntry("outcome", "ok");
        });
        assertThat(ports.app.queries().get(admin, id).health().health()).isEqualTo(Health.HEALTHY);
    }

    @Test
    void a_rejected_key_moves_the_connection_to_error_needing_reauth_and_a_recovered_one_clears_it() {
        ConnectionId id = pipedrive("good-key");
        ports.providers.refusedNow.put("good-key", ErrorCode.INVALID_CREDENTIALS);

        CredentialTestResult rejected = ports.app.testCredentials().test(admin, id);
        assertThat(rejected.ok()).isFalse();
        assertThat(rejected.errorReason()).isEqualTo(ErrorReason.AUTH);
        assertThat(rejected.message()).contains("401").doesNotContain("good-key");
        var broken = ports.app.queries().get(admin, id);
        assertThat(broken.connection().status()).isEqualTo(ConnectionStatus.ERROR);
        assertThat(broken.health().health()).isEqualTo(Health.NEEDS_REAUTH);
        assertThat(ports.app.queries().events(admin, id, null)).extracting(ConnectionEvent::type)
                .contains(ConnectionEventType.CREDENTIALS_TESTED, ConnectionEventType.HEALTH_CHANGED);
        assertThat(tested(id).get(0).details()).containsEntry("outcome", "rejected").containsEntry("error_reason", "auth");

        ports.providers.refusedNow.clear();
        assertThat(ports.app.testCredentials().test(admin, id).ok()).isTrue();
        var recovered = ports.app.queries().get(admin, id);
        assertThat(recovered.connection().status()).isEqualTo(ConnectionStatus.CONNECTED);
        assertThat(recovered.health().health()).isEqualTo(Health.HEALTHY);
        assertThat(recovered.connection().lifecycle().lastError()).isNull();
        assertThat(tested(id)).hasSize(2);
    }

    @Test
    void a_provider_that_cannot_answer_changes_nothing_but_is_reported_and_audited() {
        ConnectionId id = pipedrive("good-key");
        ports.providers.refusedNow.put("good-key", ErrorCode.PROVIDER_UNAVAILABLE);
        CredentialTestResult result = ports.app.testCredentials().test(admin, id);
        assertThat(result.ok()).isFalse();
        assertThat(result.errorReason()).isEqualTo(ErrorReason.TRANSIENT);
        assertThat(ports.app.queries().get(admin, id).health().health()).isEqualTo(Health.HEALTHY);
        assertThat(tested(id).get(0).details()).containsEntry("outcome", "unavailable");
    }

    @Test
    void a_rejected_oauth_token_is_refreshed_first_and_a_refused_refresh_needs_reauth_keeping_the_status() {
        ConnectionId id = gmailOf(admin, "code1");
        ports.providers.refusedNow.put("access-code1", ErrorCode.INVALID_CREDENTIALS);
        assertThat(ports.app.testCredentials().test(admin, id).ok()).as("the refreshed token answers").isTrue();
        assertThat(ports.providers.refreshed).containsExactly("gmail");
        assertThat(ports.app.queries().events(admin, id, null)).extracting(ConnectionEvent::type)
                .contains(ConnectionEventType.CREDENTIALS_REFRESHED);

        ports.providers.refusedNow.put("access-refreshed-1", ErrorCode.INVALID_CREDENTIALS);
        ports.providers.refreshRefusal = ErrorCode.INVALID_CREDENTIALS;
        CredentialTestResult rejected = ports.app.testCredentials().test(admin, id);
        assertThat(rejected.errorReason()).isEqualTo(ErrorReason.AUTH);
        var view = ports.app.queries().get(admin, id);
        assertThat(view.health().health()).isEqualTo(Health.NEEDS_REAUTH);
        assertThat(view.connection().status()).isEqualTo(ConnectionStatus.CONNECTED);
    }

    @Test
    void a_handle_that_no_longer_names_the_account_is_reported_without_blaming_the_connection() {
        ConnectionId id = ports.app.connect().connect(admin, ConnectFlowsTest.handle("twitter", "acme", "1234567890"))
                .connection().connection().id();
        CredentialTestResult found = ports.app.testCredentials().test(admin, id);
        assertThat(found.ok()).isTrue();
        assertThat(found.account().externalAccountId()).isEqualTo("1234567890");

        ports.providers.handleDirectory.remove("acme");
        CredentialTestResult gone = ports.app.testCredentials().test(admin, id);
        assertThat(gone.errorReason()).isEqualTo(ErrorReason.CONFIG);
        assertThat(gone.message()).contains("@acme");
        assertThat(ports.app.queries().get(admin, id).health().health()).isEqualTo(Health.HEALTHY);
    }

    @Test
    void members_may_test_their_own_personal_connections_but_not_workspace_ones() {
        ConnectionId workspace = pipedrive("good-key");
        ConnectionId bobsMail = gmailOf(member, "code2");
        assertThat(refusal(() -> ports.app.testCredentials().test(member, workspace))).isEqualTo(ErrorCode.FORBIDDEN);
        assertThat(ports.app.testCredentials().test(member, bobsMail).ok()).isTrue();
        assertThat(refusal(() -> ports.app.testCredentials().test(InMemoryPorts.readOnly(admin), workspace)))
                .isEqualTo(ErrorCode.INSUFFICIENT_SCOPE);
        assertThat(refusal(() -> ports.app.testCredentials().test(stranger, workspace)))
                .isEqualTo(ErrorCode.CONNECTION_NOT_FOUND);
    }

    @Test
    void disconnected_and_pending_connections_have_nothing_to_test() {
        ConnectionId id = pipedrive("good-key");
        ports.app.manage().disconnect(admin, id);
        assertThat(refusal(() -> ports.app.testCredentials().test(admin, id))).isEqualTo(ErrorCode.CONNECTION_NOT_TESTABLE);
        ConnectionId pending = ports.app.connect().connect(admin,
                new ConnectCommand("hubspot", null, null, null, null, null, null, null, null)).connection().connection().id();
        assertThat(refusal(() -> ports.app.testCredentials().test(admin, pending)))
                .isEqualTo(ErrorCode.CONNECTION_NOT_TESTABLE);
        assertThat(tested(id)).isEmpty();
    }

    @Test
    void views_carry_credential_facts_by_auth_method_and_never_a_secret() {
        ConnectionId key = pipedrive("good-key");
        ConnectionId mail = gmailOf(admin, "code3");
        assertThat(ports.app.queries().get(admin, key).credentials().kind()).isEqualTo("api_key");
        assertThat(ports.app.queries().get(admin, mail).credentials().kind()).isEqualTo("oauth");
        assertThat(com.amdahl.connections.application.view.JsonText.write(
                com.amdahl.connections.application.view.JsonShapes.connectionsDocument(ports.app.queries().list(admin))))
                .contains("\"credentials\":{\"kind\":\"api_key\"").doesNotContain("good-key", "access-code3");
    }
}
