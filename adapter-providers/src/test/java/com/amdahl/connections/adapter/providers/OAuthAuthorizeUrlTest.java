package com.amdahl.connections.adapter.providers;

import static com.amdahl.connections.adapter.providers.OAuthCases.query;
import static org.assertj.core.api.Assertions.assertThat;

import com.amdahl.connections.application.port.out.OAuthProvider;
import com.amdahl.connections.application.port.out.OAuthProvider.AuthorizationRequest;
import com.amdahl.connections.domain.ErrorCode;
import java.util.HashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** Authorize URLs with the providers' public endpoints (no network). */
class OAuthAuthorizeUrlTest {
    private static final AuthorizationRequest REQUEST = new AuthorizationRequest("st", "https://app.example/cb",
            "E9Melhoa2OwvFrEMTJguCHaoeK1t8URWbuGJSstw-cM");

    private static OAuthProvider oauth(String... types) {
        Map<String, String> env = new HashMap<>();
        for (String t : types) {
            env.put("CONNECTIONS_" + t.toUpperCase() + "_CLIENT_ID", "id-" + t);
            env.put("CONNECTIONS_" + t.toUpperCase() + "_CLIENT_SECRET", "secret-" + t);
        }
        return Providers.fromEnvironment(env).oauth();
    }

    @Test
    void configuredOnlyWithClientIdAndSecret() {
        Map<String, String> env = Map.of("CONNECTIONS_HUBSPOT_CLIENT_ID", "id", "CONNECTIONS_GONG_CLIENT_ID", "id",
                "CONNECTIONS_GONG_CLIENT_SECRET", " ", "CONNECTIONS_NOTION_KNOWLEDGE_SYNC_CLIENT_ID", "id",
                "CONNECTIONS_NOTION_KNOWLEDGE_SYNC_CLIENT_SECRET", "s", "CONNECTIONS_CIRCLEBACK_CLIENT_ID", "id",
                "CONNECTIONS_CIRCLEBACK_CLIENT_SECRET", "s");
        OAuthProvider oauth = Providers.fromEnvironment(env).oauth();
        assertThat(oauth.isConfigured("hubspot")).isFalse();
        assertThat(oauth.isConfigured("gong")).isFalse();
        assertThat(oauth.isConfigured("notion_knowledge_sync")).isTrue();
        assertThat(oauth.isConfigured("notion")).isFalse();
        assertThat(oauth.isConfigured("circleback")).isFalse();
        assertThat(oauth.isConfigured("pipedrive")).isFalse();
        assertThat(oauth.isConfigured("nope")).isFalse();
    }

    @Test
    void refusesUnconfiguredComingSoonAndUnknownTypes() {
        OAuthProvider oauth = oauth("gmail", "circleback");
        WireMockSupport.expectFailure(() -> oauth.authorizeUrl("hubspot", REQUEST),
                ErrorCode.CONNECTOR_NOT_CONNECTABLE, null);
        WireMockSupport.expectFailure(() -> oauth.authorizeUrl("circleback", REQUEST),
                ErrorCode.CONNECTOR_NOT_CONNECTABLE, null);
        WireMockSupport.expectFailure(() -> oauth.authorizeUrl("pipedrive", REQUEST),
                ErrorCode.UNKNOWN_CONNECTOR_TYPE, null);
    }

    @Test
    void googleAsksForOfflineAccessAndConsent() {
        String url = oauth("gmail").authorizeUrl("gmail", REQUEST);
        assertThat(url).startsWith("https://accounts.google.com/o/oauth2/v2/auth?");
        assertThat(query(url)).containsEntry("access_type", "offline").containsEntry("prompt", "consent")
                .containsEntry("code_challenge", REQUEST.codeChallenge()).containsEntry("code_challenge_method", "S256")
                .containsEntry("scope", "https://www.googleapis.com/auth/gmail.readonly openid email profile")
                .containsEntry("client_id", "id-gmail").containsEntry("state", "st")
                .containsEntry("redirect_uri", "https://app.example/cb").containsEntry("response_type", "code");
    }

    @Test
    void microsoftUsesTheCommonTenantAndOfflineAccess() {
        String url = oauth("outlook").authorizeUrl("outlook", REQUEST);
        assertThat(url).startsWith("https://login.microsoftonline.com/common/oauth2/v2.0/authorize?");
        assertThat(query(url).get("scope")).startsWith("offline_access ").contains("Mail.Read");
    }

    @Test
    void perProviderShapes() {
        OAuthProvider oauth = oauth("slack", "notion", "notion_knowledge_sync", "gong", "hubspot", "salesforce");
        Map<String, String> slack = query(oauth.authorizeUrl("slack", REQUEST));
        assertThat(slack.get("scope")).contains("channels:history,groups:history").doesNotContain(" ");
        assertThat(oauth.authorizeUrl("slack", REQUEST)).startsWith("https://slack.com/oauth/v2/authorize?");

        for (String notion : new String[] {"notion", "notion_knowledge_sync"}) {
            String url = oauth.authorizeUrl(notion, REQUEST);
            assertThat(url).startsWith("https://api.notion.com/v1/oauth/authorize?");
            assertThat(query(url)).containsEntry("owner", "user").containsEntry("client_id", "id-" + notion)
                    .doesNotContainKeys("scope", "code_challenge");
        }

        assertThat(oauth.supportsPkce("gong")).isFalse();
        String gong = oauth.authorizeUrl("gong", REQUEST);
        assertThat(gong).startsWith("https://app.gong.io/oauth2/authorize?");
        assertThat(query(gong)).doesNotContainKey("code_challenge").containsKey("scope");

        assertThat(oauth.authorizeUrl("hubspot", REQUEST)).startsWith("https://app.hubspot.com/oauth/authorize?");
        assertThat(query(oauth.authorizeUrl("hubspot", REQUEST)).get("scope")).startsWith("oauth crm.objects");
        assertThat(oauth.authorizeUrl("salesforce", REQUEST))
                .startsWith("https://login.salesforce.com/services/oauth2/authorize?");

        String noPkce = oauth.authorizeUrl("hubspot", new AuthorizationRequest("st", "https://app.example/cb", null));
        assertThat(query(noPkce)).doesNotContainKey("code_challenge");
    }

    @Test
    void authorizeOverrideKeepsItsOwnQuery() {
        Map<String, String> env = Map.of("CONNECTIONS_SALESFORCE_CLIENT_ID", "id",
                "CONNECTIONS_SALESFORCE_CLIENT_SECRET", "s", "CONNECTIONS_SALESFORCE_AUTHORIZE_URL",
                "https://test.salesforce.com/services/oauth2/authorize?display=popup");
        String url = Providers.fromEnvironment(env).oauth().authorizeUrl("salesforce", REQUEST);
        assertThat(url).startsWith("https://test.salesforce.com/services/oauth2/authorize?display=popup&");
        assertThat(query(url)).containsEntry("display", "popup").containsEntry("client_id", "id");
    }
}
