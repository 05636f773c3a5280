package com.amdahl.connections.application.service;

import static com.amdahl.connections.application.service.ConnectFlowsTest.refusal;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.amdahl.connections.application.Principal;
import com.amdahl.connections.application.TokenScope;
import com.amdahl.connections.application.testing.InMemoryPorts;
import com.amdahl.connections.domain.ErrorCode;
import com.amdahl.connections.domain.catalog.Cadence;
import com.amdahl.connections.domain.workspace.Role;
import org.junit.jupiter.api.Test;

class AccessAndCadenceTest {
    private final InMemoryPorts ports = new InMemoryPorts();

    @Test
    void a_token_authenticates_its_member_and_only_its_hash_is_stored() {
        ports.admin("acme", "alice");
        String token = ports.app.administration().createToken("acme", "alice", false);
        Principal principal = ports.app.authenticate().authenticate(token).orElseThrow();
        assertThat(principal.workspaceId().value()).isEqualTo("acme");
        assertThat(principal.role()).isEqualTo(Role.ADMIN);
        assertThat(principal.scopes()).as("a full member token reads records too (CONTRACT 10)")
                .containsExactlyInAnyOrder(TokenScope.CONNECTIONS_READ, TokenScope.CONNECTIONS_WRITE, TokenScope.RECORDS_READ);
        assertThat(ports.storage.allTokens()).singleElement().satisfies(t -> {
            assertThat(t.tokenHash()).isNotEqualTo(token).hasSize(64);
            assertThat(t.lastUsedAt()).isNotNull();
        });
        Principal named = ports.app.authenticate().authenticate(ports.app.administration().createToken("acme", "alice",
                java.util.Set.of("connections:read", "records:read"))).orElseThrow();
        assertThat(named.scopes()).containsExactlyInAnyOrder(TokenScope.CONNECTIONS_READ, TokenScope.RECORDS_READ);
        assertThatThrownBy(() -> ports.app.administration().createToken("acme", "alice", java.util.Set.of("records:write")))
                .hasMessageContaining("unknown scope 'records:write'");
    }

    @Test
    void read_only_tokens_carry_only_the_read_scope_and_unknown_tokens_are_rejected() {
        ports.member("acme", "bob", Role.MEMBER);
        String token = ports.app.administration().createToken("acme", "bob", true);
        assertThat(ports.app.authenticate().authenticate(token).orElseThrow().scopes())
                .containsExactly(TokenScope.CONNECTIONS_READ);
        assertThat(ports.app.authenticate().authenticate(token + "x")).isEmpty();
        assertThat(ports.app.authenticate().authenticate("")).isEmpty();
        assertThat(ports.app.authenticate().authenticate(null)).isEmpty();
    }

    @Test
    void a_role_change_applies_at_the_next_request() {
        ports.member("acme", "bob", Role.MEMBER);
        String token = ports.app.administration().createToken("acme", "bob", false);
        ports.app.administration().addMember("acme", "bob", Role.ADMIN);
        assertThat(ports.app.authenticate().authenticate(token).orElseThrow().isAdmin()).isTrue();
    }

    @Test
    void tokens_need_an_existing_workspace_and_member() {
        assertThat(refusal(() -> ports.app.administration().createToken("nowhere", "bob", false)))
                .isEqualTo(ErrorCode.WORKSPACE_NOT_FOUND);
        ports.app.administration().createWorkspace("acme", "Acme");
        assertThat(refusal(() -> ports.app.administration().createToken("acme", "ghost", false)))
                .isEqualTo(ErrorCode.OWNER_NOT_MEMBER);
        assertThat(refusal(() -> ports.app.administration().createWorkspace("bad id!", null)))
                .isEqualTo(ErrorCode.VALIDATION_FAILED);
        assertThat(ports.app.administration().createWorkspace("acme", "Acme")).isFalse();
    }

    @Test
    void platform_admins_set_cadence_overrides_and_nobody_else_may() {
        Principal platform = ports.app.authenticate().authenticate(ports.app.administration().createPlatformAdminToken())
                .orElseThrow();
        assertThat(platform.platformAdmin()).isTrue();
        var row = ports.app.cadence().set(platform, "hubspot", "10m");
        assertThat(row.override()).isEqualTo(Cadence.TEN_MINUTES);
        assertThat(row.effective()).isEqualTo(Cadence.TEN_MINUTES);
        assertThat(ports.app.cadence().list(platform)).filteredOn(r -> r.connectorType().equals("hubspot"))
                .singleElement().satisfies(r -> assertThat(r.defaultCadence()).isEqualTo(Cadence.ONE_HOUR));
        assertThat(ports.app.cadence().set(platform, "hubspot", null).effective()).isEqualTo(Cadence.ONE_HOUR);
        assertThat(refusal(() -> ports.app.cadence().set(platform, "hubspot", "2h"))).isEqualTo(ErrorCode.INVALID_CADENCE);
        assertThat(refusal(() -> ports.app.cadence().set(platform, "myspace", "1h"))).isEqualTo(ErrorCode.UNKNOWN_CONNECTOR_TYPE);
        assertThat(refusal(() -> ports.app.cadence().list(ports.admin("acme", "alice")))).isEqualTo(ErrorCode.FORBIDDEN);
    }
}
