package com.amdahl.connections.adapter.providers;

import com.amdahl.connections.adapter.providers.connectors.aircall.Aircall;
import com.amdahl.connections.adapter.providers.connectors.circleback.Circleback;
import com.amdahl.connections.adapter.providers.connectors.fathom.Fathom;
import com.amdahl.connections.adapter.providers.connectors.fireflies.Fireflies;
import com.amdahl.connections.adapter.providers.connectors.gmail.Gmail;
import com.amdahl.connections.adapter.providers.connectors.gong.Gong;
import com.amdahl.connections.adapter.providers.connectors.grain.Grain;
import com.amdahl.connections.adapter.providers.connectors.granola.Granola;
import com.amdahl.connections.adapter.providers.connectors.hubspot.HubSpot;
import com.amdahl.connections.adapter.providers.connectors.linkedin.LinkedIn;
import com.amdahl.connections.adapter.providers.connectors.notion.Notion;
import com.amdahl.connections.adapter.providers.connectors.notion.NotionKnowledge;
import com.amdahl.connections.adapter.providers.kit.ConnectorContext;
import com.amdahl.connections.adapter.providers.kit.HttpCore;
import com.amdahl.connections.adapter.providers.kit.ProviderSettings;
import com.amdahl.connections.adapter.providers.kit.Sleeper;
import com.amdahl.connections.application.port.out.KnowledgeTarget;
import java.time.Clock;
import com.amdahl.connections.adapter.providers.connectors.outlook.Outlook;
import com.amdahl.connections.adapter.providers.connectors.pipedrive.Pipedrive;
import com.amdahl.connections.adapter.providers.connectors.pylon.Pylon;
import com.amdahl.connections.adapter.providers.connectors.salesforce.Salesforce;
import com.amdahl.connections.adapter.providers.connectors.slack.Slack;
import com.amdahl.connections.adapter.providers.connectors.twitter.Twitter;
import com.amdahl.connections.adapter.providers.kit.ConnectorPlugin;
import com.amdahl.connections.domain.catalog.Catalog;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The connector plugins, one line each, found by type; their catalog entries, in this order, are the
 * catalog. Adding a connector adds a line here.
 */
public final class ConnectorRegistry {
    private static final List<ConnectorPlugin> LAUNCH = List.of(
            new HubSpot(),
            new Salesforce(),
            new Pipedrive(),
            new Gong(),
            new Fathom(),
            new Granola(),
            new Fireflies(),
            new Grain(),
            new Aircall(),
            new Circleback(),
            new Gmail(),
            new Outlook(),
            new Slack(),
            Notion.inbound(),
            Notion.knowledgeSync(),
            new Pylon(),
            new Twitter(),
            new LinkedIn());

    private final Map<String, ConnectorPlugin> byType;

    private ConnectorRegistry(List<ConnectorPlugin> plugins) {
        Map<String, ConnectorPlugin> map = new LinkedHashMap<>();
        for (ConnectorPlugin plugin : plugins) {
            if (map.put(plugin.type(), plugin) != null) {
                throw new IllegalArgumentException("two plugins for connector type " + plugin.type());
            }
        }
        this.byType = Collections.unmodifiableMap(map);
    }

    /** The plugins of the launch catalog. */
    public static ConnectorRegistry launch() {
        return new ConnectorRegistry(LAUNCH);
    }

    /** The launch plugins plus an embedder's own, listed after them in the catalog. */
    public static ConnectorRegistry launchWith(List<ConnectorPlugin> extra) {
        List<ConnectorPlugin> all = new ArrayList<>(LAUNCH);
        all.addAll(extra);
        return new ConnectorRegistry(all);
    }

    public Optional<ConnectorPlugin> find(String type) {
        return type == null ? Optional.empty() : Optional.ofNullable(byType.get(type));
    }

    /** The plugin of a type if it is of the given kind ({@code OAuthConnector.class}…). */
    public <T extends ConnectorPlugin> Optional<T> find(String type, Class<T> kind) {
        return find(type).filter(kind::isInstance).map(kind::cast);
    }

    public List<ConnectorPlugin> all() {
        return List.copyOf(byType.values());
    }

    /**
     * The outbound knowledge target of this registry's Notion Knowledge Sync plugin (one per
     * process: its request pace is the integration's); one refusing every write when it has none.
     */
    KnowledgeTarget knowledgeTarget(ProviderSettings settings, HttpCore http, Clock clock, Sleeper sleeper) {
        return find("notion_knowledge_sync", Notion.class)
                .<KnowledgeTarget>map(n -> NotionKnowledge.of(n, new ConnectorContext(n, settings, http, clock), sleeper))
                .orElse(NoKnowledgeTarget.INSTANCE);
    }

    /** The catalog these plugins state, in registry order: what the application is built with. */
    public Catalog catalog() {
        return Catalog.of(byType.values().stream().map(ConnectorPlugin::catalogEntry).toList());
    }
}
