package com.amdahl.connections.adapter.providers;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.equalTo;
import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;

import com.github.tomakehurst.wiremock.client.MappingBuilder;
import java.net.URI;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** Per-provider stubs shaped like each provider's documented OAuth answers. */
final class OAuthCases {
    private OAuthCases() {
    }

    enum Auth { FORM, BASIC, BASIC_JSON }

    record Case(String type, String tokenPath, String tokenBody, java.util.function.Supplier<MappingBuilder> identity, String accountId,
            String accountLabel, Auth auth, boolean pkce, boolean expires, String rejectedBody, int rejectedStatus) {
        String accessToken() {
            return (String) WireMockJson.read(tokenBody).get("access_token");
        }
    }

    static final String OAUTH_REJECTED = "{\"error\":\"invalid_grant\",\"error_description\":\"Token has been expired or revoked.\"}";

    static final List<Case> ALL = List.of(
            new Case("hubspot", "/oauth/v1/token",
                    "{\"access_token\":\"AT-hubspot-1\",\"refresh_token\":\"RT-hubspot-1\",\"expires_in\":1800,\"token_type\":\"bearer\"}",
                    () -> get(urlPathEqualTo("/oauth/v1/access-tokens/AT-hubspot-1")).willReturn(json(
                            "{\"token\":\"AT-hubspot-1\",\"user\":\"ada@acme.com\",\"hub_domain\":\"acme.hubspot.com\",\"scopes\":[\"oauth\"],\"hub_id\":4242,\"app_id\":9,\"expires_in\":1790,\"user_id\":7,\"token_type\":\"access\"}")),
                    "4242", "acme.hubspot.com", Auth.FORM, true, true,
                    "{\"error\":\"invalid_grant\",\"error_description\":\"refresh token is invalid, expired or revoked\",\"status\":\"BAD_REFRESH_TOKEN\",\"message\":\"missing or invalid refresh token\"}", 400),
            new Case("salesforce", "/services/oauth2/token",
                    "{\"access_token\":\"AT-sf-1\",\"refresh_token\":\"RT-sf-1\",\"signature\":\"sig\",\"scope\":\"api refresh_token id\",\"instance_url\":\"https://acme.my.salesforce.com\",\"id\":\"https://login.salesforce.com/id/00Dxx0000001gPL/005xx000001Sv6A\",\"token_type\":\"Bearer\",\"issued_at\":\"1764150000000\"}",
                    () -> get(urlPathEqualTo("/services/oauth2/userinfo")).withHeader("Authorization", equalTo("Bearer AT-sf-1"))
                            .willReturn(json("{\"sub\":\"https://login.salesforce.com/id/00Dxx0000001gPL/005xx000001Sv6A\",\"user_id\":\"005xx000001Sv6A\",\"organization_id\":\"00Dxx0000001gPL\",\"preferred_username\":\"ada@acme.com\",\"email\":\"ada@acme.com\"}")),
                    "00Dxx0000001gPL", "acme.my.salesforce.com", Auth.FORM, true, false,
                    "{\"error\":\"invalid_grant\",\"error_description\":\"expired access/refresh token\"}", 400),
            new Case("gong", "/oauth2/generate-customer-token",
                    "{\"access_token\":\"AT-gong-1\",\"refresh_token\":\"RT-gong-1\",\"scope\":\"api:users:read\",\"token_type\":\"bearer\",\"expires_in\":86400,\"api_base_url_for_customer\":\"https://company-17.api.gong.io\"}",
                    () -> get(urlPathEqualTo("/v2/users")).withHeader("Authorization", equalTo("Bearer AT-gong-1"))
                            .willReturn(json("{\"requestId\":\"4al018gzaztcr8nbukw\",\"records\":{\"totalRecords\":1,\"currentPageSize\":1,\"currentPageNumber\":0},\"users\":[{\"id\":\"234599484848423\",\"emailAddress\":\"ada@acme.com\",\"firstName\":\"Ada\"}]}")),
                    "company-17.api.gong.io", "company-17.api.gong.io", Auth.BASIC, false, true, OAUTH_REJECTED, 400),
            new Case("gmail", "/token",
                    "{\"access_token\":\"AT-google-1\",\"expires_in\":3599,\"refresh_token\":\"RT-google-1\",\"scope\":\"https://www.googleapis.com/auth/gmail.readonly openid\",\"token_type\":\"Bearer\",\"id_token\":\"eyJ\"}",
                    () -> get(urlPathEqualTo("/gmail/v1/users/me/profile")).withHeader("Authorization", equalTo("Bearer AT-google-1"))
                            .willReturn(json("{\"emailAddress\":\"ada@example.com\",\"messagesTotal\":120,\"threadsTotal\":80,\"historyId\":\"12345\"}")),
                    "ada@example.com", "ada@example.com", Auth.FORM, true, true, OAUTH_REJECTED, 400),
            new Case("outlook", "/common/oauth2/v2.0/token",
                    "{\"token_type\":\"Bearer\",\"scope\":\"User.Read Mail.Read\",\"expires_in\":4521,\"ext_expires_in\":4521,\"access_token\":\"AT-ms-1\",\"refresh_token\":\"RT-ms-1\"}",
                    () -> get(urlPathEqualTo("/v1.0/me")).withHeader("Authorization", equalTo("Bearer AT-ms-1"))
                            .willReturn(json("{\"id\":\"87d349ed-44d7-43e1-9a83-5f2406dee5bd\",\"displayName\":\"Ada\",\"mail\":null,\"userPrincipalName\":\"ada@contoso.onmicrosoft.com\"}")),
                    "ada@contoso.onmicrosoft.com", "ada@contoso.onmicrosoft.com", Auth.FORM, true, true,
                    "{\"error\":\"invalid_grant\",\"error_description\":\"AADSTS70008: The provided authorization code or refresh token has expired.\",\"error_codes\":[70008]}", 400),
            new Case("slack", "/api/oauth.v2.access",
                    "{\"ok\":true,\"access_token\":\"xoxb-AT-slack-1\",\"token_type\":\"bot\",\"scope\":\"channels:read\",\"bot_user_id\":\"U0KRQLJ9H\",\"app_id\":\"A0KRD7HC3\",\"team\":{\"name\":\"Acme\",\"id\":\"T9TK3CUKW\"},\"enterprise\":null,\"is_enterprise_install\":false,\"authed_user\":{\"id\":\"U1234\",\"scope\":\"chat:write\",\"token_type\":\"user\"}}",
                    () -> post(urlPathEqualTo("/api/auth.test")).withHeader("Authorization", equalTo("Bearer xoxb-AT-slack-1"))
                            .willReturn(json("{\"ok\":true,\"url\":\"https://acme.slack.com/\",\"team\":\"Acme Inc\",\"user\":\"bot\",\"team_id\":\"T9TK3CUKW\",\"user_id\":\"U0KRQLJ9H\"}")),
                    "T9TK3CUKW", "Acme Inc", Auth.FORM, true, false, "{\"ok\":false,\"error\":\"invalid_code\"}", 200),
            new Case("notion", "/v1/oauth/token", notionToken("AT-notion-1"), null, "ws-3f8a", "Acme Docs",
                    Auth.BASIC_JSON, false, false,
                    "{\"object\":\"error\",\"status\":400,\"code\":\"invalid_grant\",\"message\":\"Invalid code.\"}", 400),
            new Case("notion_knowledge_sync", "/v1/oauth/token", notionToken("AT-nks-1"), null, "ws-3f8a", "Acme Docs",
                    Auth.BASIC_JSON, false, false,
                    "{\"object\":\"error\",\"status\":400,\"code\":\"invalid_grant\",\"message\":\"Invalid code.\"}", 400));

    static Case of(String type) {
        return ALL.stream().filter(c -> c.type().equals(type)).findFirst().orElseThrow();
    }

    private static String notionToken(String token) {
        return "{\"access_token\":\"" + token + "\",\"token_type\":\"bearer\",\"refresh_token\":\"RT-notion-1\",\"bot_id\":\"b-1\",\"workspace_name\":\"Acme Docs\",\"workspace_icon\":null,\"workspace_id\":\"ws-3f8a\",\"owner\":{\"type\":\"user\",\"user\":{\"object\":\"user\",\"id\":\"u-1\"}},\"duplicated_template_id\":null,\"request_id\":\"r-1\"}";
    }

    static com.github.tomakehurst.wiremock.client.ResponseDefinitionBuilder json(String body) {
        return aResponse().withStatus(200).withHeader("Content-Type", "application/json").withBody(body);
    }

    static String clientId(String type) {
        return "client-id-" + type;
    }

    static String clientSecret(String type) {
        return "CLIENT-SECRET-" + type + "-do-not-leak";
    }

    /** Client ids, secrets and endpoint overrides of every OAuth type, pointed at {@code base}. */
    static Map<String, String> env(String base) {
        Map<String, String> env = new HashMap<>();
        for (Case c : ALL) {
            String p = "CONNECTIONS_" + c.type().toUpperCase() + "_";
            env.put(p + "CLIENT_ID", clientId(c.type()));
            env.put(p + "CLIENT_SECRET", clientSecret(c.type()));
            env.put(p + "AUTHORIZE_URL", base + "/authorize/" + c.type());
            env.put(p + "TOKEN_URL", base + c.tokenPath());
            env.put(p + "API_BASE_URL", base);
        }
        return env;
    }

    static Map<String, String> query(String url) {
        return decodeForm(URI.create(url).getRawQuery());
    }

    static Map<String, String> decodeForm(String form) {
        Map<String, String> out = new LinkedHashMap<>();
        if (form == null || form.isEmpty()) {
            return out;
        }
        for (String pair : form.split("&")) {
            int eq = pair.indexOf('=');
            out.put(URLDecoder.decode(pair.substring(0, eq), StandardCharsets.UTF_8),
                    URLDecoder.decode(pair.substring(eq + 1), StandardCharsets.UTF_8));
        }
        return out;
    }
}
