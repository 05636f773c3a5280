package com.amdahl.connections.application.testing;

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
import static com.amdahl.connections.domain.catalog.Ownership.PERSONAL;
import static com.amdahl.connections.domain.catalog.Ownership.WORKSPACE;

import com.amdahl.connections.domain.catalog.AuthMethod;
import com.amdahl.connections.domain.catalog.Cadence;
import com.amdahl.connections.domain.catalog.Catalog;
import com.amdahl.connections.domain.catalog.Category;
import com.amdahl.connections.domain.catalog.Connector;
import com.amdahl.connections.domain.catalog.Direction;
import com.amdahl.connections.domain.catalog.Ownership;
import com.amdahl.connections.domain.catalog.Scope;
import java.util.List;

/**
 * Test data: the launch set as the provider plugins state it (adapter-providers' golden test holds
 * the real one; modules below it cannot see the plugins), plus the test-only {@code test_webhook}.
 */
public final class TestCatalog {
    public static final Connector TEST_WEBHOOK = new Connector("test_webhook", "Test Webhook", Category.SUPPORT,
            AuthMethod.WEBHOOK, Ownership.WORKSPACE, Direction.INBOUND, Scope.BUSINESS, List.of("events"),
            Cadence.ONE_HOUR, false, null);

    /** The 18 launch connectors in display order. */
    public static final Catalog LAUNCH = Catalog.of(List.of(
            inbound("hubspot", "HubSpot", CRM, OAUTH_REDIRECT, WORKSPACE, ONE_HOUR,
                    "contacts", "companies", "deals", "owners", "tasks"),
            inbound("salesforce", "Salesforce", CRM, OAUTH_REDIRECT, WORKSPACE, ONE_HOUR,
                    "accounts", "contacts", "opportunities", "users", "cases"),
            inbound("pipedrive", "Pipedrive", CRM, API_KEY, WORKSPACE, ONE_HOUR,
                    "persons", "deals", "organizations", "activities"),
            inbound("gong", "Gong", CALLS, OAUTH_REDIRECT, WORKSPACE, ONE_HOUR, "calls", "transcripts", "users"),
            inbound("fathom", "Fathom", CALLS, API_KEY, WORKSPACE, ONE_HOUR, "meetings", "teams", "team_members"),
            inbound("granola", "Granola", CALLS, API_KEY, WORKSPACE, ONE_HOUR, "notes", "folders", "transcripts"),
            new Connector("fireflies", "Fireflies", CALLS, API_KEY, WORKSPACE, Direction.INBOUND, Scope.BUSINESS,
                    List.of("transcripts", "users", "channels", "bites"), ONE_HOUR, false, "Business-tier plan required."),
            inbound("grain", "Grain", CALLS, API_KEY, WORKSPACE, ONE_HOUR, "recordings", "highlights"),
            inbound("aircall", "Aircall", CALLS, API_KEY, WORKSPACE, THIRTY_MINUTES,
                    "calls", "users", "contacts", "numbers", "teams"),
            new Connector("circleback", "Circleback", CALLS, OAUTH_REDIRECT, WORKSPACE, Direction.INBOUND,
                    Scope.BUSINESS, List.of("meetings", "transcripts", "action_items"), ONE_HOUR, true, null),
            inbound("gmail", "Gmail", COMMS, OAUTH_REDIRECT, PERSONAL, TEN_MINUTES, "messages", "threads", "labels"),
            inbound("outlook", "Outlook", COMMS, OAUTH_REDIRECT, PERSONAL, TEN_MINUTES,
                    "messages", "mail_folders", "events", "contacts"),
            inbound("slack", "Slack", COMMS, OAUTH_REDIRECT, WORKSPACE, TEN_MINUTES,
                    "conversations", "messages", "users", "team"),
            inbound("notion", "Notion", DOCS, OAUTH_REDIRECT, WORKSPACE, SIX_HOURS,
                    "pages", "databases", "blocks", "users"),
            new Connector("notion_knowledge_sync", "Notion Knowledge Sync", DOCS, OAUTH_REDIRECT, WORKSPACE,
                    Direction.OUTBOUND, Scope.BUSINESS, List.of("pages", "databases", "blocks"), SIX_HOURS, false,
                    "Outbound: configured on its own surface, never synced here."),
            inbound("pylon", "Pylon", SUPPORT, API_KEY, WORKSPACE, THIRTY_MINUTES, "issues", "accounts", "contacts", "users"),
            inbound("twitter", "X / Twitter", SOCIAL, HANDLE, WORKSPACE, ONE_DAY, "profile", "posts", "mentions"),
            inbound("linkedin", "LinkedIn", SOCIAL, HANDLE, WORKSPACE, ONE_DAY, "organization")));

    /** The launch set plus {@link #TEST_WEBHOOK}: what {@link InMemoryPorts} is built with. */
    public static final Catalog WITH_WEBHOOK = LAUNCH.with(List.of(TEST_WEBHOOK));

    private TestCatalog() {
    }

    private static Connector inbound(String type, String name, Category category, AuthMethod auth, Ownership ownership,
            Cadence cadence, String... streams) {
        return new Connector(type, name, category, auth, ownership, Direction.INBOUND,
                ownership == PERSONAL ? Scope.PERSONAL : Scope.BUSINESS, List.of(streams), cadence, false, null);
    }
}
