package com.amdahl.connections.application.service;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.amdahl.connections.application.Principal;
import com.amdahl.connections.application.port.in.ConnectCommand;
import com.amdahl.connections.application.port.in.ConnectOutcome;
import com.amdahl.connections.application.port.out.Credentials;
import com.amdahl.connections.application.testing.InMemoryPorts;
import com.amdahl.connections.domain.ConnectionsException;
import com.amdahl.connections.domain.ErrorCode;
import com.amdahl.connections.domain.catalog.NotConnectableReason;
import com.amdahl.connections.domain.catalog.Scope;
import com.amdahl.connections.domain.connection.ConnectionEventType;
import com.amdahl.connections.domain.connection.ConnectionStatus;
import com.amdahl.connections.domain.health.Health;
import com.amdahl.connections.domain.workspace.Role;
import org.assertj.core.api.ThrowableAssert.ThrowingCallable;
import org.junit.jupiter.api.Test;

class ConnectFlowsTest {
    private final InMemoryPorts ports = new InMemoryPorts();
    private final Principal admin = ports.admin("acme", "alice");

    static ConnectCommand apiKey(String type, String key) {
        return new ConnectCommand(type, null, null, null, key, null, null, null, null);
    }

    static ConnectCommand handle(String type, String handle, String externalId) {
        return new ConnectCommand(type, null, null, null, null, handle, externalId, "Acme", 4200L);
    }

    static ErrorCode refusal(ThrowingCallable call) {
        try {
            call.call();
        } catch (ConnectionsException e) {
            return e.code();
        } catch (Throwable other) {
            throw new AssertionError(other);
        }
        throw new AssertionError("expected a refusal");
    }

    @Test
    void an_api_key_connect_verifies_then_stores_the_key_and_is_connected_at_once() {
        ConnectOutcome outcome = ports.app.connect().connect(admin, apiKey("pipedrive", "good-key"));
        assertThat(outcome.mode()).isEqualTo(ConnectOutcome.Mode.CONNECTED);
        var connection = outcome.connection().connection();
        assertThat(connection.status()).isEqualTo(ConnectionStatus.CONNECTED);
        assertThat(connection.profile().name()).isEqualTo("Pipedrive");
        assertThat(connection.profile().scope()).isEqualTo(Scope.BUSINESS);
        assertThat(connection.profile().account().label()).isEqualTo("Acme pipedrive");
        assertThat(outcome.connection().health().health()).isEqualTo(Health.HEALTHY);
        assertThat(outcome.connection().lastRun()).isNull();
        assertThat(ports.storage.vault.load(admin.workspaceId(), connection.id()))
                .contains(Credentials.apiKey("good-key"));
        assertThat(ports.app.queries().events(admin, connection.id(), null)).extracting(e -> e.type())
                .containsExactly(ConnectionEventType.CONNECTED);
        assertThat(ports.storage.allRuns()).as("connect never starts a run").isEmpty();
    }

    @Test
    void a_rejected_or_unverifiable_key_stores_nothing() {
        assertThat(refusal(() -> ports.app.connect().connect(admin, apiKey("fathom", "bad-key"))))
                .isEqualTo(ErrorCode.INVALID_CREDENTIALS);
        assertThat(refusal(() -> ports.app.connect().connect(admin, apiKey("fathom", "down-key"))))
                .isEqualTo(ErrorCode.PROVIDER_UNAVAILABLE);
        assertThat(refusal(() -> ports.app.connect().connect(admin, apiKey("fathom", " "))))
                .isEqualTo(ErrorCode.VALIDATION_FAILED);
        assertThat(ports.app.queries().list(admin)).isEmpty();
    }

    @Test
    void a_key_with_a_control_character_or_a_lone_surrogate_is_refused_before_the_provider_hears_of_it() {
        // "down…" keys make the fake provider fail: a validation refusal proves no call was made.
        for (String key : new String[] {"down-key\u0001CANARY", "down-key\ud800CANARY", "down-key\u00e9CANARY"}) {
            ConnectionsException refused = catchThrowableOfType(ConnectionsException.class,
                    () -> ports.app.connect().connect(admin, apiKey("pipedrive", key)));
            assertThat(refused.code()).isEqualTo(ErrorCode.VALIDATION_FAILED);
            assertThat(refused.details()).containsOnlyKeys("api_key");
            assertThat(refused.getMessage() + refused.details()).doesNotContain("CANARY");
        }
        assertThat(ports.app.queries().list(admin)).isEmpty();
    }

    @Test
    void names_with_control_characters_or_lone_surrogates_are_refused() {
        for (String name : new String[] {"Acme\u0001", "Acme\ud800", "Acme\nCRM"}) {
            assertThat(refusal(() -> ports.app.connect().connect(admin,
                    new ConnectCommand("pipedrive", name, null, null, "good", null, null, null, null))))
                    .isEqualTo(ErrorCode.VALIDATION_FAILED);
        }
        assertThat(ports.app.connect().connect(admin,
                new ConnectCommand("pipedrive", "Acme \ud83d\ude80 CRM", null, null, "good", null, null, null, null))
                .connection().connection().profile().name()).isEqualTo("Acme \ud83d\ude80 CRM");
    }

    @Test
    void coming_soon_unconfigured_and_unknown_connectors_are_refused() {
        assertThatThrownBy(() -> ports.app.connect().connect(admin, apiKey("circleback", "x")))
                .isInstanceOfSatisfying(ConnectionsException.class, e -> {
                    assertThat(e.code()).isEqualTo(ErrorCode.CONNECTOR_NOT_CONNECTABLE);
                    assertThat(e.details()).containsEntry("reason", "coming_soon");
                });
        ports.providers.unconfigured.add("salesforce");
        assertThat(refusal(() -> ports.app.connect().connect(admin, apiKey("salesforce", null))))
                .isEqualTo(ErrorCode.CONNECTOR_NOT_CONNECTABLE);
        assertThat(ports.app.catalog().catalog(admin, null, null)).filteredOn(e -> e.connector().type().equals("salesforce"))
                .singleElement().extracting(e -> e.notConnectableReason())
                .isEqualTo(NotConnectableReason.PROVIDER_APP_NOT_CONFIGURED);
        assertThat(refusal(() -> ports.app.connect().connect(admin, apiKey("myspace", "x"))))
                .isEqualTo(ErrorCode.UNKNOWN_CONNECTOR_TYPE);
    }

    @Test
    void the_catalog_filters_by_category_and_refuses_an_unknown_one() {
        assertThat(ports.app.catalog().catalog(admin, "social", null)).extracting(e -> e.connector().type())
                .containsExactly("twitter", "linkedin");
        assertThat(ports.app.catalog().catalog(admin, null, "first_party")).hasSize(19);
        assertThat(ports.app.catalog().catalog(admin, null, "third_party")).isEmpty();
        assertThat(refusal(() -> ports.app.catalog().catalog(admin, "music", null))).isEqualTo(ErrorCode.INVALID_CATEGORY);
    }

    @Test
    void members_connect_personal_connectors_for_themselves_but_not_workspace_ones() {
        Principal bob = ports.member("acme", "bob", Role.MEMBER);
        assertThat(refusal(() -> ports.app.connect().connect(bob, apiKey("pipedrive", "good")))).isEqualTo(ErrorCode.FORBIDDEN);
        ConnectOutcome gmail = ports.app.connect().connect(bob,
                new ConnectCommand("gmail", null, null, "https://console.amdahl.test/c", null, null, null, null, null));
        assertThat(gmail.connection().connection().profile().ownerUserId()).isEqualTo(bob.userId());
        assertThat(gmail.connection().connection().profile().scope()).isEqualTo(Scope.PERSONAL);
    }

    @Test
    void a_read_only_key_cannot_connect() {
        assertThat(refusal(() -> ports.app.connect().connect(InMemoryPorts.readOnly(admin), apiKey("pipedrive", "good"))))
                .isEqualTo(ErrorCode.INSUFFICIENT_SCOPE);
    }

    @Test
    void a_handle_is_re_resolved_and_one_account_is_tracked_once() {
        ConnectOutcome first = ports.app.connect().connect(admin, handle("twitter", "@acme", "1234567890"));
        assertThat(first.mode()).isEqualTo(ConnectOutcome.Mode.CONNECTED);
        var social = first.connection().connection().profile().social();
        assertThat(social.handle()).isEqualTo("acme");
        assertThat(social.avatarUrl()).isEqualTo("https://img.test/acme.png");
        assertThat(first.connection().connection().profile().name())
                .as("named after the account, not the network").isNotEqualTo("X / Twitter")
                .isIn(social.displayName(), "@acme");
        ConnectOutcome again = ports.app.connect().connect(admin, handle("twitter", "acme", "1234567890"));
        assertThat(again.mode()).isEqualTo(ConnectOutcome.Mode.ALREADY_CONNECTED);
        assertThat(again.existingId()).isEqualTo(first.connection().connection().id().value());
        assertThat(again.created()).isFalse();
        assertThat(refusal(() -> ports.app.connect().connect(admin, handle("twitter", "acme", "999"))))
                .isEqualTo(ErrorCode.HANDLE_MISMATCH);
        assertThat(refusal(() -> ports.app.connect().connect(admin, handle("twitter", "nobody", "1"))))
                .isEqualTo(ErrorCode.HANDLE_NOT_FOUND);
        assertThat(refusal(() -> ports.app.connect().connect(admin, handle("twitter", "acme", null))))
                .isEqualTo(ErrorCode.VALIDATION_FAILED);
        assertThat(refusal(() -> ports.app.resolveHandle().resolve(admin, "twitter", "nobody")))
                .isEqualTo(ErrorCode.HANDLE_NOT_FOUND);
        assertThat(ports.app.resolveHandle().resolve(admin, "linkedin", "acme").followers()).isEqualTo(4200L);
    }

    @Test
    void a_webhook_connect_shows_the_signing_secret_once_and_stores_it_encrypted() {
        ConnectOutcome outcome = ports.app.connect().connect(admin, apiKey("test_webhook", null));
        assertThat(outcome.mode()).isEqualTo(ConnectOutcome.Mode.WEBHOOK);
        var id = outcome.connection().connection().id();
        assertThat(outcome.webhookUrl()).isEqualTo(InMemoryPorts.PUBLIC_URL + "/api/platform/v1/webhooks/acme/" + id.value());
        assertThat(outcome.signingSecret()).startsWith("whsec_").hasSizeGreaterThan(40);
        assertThat(ports.storage.vault.load(admin.workspaceId(), id).flatMap(c -> c.get(Credentials.SIGNING_SECRET)))
                .contains(outcome.signingSecret());
        assertThat(outcome.toString()).doesNotContain(outcome.signingSecret());
    }

    @Test
    void names_and_scopes_are_validated() {
        assertThat(refusal(() -> ports.app.connect().connect(admin,
                new ConnectCommand("pipedrive", "x".repeat(201), null, null, "good", null, null, null, null))))
                .isEqualTo(ErrorCode.VALIDATION_FAILED);
        assertThat(refusal(() -> ports.app.connect().connect(admin,
                new ConnectCommand("pipedrive", null, "galactic", null, "good", null, null, null, null))))
                .isEqualTo(ErrorCode.VALIDATION_FAILED);
        var named = ports.app.connect().connect(admin,
                new ConnectCommand("pipedrive", "  Acme CRM ", "personal", null, "good", null, null, null, null));
        assertThat(named.connection().connection().profile().name()).isEqualTo("Acme CRM");
        assertThat(named.connection().connection().profile().scope()).isEqualTo(Scope.PERSONAL);
    }

    @Test
    void a_workspace_may_hold_several_connections_of_one_type_newest_first() {
        var first = ports.app.connect().connect(admin, apiKey("pipedrive", "good-1")).connection().connection().id();
        ports.clock.advance(java.time.Duration.ofSeconds(1));
        var second = ports.app.connect().connect(admin, apiKey("pipedrive", "good-2")).connection().connection().id();
        assertThat(ports.app.queries().list(admin)).extracting(v -> v.connection().id()).containsExactly(second, first);
    }
}
