package com.amdahl.connections.adapter.providers.kit;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** The public facts of one provider's OAuth 2.0 app (from reference/providers.md). */
public record OAuthApp(String type, String name, String authorizeUrl, String tokenUrl, String apiOrigin,
        List<String> scopes, String scopeSeparator, ClientAuth clientAuth, boolean pkce,
        Map<String, String> authorizeExtras) {

    /** How the client authenticates at the token endpoint. */
    public enum ClientAuth {
        /** {@code client_id} and {@code client_secret} in the form body. */
        FORM,
        /** HTTP Basic {@code client_id:client_secret}, parameters in the form body. */
        BASIC,
        /** HTTP Basic {@code client_id:client_secret}, parameters in a JSON body (Notion). */
        BASIC_JSON
    }

    /** Extras appended to the authorize URL in the given order (Google: access_type, prompt). */
    public static Map<String, String> orderedMap(String... kv) {
        Map<String, String> m = new LinkedHashMap<>();
        for (int i = 0; i < kv.length; i += 2) {
            m.put(kv[i], kv[i + 1]);
        }
        return java.util.Collections.unmodifiableMap(m);
    }

    public String authorizeEndpoint(ProviderSettings settings) {
        return settings.variable(type, "AUTHORIZE_URL").orElse(authorizeUrl);
    }

    public String tokenEndpoint(ProviderSettings settings) {
        return settings.variable(type, "TOKEN_URL").orElse(tokenUrl);
    }

    public String api(ProviderSettings settings, String path) {
        return Endpoints.api(settings, type, apiOrigin, path);
    }

    /** An API call to a base URL the token response named (Salesforce instance, Gong customer host). */
    public String api(ProviderSettings settings, String tokenOrigin, String path) {
        return Endpoints.api(settings, type, tokenOrigin == null ? apiOrigin : tokenOrigin, path);
    }
}
