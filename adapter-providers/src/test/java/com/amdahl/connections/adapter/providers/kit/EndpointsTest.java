package com.amdahl.connections.adapter.providers.kit;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.LinkedHashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;

class EndpointsTest {

    @Test
    void apiBaseUrlReplacesTheOriginAndKeepsThePath() {
        ProviderSettings none = ProviderSettings.of(Map.of());
        assertThat(Endpoints.api(none, "pipedrive", "https://api.pipedrive.com", "/v1/users/me"))
                .isEqualTo("https://api.pipedrive.com/v1/users/me");
        ProviderSettings override = ProviderSettings.of(Map.of("CONNECTIONS_PIPEDRIVE_API_BASE_URL",
                "http://127.0.0.1:8089/ignored/path/"));
        assertThat(Endpoints.api(override, "pipedrive", "https://api.pipedrive.com", "/v1/users/me"))
                .isEqualTo("http://127.0.0.1:8089/v1/users/me");
        assertThat(Endpoints.api(override, "fathom", "https://api.fathom.ai", "/external/v1/teams"))
                .isEqualTo("https://api.fathom.ai/external/v1/teams");
        ProviderSettings nks = ProviderSettings.of(Map.of("CONNECTIONS_NOTION_KNOWLEDGE_SYNC_API_BASE_URL",
                "https://notion.test"));
        assertThat(Endpoints.api(nks, "notion_knowledge_sync", "https://api.notion.com", "/v1/users/me"))
                .isEqualTo("https://notion.test/v1/users/me");
    }

    @Test
    void formEncodingAndQueries() {
        Map<String, String> params = new LinkedHashMap<>();
        params.put("scope", "a b,c");
        params.put("redirect_uri", "https://x.example/cb?y=1");
        params.put("skipped", null);
        assertThat(Endpoints.form(params)).isEqualTo("scope=a+b%2Cc&redirect_uri=https%3A%2F%2Fx.example%2Fcb%3Fy%3D1");
        assertThat(Endpoints.withQuery("https://a/b", Map.of("k", "v"))).isEqualTo("https://a/b?k=v");
        assertThat(Endpoints.withQuery("https://a/b?x=1", Map.of("k", "v"))).isEqualTo("https://a/b?x=1&k=v");
        assertThat(Endpoints.host("https://company-17.api.gong.io/")).isEqualTo("company-17.api.gong.io");
    }

    @Test
    void settingsNeverShowValues() {
        ProviderSettings settings = ProviderSettings.of(Map.of("CONNECTIONS_SLACK_CLIENT_SECRET", "shh-very-secret"));
        assertThat(settings.toString()).contains("CONNECTIONS_SLACK_CLIENT_SECRET").doesNotContain("shh-very-secret");
        assertThat(settings.connectTimeout()).hasSeconds(5);
        assertThat(settings.requestTimeout()).hasSeconds(30);
        assertThat(settings.maxRetries()).isEqualTo(3);
    }
}
