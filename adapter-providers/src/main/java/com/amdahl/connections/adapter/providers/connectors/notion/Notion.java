package com.amdahl.connections.adapter.providers.connectors.notion;

import java.util.Optional;
import com.amdahl.connections.domain.budget.RateLimit;
import com.amdahl.connections.adapter.providers.kit.ConnectorContext;
import com.amdahl.connections.adapter.providers.kit.CredentialKeys;
import com.amdahl.connections.adapter.providers.kit.ErrorCodes;
import com.amdahl.connections.adapter.providers.kit.ErrorDialect;
import com.amdahl.connections.adapter.providers.kit.Json;
import com.amdahl.connections.adapter.providers.kit.Listing;
import com.amdahl.connections.adapter.providers.kit.OAuthApp.ClientAuth;
import com.amdahl.connections.adapter.providers.kit.OAuthApp;
import com.amdahl.connections.adapter.providers.kit.OAuthPlugin;
import com.amdahl.connections.adapter.providers.kit.Paging;
import com.amdahl.connections.adapter.providers.kit.ProviderFailures;
import com.amdahl.connections.adapter.providers.kit.Stream;
import com.amdahl.connections.adapter.providers.kit.StreamSpec;
import com.amdahl.connections.application.port.out.Credentials;
import com.amdahl.connections.domain.catalog.Cadence;
import com.amdahl.connections.domain.catalog.Category;
import com.amdahl.connections.domain.catalog.Ownership;
import com.amdahl.connections.domain.connection.AccountIdentity;
import com.amdahl.connections.domain.sync.ErrorReason;
import com.fasterxml.jackson.databind.JsonNode;
import java.net.http.HttpRequest;
import java.util.List;
import java.util.Map;

/**
 * Notion, and Notion Knowledge Sync (the outbound mirror: the same provider app shape under its
 * own type and variables, CONTRACT 9.16). Basic client auth with a JSON token body; the token
 * response names the workspace, which is the account. Every API call carries
 * {@code Notion-Version}. The inbound connector syncs pages and databases (search, incremental by
 * {@code last_edited_time}), the top-level blocks of changed pages and the workspace's users;
 * Notion Knowledge Sync is outbound, configured on its own surface, and pulls nothing: its runs
 * push ({@link NotionKnowledge}).
 */
public final class Notion extends OAuthPlugin {
    /** The account's request budget (an average of 3 requests a second per connection; shared/reference/providers.md). */
    @Override
    public Optional<RateLimit> rateLimit() {
        return Optional.of(RateLimit.perSecond(3));
    }

    static final String VERSION = "2022-06-28";
    static final int PAGE_SIZE = 100;
    static final Paging START_CURSOR = Paging.cursor("start_cursor", "next_cursor").whileTrue("has_more");
    private static final List<Stream> STREAMS = List.of(
            NotionSearch.objects("pages", "page"),
            NotionSearch.objects("databases", "database"),
            NotionSearch.blocksOfPages(),
            StreamSpec.get("users", "/v1/users").param("page_size", PAGE_SIZE).records("results").paging(START_CURSOR));
    /** {@code {"object":"error","status":…,"code":…}}; 529 {@code service_overload} under load. */
    private static final ErrorDialect DIALECT = ErrorCodes.standard()
            .with(ErrorReason.RATE_LIMIT, "rate_limited")
            .with(ErrorReason.AUTH, "unauthorized")
            .with(ErrorReason.TRANSIENT, "service_unavailable", "service_overload");

    private static final Listing LISTING = Listing.of(Category.DOCS, Ownership.WORKSPACE, Cadence.SIX_HOURS);

    private Notion(String type, String name, Listing listing, List<Stream> streams) {
        super(new OAuthApp(type, name, "https://api.notion.com/v1/oauth/authorize",
                "https://api.notion.com/v1/oauth/token", "https://api.notion.com", List.of(), " ",
                ClientAuth.BASIC_JSON, false, Map.of("owner", "user")), listing, streams, DIALECT);
    }

    /** The inbound Notion connector. */
    public static Notion inbound() {
        return new Notion("notion", "Notion", LISTING, STREAMS);
    }

    /**
     * Notion Knowledge Sync: outbound. It pulls nothing; its runs push the knowledge base into the
     * chosen database ({@link NotionKnowledge}), one stream, {@code pages}.
     */
    public static Notion knowledgeSync() {
        return new Notion("notion_knowledge_sync", "Notion Knowledge Sync", LISTING.outbound()
                .plannedStreams("pages")
                .notes("Outbound: mirrors your knowledge base (Markdown documents) into a Notion database you choose, "
                        + "one page per document. Configure it on its own surface (knowledge-sync: database, policy "
                        + "mirror or append); it runs once configured."), List.of());
    }

    /** The workspace is named only in the token response: there is no identity call to repeat. */
    @Override
    public boolean identifiesFromCredentials() {
        return false;
    }

    @Override
    public HttpRequest.Builder authorize(HttpRequest.Builder request, Credentials credentials) {
        return super.authorize(request, credentials).header("Notion-Version", VERSION);
    }

    @Override
    public void keepFromToken(JsonNode token, Map<String, String> secrets) {
        Json.text(token, "workspace_id").ifPresent(id -> secrets.put(CredentialKeys.WORKSPACE_ID, id));
        Json.text(token, "bot_id").ifPresent(id -> secrets.put(CredentialKeys.BOT_ID, id));
    }

    @Override
    public AccountIdentity identity(ConnectorContext context, JsonNode token, Credentials credentials) {
        String workspaceId = Json.text(token, "workspace_id").orElse(null);
        if (workspaceId == null) {
            throw ProviderFailures.exception(name(), new ProviderFailures.Failure(ErrorReason.UNKNOWN, 200, null));
        }
        return new AccountIdentity(workspaceId, Json.text(token, "workspace_name").orElse(workspaceId));
    }
}
