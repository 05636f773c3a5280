package com.amdahl.connections.domain.catalog;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.amdahl.connections.domain.ConnectionsException;
import com.amdahl.connections.domain.ErrorCode;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class CatalogTest {
    private final Catalog catalog = Catalog.launch();

    @Test
    void the_launch_set_is_the_contract_table_in_order() {
        assertThat(catalog.all()).extracting(Connector::type).containsExactly("hubspot", "salesforce", "pipedrive",
                "gong", "fathom", "granola", "fireflies", "grain", "aircall", "circleback", "gmail", "outlook", "slack",
                "notion", "notion_knowledge_sync", "pylon", "twitter", "linkedin");
    }

    @Test
    void each_connector_has_the_contract_method_category_and_ownership() {
        Map<String, String> expected = Map.ofEntries(
                Map.entry("hubspot", "crm/oauth_redirect/workspace"), Map.entry("salesforce", "crm/oauth_redirect/workspace"),
                Map.entry("pipedrive", "crm/api_key/workspace"), Map.entry("gong", "calls/oauth_redirect/workspace"),
                Map.entry("fathom", "calls/api_key/workspace"), Map.entry("granola", "calls/api_key/workspace"),
                Map.entry("fireflies", "calls/api_key/workspace"), Map.entry("grain", "calls/api_key/workspace"),
                Map.entry("aircall", "calls/api_key/workspace"), Map.entry("circleback", "calls/oauth_redirect/workspace"),
                Map.entry("gmail", "comms/oauth_redirect/personal"), Map.entry("outlook", "comms/oauth_redirect/personal"),
                Map.entry("slack", "comms/oauth_redirect/workspace"), Map.entry("notion", "docs/oauth_redirect/workspace"),
                Map.entry("notion_knowledge_sync", "docs/oauth_redirect/workspace"),
                Map.entry("pylon", "support/api_key/workspace"), Map.entry("twitter", "social/handle/workspace"),
                Map.entry("linkedin", "social/handle/workspace"));
        for (Connector c : catalog.all()) {
            assertThat(c.category().wire() + "/" + c.authMethod().wire() + "/" + c.ownership().wire())
                    .as(c.type()).isEqualTo(expected.get(c.type()));
            // Grain's stories left the catalog (no API lists them); LinkedIn offers only what the platform
            // token can read (issue 14): its organization
            assertThat(c.streams()).as(c.type()).hasSizeBetween(c.type().equals("linkedin") ? 1 : 2, 6).doesNotHaveDuplicates();
            assertThat(c.kind()).isEqualTo("first_party");
            assertThat(c.defaultScope()).isEqualTo(c.isPersonal() ? Scope.PERSONAL : Scope.BUSINESS);
        }
    }

    @Test
    void only_circleback_is_coming_soon_and_only_notion_knowledge_sync_is_outbound() {
        assertThat(catalog.all().stream().filter(Connector::comingSoon)).extracting(Connector::type).containsExactly("circleback");
        assertThat(catalog.all().stream().filter(c -> c.direction() == Direction.OUTBOUND)).extracting(Connector::type)
                .containsExactly("notion_knowledge_sync");
    }

    @Test
    void fireflies_carries_the_business_tier_note_and_no_launch_connector_uses_webhooks() {
        assertThat(catalog.require("fireflies").notes()).contains("Business-tier");
        assertThat(catalog.require("notion_knowledge_sync").notes()).contains("never synced here");
        assertThat(catalog.all()).noneMatch(c -> c.authMethod() == AuthMethod.WEBHOOK);
    }

    @Test
    void an_unknown_type_is_refused_with_a_stable_code() {
        assertThatThrownBy(() -> catalog.require("myspace")).isInstanceOf(ConnectionsException.class)
                .extracting(e -> ((ConnectionsException) e).code()).isEqualTo(ErrorCode.UNKNOWN_CONNECTOR_TYPE);
    }

    @Test
    void extra_connectors_extend_the_launch_set_but_types_stay_unique() {
        Connector extra = new Connector("test_webhook", "Test", Category.SUPPORT, AuthMethod.WEBHOOK, Ownership.WORKSPACE,
                Direction.INBOUND, Scope.BUSINESS, List.of("events"), Cadence.ONE_HOUR, false, null);
        assertThat(Catalog.launchWith(List.of(extra)).find("test_webhook")).contains(extra);
        assertThatThrownBy(() -> Catalog.launchWith(List.of(catalog.require("hubspot"))))
                .isInstanceOf(IllegalArgumentException.class);
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
