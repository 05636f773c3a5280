package com.amdahl.connections.adapter.providers;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/** The public facts of one provider's OAuth 2.0 app (from reference/providers.md). */
record OAuthApp(String type, String name, String authorizeUrl, String tokenUrl, String apiOrigin,
        List<String> scopes, String scopeSeparator, ClientAuth clientAuth, boolean pkce,
        Map<String, String> authorizeExtras) {

    /** How the client authenticates at the token endpoint. */
    enum ClientAuth {
        /** {@code client_id} and {@code client_secret} in the form body. */
        FORM,
        /** HTTP Basic {@code client_id:client_secret}, parameters in the form body. */
        BASIC,
        /** HTTP Basic {@code client_id:client_secret}, parameters in a JSON body (Notion). */
        BASIC_JSON
    }

    static final Map<String, OAuthApp> ALL;

    static {
        Map<String, OAuthApp> apps = new LinkedHashMap<>();
        apps.put("hubspot", new OAuthApp("hubspot", "HubSpot", "https://app.hubspot.com/oauth/authorize",
                "https://api.hubapi.com/oauth/v1/token", "https://api.hubapi.com",
                List.of("oauth", "crm.objects.contacts.read", "crm.objects.companies.read",
                        "crm.objects.deals.read", "crm.objects.owners.read"),
                " ", ClientAuth.FORM, true, Map.of()));
        apps.put("salesforce", new OAuthApp("salesforce", "Salesforce",
                "https://login.salesforce.com/services/oauth2/authorize",
                "https://login.salesforce.com/services/oauth2/token", "https://login.salesforce.com",
                List.of("api", "refresh_token", "offline_access", "id", "openid"), " ", ClientAuth.FORM, true,
                Map.of("prompt", "consent")));
        apps.put("gong", new OAuthApp("gong", "Gong", "https://app.gong.io/oauth2/authorize",
                "https://app.gong.io/oauth2/generate-customer-token", "https://api.gong.io",
                List.of("api:calls:read:basic", "api:calls:read:extensive", "api:calls:read:transcript",
                        "api:users:read"),
                " ", ClientAuth.BASIC, false, Map.of()));
        apps.put("gmail", new OAuthApp("gmail", "Gmail", "https://accounts.google.com/o/oauth2/v2/auth",
                "https://oauth2.googleapis.com/token", "https://gmail.googleapis.com",
                List.of("https://www.googleapis.com/auth/gmail.readonly", "openid", "email", "profile"), " ",
                ClientAuth.FORM, true, orderedMap("access_type", "offline", "prompt", "consent")));
        apps.put("outlook", new OAuthApp("outlook", "Outlook",
                "https://login.microsoftonline.com/common/oauth2/v2.0/authorize",
                "https://login.microsoftonline.com/common/oauth2/v2.0/token", "https://graph.microsoft.com",
                List.of("offline_access", "User.Read", "Mail.Read", "Calendars.Read", "openid", "profile",
                        "email"),
                " ", ClientAuth.FORM, true, Map.of()));
        apps.put("slack", new OAuthApp("slack", "Slack", "https://slack.com/oauth/v2/authorize",
                "https://slack.com/api/oauth.v2.access", "https://slack.com",
                List.of("channels:history", "groups:history", "im:history", "mpim:history", "channels:read",
                        "groups:read", "users:read", "users:read.email", "team:read"),
                ",", ClientAuth.FORM, true, Map.of()));
        apps.put("notion", notion("notion", "Notion"));
        apps.put("notion_knowledge_sync", notion("notion_knowledge_sync", "Notion Knowledge Sync"));
        ALL = Map.copyOf(apps);
    }

    /** Circleback is an OAuth connector in the catalog but has no provider app yet (coming soon). */
    static final String COMING_SOON = "circleback";

    private static OAuthApp notion(String type, String name) {
        return new OAuthApp(type, name, "https://api.notion.com/v1/oauth/authorize",
                "https://api.notion.com/v1/oauth/token", "https://api.notion.com", List.of(), " ",
                ClientAuth.BASIC_JSON, false, Map.of("owner", "user"));
    }

    private static Map<String, String> orderedMap(String... kv) {
        Map<String, String> m = new LinkedHashMap<>();
        for (int i = 0; i < kv.length; i += 2) {
            m.put(kv[i], kv[i + 1]);
        }
        return java.util.Collections.unmodifiableMap(m);
    }

    static Optional<OAuthApp> find(String type) {
        return type == null ? Optional.empty() : Optional.ofNullable(ALL.get(type));
    }

    String authorizeEndpoint(ProviderSettings settings) {
        return settings.variable(type, "AUTHORIZE_URL").orElse(authorizeUrl);
    }

    String tokenEndpoint(ProviderSettings settings) {
        return settings.variable(type, "TOKEN_URL").orElse(tokenUrl);
    }

    String api(ProviderSettings settings, String path) {
        return Endpoints.api(settings, type, apiOrigin, path);
    }

    /** An API call to a base URL the token response named (Salesforce instance, Gong customer host). */
    String api(ProviderSettings settings, String tokenOrigin, String path) {
        return Endpoints.api(settings, type, tokenOrigin == null ? apiOrigin : tokenOrigin, path);
    }
}
