package com.amdahl.connections.domain.catalog;

import static com.amdahl.connections.domain.catalog.AuthMethod.API_KEY;
import static com.amdahl.connections.domain.catalog.AuthMethod.HANDLE;
import static com.amdahl.connections.domain.catalog.AuthMethod.OAUTH_REDIRECT;
import static com.amdahl.connections.domain.catalog.Cadence.ONE_DAY;
import static com.amdahl.connections.domain.catalog.Cadence.ONE_HOUR;
import static com.amdahl.connections.domain.catalog.Cadence.SIX_HOURS;
import static com.amdahl.connections.domain.catalog.Cadence.TEN_MINUTES;
import static com.amdahl.connections.domain.catalog.Cadence.THIRTY_MINUTES;
import static com.amdahl.connections.domain.catalog.Category.CALLS;
import static com.amdahl.connections.domain.catalog.Category.COMMS;
import static com.amdahl.connections.domain.catalog.Category.CRM;
import static com.amdahl.connections.domain.catalog.Category.DOCS;
import static com.amdahl.connections.domain.catalog.Category.SOCIAL;
import static com.amdahl.connections.domain.catalog.Category.SUPPORT;
import static com.amdahl.connections.domain.catalog.Direction.INBOUND;
import static com.amdahl.connections.domain.catalog.Direction.OUTBOUND;
import static com.amdahl.connections.domain.catalog.Ownership.PERSONAL;
import static com.amdahl.connections.domain.catalog.Ownership.WORKSPACE;

import com.amdahl.connections.domain.ConnectionsException;
import com.amdahl.connections.domain.ErrorCode;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The connector catalog: the launch set of CONTRACT section 2, in display order. Stream names
 * follow each provider's own object names (see shared/reference/providers.md).
 */
public final class Catalog {
    private final Map<String, Connector> byType;

    private Catalog(List<Connector> connectors) {
        Map<String, Connector> map = new LinkedHashMap<>();
        for (Connector connector : connectors) {
            if (map.put(connector.type(), connector) != null) {
                throw new IllegalArgumentException("duplicate connector type " + connector.type());
            }
        }
        this.byType = Collections.unmodifiableMap(map);
    }

    /** The 18 launch connectors. */
    public static Catalog launch() {
        return new Catalog(LAUNCH);
    }

    /** The launch set plus extra entries (embedders' own connectors, test-only entries). */
    public static Catalog launchWith(List<Connector> extra) {
        List<Connector> all = new ArrayList<>(LAUNCH);
        all.addAll(extra);
        return new Catalog(all);
    }

    public List<Connector> all() {
        return List.copyOf(byType.values());
    }

    public Optional<Connector> find(String type) {
        return Optional.ofNullable(type == null ? null : byType.get(type));
    }

    /** The connector of a type, or {@link ErrorCode#UNKNOWN_CONNECTOR_TYPE}. */
    public Connector require(String type) {
        return find(type).orElseThrow(() -> new ConnectionsException(
                ErrorCode.UNKNOWN_CONNECTOR_TYPE, "Unknown connector type"));
    }

    static final String FIREFLIES_NOTE =
            "Fireflies' API key requires a Fireflies Business-tier plan; lower tiers do not expose API access.";

    static final String NOTION_KNOWLEDGE_SYNC_NOTE = "Outbound: Notion Knowledge Sync writes into Notion and is "
            + "configured on its own surface. It connects here but is never synced here (not syncable).";

    private static Connector inbound(String type, String name, Category category, AuthMethod auth,
            Ownership ownership, Cadence cadence, String... streams) {
        return new Connector(type, name, category, auth, ownership, INBOUND,
                ownership == PERSONAL ? Scope.PERSONAL : Scope.BUSINESS, List.of(streams), cadence,
                false, null);
    }

    private static final List<Connector> LAUNCH = List.of(
            inbound("hubspot", "HubSpot", CRM, OAUTH_REDIRECT, WORKSPACE, ONE_HOUR,
                    "contacts", "companies", "deals", "owners", "tasks"),
            inbound("salesforce", "Salesforce", CRM, OAUTH_REDIRECT, WORKSPACE, ONE_HOUR,
                    "accounts", "contacts", "opportunities", "users", "cases"),
            inbound("pipedrive", "Pipedrive", CRM, API_KEY, WORKSPACE, ONE_HOUR,
                    "persons", "deals", "organizations", "activities"),
            inbound("gong", "Gong", CALLS, OAUTH_REDIRECT, WORKSPACE, ONE_HOUR,
                    "calls", "transcripts", "users"),
            inbound("fathom", "Fathom", CALLS, API_KEY, WORKSPACE, ONE_HOUR,
                    "meetings", "teams", "team_members"),
            inbound("granola", "Granola", CALLS, API_KEY, WORKSPACE, ONE_HOUR,
                    "notes", "folders", "transcripts"),
            new Connector("fireflies", "Fireflies", CALLS, API_KEY, WORKSPACE, INBOUND, Scope.BUSINESS,
                    List.of("transcripts", "users", "channels", "bites"), ONE_HOUR, false, FIREFLIES_NOTE),
            inbound("grain", "Grain", CALLS, API_KEY, WORKSPACE, ONE_HOUR,
                    "recordings", "highlights"),
            inbound("aircall", "Aircall", CALLS, API_KEY, WORKSPACE, THIRTY_MINUTES,
                    "calls", "users", "contacts", "numbers", "teams"),
            new Connector("circleback", "Circleback", CALLS, OAUTH_REDIRECT, WORKSPACE, INBOUND,
                    Scope.BUSINESS, List.of("meetings", "transcripts", "action_items"), ONE_HOUR, true, null),
            inbound("gmail", "Gmail", COMMS, OAUTH_REDIRECT, PERSONAL, TEN_MINUTES,
                    "messages", "threads", "labels"),
            inbound("outlook", "Outlook", COMMS, OAUTH_REDIRECT, PERSONAL, TEN_MINUTES,
                    "messages", "mail_folders", "events", "contacts"),
            inbound("slack", "Slack", COMMS, OAUTH_REDIRECT, WORKSPACE, TEN_MINUTES,
                    "conversations", "messages", "users", "team"),
            inbound("notion", "Notion", DOCS, OAUTH_REDIRECT, WORKSPACE, SIX_HOURS,
                    "pages", "databases", "blocks", "users"),
            new Connector("notion_knowledge_sync", "Notion Knowledge Sync", DOCS, OAUTH_REDIRECT, WORKSPACE,
                    OUTBOUND, Scope.BUSINESS, List.of("pages", "databases", "blocks"), SIX_HOURS, false,
                    NOTION_KNOWLEDGE_SYNC_NOTE),
            inbound("pylon", "Pylon", SUPPORT, API_KEY, WORKSPACE, THIRTY_MINUTES,
                    "issues", "accounts", "contacts", "users"),
            inbound("twitter", "X / Twitter", SOCIAL, HANDLE, WORKSPACE, ONE_DAY,
                    "profile", "posts", "mentions"),
            // posts and follower_statistics need the token's member to administer the tracked
            // organization, which the platform's token does not: not offered (README, Providers)
            inbound("linkedin", "LinkedIn", SOCIAL, HANDLE, WORKSPACE, ONE_DAY, "organization"));
}
