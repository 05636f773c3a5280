package com.amdahl.connections.adapter.providers;

import static org.assertj.core.api.Assertions.assertThat;

import com.amdahl.connections.application.port.in.CatalogEntry;
import com.amdahl.connections.application.view.JsonShapes;
import com.amdahl.connections.application.view.JsonText;
import com.amdahl.connections.domain.catalog.AuthMethod;
import com.amdahl.connections.domain.catalog.Catalog;
import com.amdahl.connections.domain.catalog.Connector;
import com.amdahl.connections.domain.catalog.Direction;
import com.amdahl.connections.domain.catalog.NotConnectableReason;
import com.amdahl.connections.domain.catalog.Scope;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * The launch catalog (CONTRACT section 2) as the plugins state it, through the registry. The golden
 * file {@code launch-catalog.jsonl} is each entry as the catalog answer renders it, one per line, in
 * order: the registry-built catalog must reproduce it byte for byte.
 */
class LaunchCatalogTest {
    private final Catalog catalog = ConnectorRegistry.launch().catalog();

    @Test
    void every_entry_renders_exactly_as_the_golden_catalog_in_the_same_order() throws IOException {
        List<String> rendered = catalog.all().stream().map(c -> JsonText.write(JsonShapes.catalogEntry(
                new CatalogEntry(c, c.comingSoon() ? NotConnectableReason.COMING_SOON : null, false)))).toList();
        try (InputStream golden = LaunchCatalogTest.class.getResourceAsStream("/launch-catalog.jsonl")) {
            assertThat(rendered).containsExactlyElementsOf(
                    new String(golden.readAllBytes(), StandardCharsets.UTF_8).lines().toList());
        }
    }

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
            // token can read (issue 14): its organization; Notion Knowledge Sync writes one stream, pages (issue 23)
            assertThat(c.streams()).as(c.type()).hasSizeBetween(c.type().equals("linkedin") || c.type().equals("notion_knowledge_sync") ? 1 : 2, 6).doesNotHaveDuplicates();
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
        assertThat(catalog.require("notion_knowledge_sync").notes()).startsWith("Outbound: mirrors your knowledge base");
        assertThat(catalog.all()).noneMatch(c -> c.authMethod() == AuthMethod.WEBHOOK);
    }
}
