package com.amdahl.connections.adapter.providers;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.amdahl.connections.adapter.providers.kit.ApiKeyConnector;
import com.amdahl.connections.adapter.providers.kit.ConnectorPlugin;
import com.amdahl.connections.adapter.providers.kit.ErrorDialect;
import com.amdahl.connections.adapter.providers.kit.HandleConnector;
import com.amdahl.connections.adapter.providers.kit.Listing;
import com.amdahl.connections.adapter.providers.kit.NamedConnector;
import com.amdahl.connections.adapter.providers.kit.OAuthConnector;
import com.amdahl.connections.adapter.providers.kit.Stream;
import com.amdahl.connections.adapter.providers.kit.StreamSpec;
import com.amdahl.connections.domain.catalog.AuthMethod;
import com.amdahl.connections.domain.catalog.Cadence;
import com.amdahl.connections.domain.catalog.Catalog;
import com.amdahl.connections.domain.catalog.Category;
import com.amdahl.connections.domain.catalog.Connector;
import com.amdahl.connections.domain.catalog.Ownership;
import java.util.List;
import java.util.Set;
import com.amdahl.connections.domain.catalog.Direction;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;

/** The registry's catalog is its plugins' entries: one per plugin, in order, connecting the way the plugin does. */
class ConnectorRegistryTest {
    /**
     * Connectable connectors without a live puller or a knowledge target yet ({@code syncable:
     * false}); the README's provider table says the same. Issues 13 and 14 emptied it; Notion
     * Knowledge Sync (issue 23) pushes through the registry's knowledge target.
     */
    private static final Set<String> NOT_SYNCABLE_YET = Set.of();

    private final ConnectorRegistry registry = ConnectorRegistry.launch();
    private final Catalog catalog = registry.catalog();

    @Test
    void the_catalog_has_one_entry_per_plugin_in_registry_order() {
        assertThat(catalog.all()).extracting(Connector::type)
                .containsExactlyElementsOf(registry.all().stream().map(ConnectorPlugin::type).toList());
    }

    @Test
    void each_plugin_connects_the_way_its_catalog_entry_says() {
        for (Connector connector : catalog.all()) {
            ConnectorPlugin plugin = registry.find(connector.type()).orElseThrow();
            Class<?> expected = switch (connector.authMethod()) {
                case OAUTH_REDIRECT -> connector.comingSoon() ? ConnectorPlugin.class : OAuthConnector.class;
                case API_KEY -> ApiKeyConnector.class;
                case HANDLE -> HandleConnector.class;
                case WEBHOOK -> ConnectorPlugin.class;
            };
            assertThat(plugin).as(connector.type()).isInstanceOf(expected);
            assertThat(plugin.comingSoon()).as(connector.type()).isEqualTo(connector.comingSoon());
        }
    }

    @Test
    void a_plugin_with_streams_lists_exactly_them_in_order() {
        for (ConnectorPlugin plugin : registry.all()) {
            if (!plugin.streams().isEmpty()) {
                assertThat(catalog.require(plugin.type()).streams()).as(plugin.type())
                        .containsExactlyElementsOf(plugin.streams().stream().map(Stream::name).toList());
            }
        }
    }

    @Test
    void planned_streams_are_only_for_a_plugin_with_none_live() {
        ConnectorPlugin confused = new NamedConnector("acme", "Acme",
                Listing.of(Category.CRM, Ownership.WORKSPACE, Cadence.ONE_HOUR).plannedStreams("deals"),
                "https://api.acme.example", List.of(StreamSpec.get("tickets", "/v1/tickets")), ErrorDialect.STANDARD) {
            @Override
            public AuthMethod authMethod() {
                return AuthMethod.API_KEY;
            }
        };
        assertThatThrownBy(confused::catalogEntry).isInstanceOf(IllegalStateException.class).hasMessageContaining("acme");
    }

    @Test
    void every_connectable_entry_syncs_or_is_listed_as_not_syncable_yet() {
        Set<String> notSyncable = catalog.all().stream().filter(c -> !c.comingSoon())
                .filter(c -> registry.find(c.type()).orElseThrow().streams().isEmpty())
                .filter(c -> c.direction() != Direction.OUTBOUND) // outbound connectors push through the knowledge target
                .map(Connector::type).collect(Collectors.toSet());
        assertThat(notSyncable).isEqualTo(NOT_SYNCABLE_YET);
    }
}
