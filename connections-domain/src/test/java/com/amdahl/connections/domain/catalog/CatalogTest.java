package com.amdahl.connections.domain.catalog;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.amdahl.connections.domain.ConnectionsException;
import com.amdahl.connections.domain.ErrorCode;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The catalog's own rules; the launch set is the provider plugins', checked where they live (adapter-providers). */
class CatalogTest {
    private static final Connector CRM = connector("crm_one", AuthMethod.OAUTH_REDIRECT);
    private static final Connector WEBHOOK = connector("test_webhook", AuthMethod.WEBHOOK);

    private final Catalog catalog = Catalog.of(List.of(CRM));

    private static Connector connector(String type, AuthMethod auth) {
        return new Connector(type, "Test", Category.CRM, auth, Ownership.WORKSPACE, Direction.INBOUND, Scope.BUSINESS,
                List.of("events"), Cadence.ONE_HOUR, false, null);
    }

    @Test
    void an_unknown_type_is_refused_with_a_stable_code() {
        assertThatThrownBy(() -> catalog.require("myspace")).isInstanceOf(ConnectionsException.class)
                .extracting(e -> ((ConnectionsException) e).code()).isEqualTo(ErrorCode.UNKNOWN_CONNECTOR_TYPE);
    }

    @Test
    void extra_connectors_come_after_the_others_but_types_stay_unique() {
        assertThat(catalog.with(List.of(WEBHOOK)).all()).containsExactly(CRM, WEBHOOK);
        assertThatThrownBy(() -> catalog.with(List.of(CRM))).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> Catalog.of(List.of(WEBHOOK, WEBHOOK))).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void a_connector_type_is_lower_snake_case() {
        assertThatThrownBy(() -> connector("Acme", AuthMethod.API_KEY)).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void an_api_key_connector_asks_for_one_secret_key_unless_it_names_its_parts() {
        assertThat(connector("keyed", AuthMethod.API_KEY).credentialFields()).isEqualTo(CredentialFields.API_KEY);
        assertThat(CRM.credentialFields()).isNull();
        CredentialFields twoParts = CredentialFields.joined(":", new CredentialFields.Field("api_id", "API ID", false, null),
                new CredentialFields.Field("api_token", "API token", true, null));
        assertThat(new Connector("two_part", "Two", Category.CALLS, AuthMethod.API_KEY, Ownership.WORKSPACE,
                Direction.INBOUND, Scope.BUSINESS, List.of(), Cadence.ONE_HOUR, false, null, twoParts)
                .credentialFields().separator()).isEqualTo(":");
        assertThatThrownBy(() -> new Connector("oauth_one", "O", Category.CRM, AuthMethod.OAUTH_REDIRECT,
                Ownership.WORKSPACE, Direction.INBOUND, Scope.BUSINESS, List.of(), Cadence.ONE_HOUR, false, null, twoParts))
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> CredentialFields.joined(null, new CredentialFields.Field("a", "A", true, null),
                new CredentialFields.Field("b", "B", true, null))).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void cadence_presets_parse_and_the_override_wins() {
        assertThat(Cadence.parse("30m").interval()).isEqualTo(Duration.ofMinutes(30));
        assertThat(Cadence.effective(Cadence.ONE_HOUR, null)).isEqualTo(Cadence.ONE_HOUR);
        assertThat(Cadence.effective(Cadence.ONE_HOUR, Cadence.ONE_MINUTE)).isEqualTo(Cadence.ONE_MINUTE);
        assertThatThrownBy(() -> Cadence.parse("15m")).isInstanceOf(ConnectionsException.class)
                .extracting(e -> ((ConnectionsException) e).code()).isEqualTo(ErrorCode.INVALID_CADENCE);
    }
}
