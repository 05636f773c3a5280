package com.amdahl.connections.adapter.providers.connectors.notion;

import com.amdahl.connections.adapter.providers.kit.ConnectorContext;
import com.amdahl.connections.adapter.providers.kit.CredentialKeys;
import com.amdahl.connections.adapter.providers.kit.Json;
import com.amdahl.connections.adapter.providers.kit.OAuthApp.ClientAuth;
import com.amdahl.connections.adapter.providers.kit.OAuthApp;
import com.amdahl.connections.adapter.providers.kit.OAuthConnector;
import com.amdahl.connections.adapter.providers.kit.ProviderFailures;
import com.amdahl.connections.application.port.out.Credentials;
import com.amdahl.connections.domain.connection.AccountIdentity;
import com.amdahl.connections.domain.sync.ErrorReason;
import com.fasterxml.jackson.databind.JsonNode;
import java.util.List;
import java.util.Map;

/**
 * Notion, and Notion Knowledge Sync (the outbound mirror: the same provider app shape under its
 * own type and variables, CONTRACT 9.16). Basic client auth with a JSON token body; the token
 * response names the workspace, which is the account.
 */
public final class Notion implements OAuthConnector {
    private final OAuthApp app;

    private Notion(String type, String name) {
        this.app = new OAuthApp(type, name, "https://api.notion.com/v1/oauth/authorize",
                "https://api.notion.com/v1/oauth/token", "https://api.notion.com", List.of(), " ",
                ClientAuth.BASIC_JSON, false, Map.of("owner", "user"));
    }

    /** The inbound Notion connector. */
    public static Notion inbound() {
        return new Notion("notion", "Notion");
    }

    /** Notion Knowledge Sync: outbound, connect-only here. */
    public static Notion knowledgeSync() {
        return new Notion("notion_knowledge_sync", "Notion Knowledge Sync");
    }

    @Override
    public OAuthApp app() {
        return app;
    }

    /** The workspace is named only in the token response: there is no identity call to repeat. */
    @Override
    public boolean identifiesFromCredentials() {
        return false;
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
            throw ProviderFailures.exception(app.name(), new ProviderFailures.Failure(ErrorReason.UNKNOWN, 200, null));
        }
        return new AccountIdentity(workspaceId, Json.text(token, "workspace_name").orElse(workspaceId));
    }
}
