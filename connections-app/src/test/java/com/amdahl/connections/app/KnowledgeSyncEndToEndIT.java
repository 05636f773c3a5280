package com.amdahl.connections.app;

import static com.github.tomakehurst.wiremock.client.WireMock.containing;
import static com.github.tomakehurst.wiremock.client.WireMock.equalTo;
import static com.github.tomakehurst.wiremock.client.WireMock.equalToJson;
import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.matchingJsonPath;
import static com.github.tomakehurst.wiremock.client.WireMock.okJson;
import static com.github.tomakehurst.wiremock.client.WireMock.patch;
import static com.github.tomakehurst.wiremock.client.WireMock.patchRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.postRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathMatching;
import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.options;
import static org.assertj.core.api.Assertions.assertThat;

import com.amdahl.connections.application.SyncSettings;
import com.amdahl.connections.domain.workspace.Role;
import com.fasterxml.jackson.databind.JsonNode;
import com.github.tomakehurst.wiremock.WireMockServer;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Notion Knowledge Sync through the real server: connect over OAuth (the stub's token endpoint),
 * configure it over REST (checked with the stub), a Markdown folder as the knowledge base, a
 * scheduled run, and the pages the stub received; then a removed document archived under mirror.
 */
class KnowledgeSyncEndToEndIT {
    private static final String V1 = "/api/platform/v1";
    private static final String DATABASE = "{\"object\":\"database\",\"id\":\"db-1\",\"title\":[{\"plain_text\":\"Handbook\"}],"
            + "\"properties\":{\"Name\":{\"type\":\"title\",\"title\":{}},\"Tags\":{\"type\":\"multi_select\",\"multi_select\":{}}}}";

    @TempDir
    Path dir;
    WireMockServer notion;
    TestServer app;
    String admin;
    String member;
    Path knowledge;

    @BeforeEach
    void start() throws IOException {
        notion = new WireMockServer(options().bindAddress("127.0.0.1").dynamicPort());
        notion.start();
        String base = "http://127.0.0.1:" + notion.port();
        knowledge = dir.resolve("knowledge");
        Files.createDirectories(knowledge.resolve("acme/guides"));
        Files.writeString(knowledge.resolve("acme/welcome.md"), "---\ntitle: Welcome\ntags: [onboarding]\n---\n# Hi\n\n- a\n  - b\n");
        Files.writeString(knowledge.resolve("acme/guides/setup.md"), "---\ntitle: Setup\n---\n```bash\nmake\n```\n");
        Files.createDirectories(knowledge.resolve("other"));
        Files.writeString(knowledge.resolve("other/secret.md"), "---\ntitle: Other tenant\n---\nnot acme's");
        Map<String, String> env = TestServer.env(dir, base);
        env.put("CONNECTIONS_NOTION_KNOWLEDGE_SYNC_CLIENT_ID", "nks-client");
        env.put("CONNECTIONS_NOTION_KNOWLEDGE_SYNC_CLIENT_SECRET", "nks-SECRET");
        env.put("CONNECTIONS_NOTION_KNOWLEDGE_SYNC_TOKEN_URL", base + "/v1/oauth/token");
        env.put("CONNECTIONS_NOTION_KNOWLEDGE_SYNC_API_BASE_URL", base);
        env.put("CONNECTIONS_KNOWLEDGE_DIR", knowledge.toString());
        app = new TestServer(env, SyncSettings.defaults().withLease(Duration.ofMillis(500), Duration.ofSeconds(3)));
        admin = app.token("acme", "alice", Role.ADMIN, false);
        member = app.token("acme", "bob", Role.MEMBER, false);
    }

    @AfterEach
    void stop() {
        app.close();
        notion.stop();
    }

    @Test
    void a_markdown_folder_is_mirrored_into_a_notion_database_by_the_scheduler() throws IOException {
        TestServer.Answer started = app.post(V1 + "/connections", admin, "{\"connector_type\":\"notion_knowledge_sync\"}");
        assertThat(started.status()).isEqualTo(201);
        String id = started.json().at("/connection/id").asText();
        String state = EndToEndIT.query(started.json().get("authorize_url").asText()).get("state");
        notion.stubFor(post(urlPathEqualTo("/v1/oauth/token")).willReturn(okJson("{\"access_token\":\"ntn-SECRET-access\","
                + "\"token_type\":\"bearer\",\"bot_id\":\"b-1\",\"workspace_name\":\"Acme Docs\",\"workspace_id\":\"ws-1\"}")));
        assertThat(app.get(V1 + "/connections/oauth/callback?code=c-1&state=" + state, null).status()).isIn(200, 302);

        // not configured yet: the surface says what is missing and the scheduler leaves it alone
        JsonNode unconfigured = app.get(V1 + "/connections/" + id + "/knowledge-sync", member).json();
        assertThat(unconfigured.get("configured").asBoolean()).isFalse();
        assertThat(unconfigured.get("missing").asText()).isEqualTo("choose a Notion database");
        assertThat(app.get(V1 + "/connections/" + id, member).json().at("/knowledge_sync/missing").asText())
                .isEqualTo("choose a Notion database"); // on the connection itself too: REST, MCP and the console alike
        assertThat(app.get(V1 + "/connections/" + id, admin).json().get("available_actions").toString()).doesNotContain("\"sync\"");
        app.tickAndDrain();
        assertThat(app.get(V1 + "/connections/" + id + "/runs", admin).json().get("runs")).isEmpty();

        notion.stubFor(post(urlPathEqualTo("/v1/search")).withHeader("Authorization", equalTo("Bearer ntn-SECRET-access"))
                .willReturn(okJson("{\"object\":\"list\",\"results\":[" + DATABASE + "],\"next_cursor\":null,\"has_more\":false}")));
        notion.stubFor(get(urlPathEqualTo("/v1/databases/db-1")).willReturn(okJson(DATABASE)));
        JsonNode databases = app.get(V1 + "/connections/" + id + "/knowledge-sync/databases", admin).json();
        assertThat(databases.at("/databases/0/title").asText()).isEqualTo("Handbook");

        String settings = "{\"database_id\":\"db-1\",\"policy\":\"mirror\",\"tags_property\":\"Tags\"}";
        assertThat(app.call("PUT", V1 + "/connections/" + id + "/knowledge-sync", member, settings).status()).isEqualTo(403);
        assertThat(app.call("PUT", V1 + "/connections/" + id + "/knowledge-sync", admin,
                "{\"database_id\":\"db-1\",\"policy\":\"sometimes\"}").json().at("/error/details/policy").isTextual()).isTrue();
        TestServer.Answer saved = app.call("PUT", V1 + "/connections/" + id + "/knowledge-sync", admin, settings);
        assertThat(saved.status()).isEqualTo(200);
        assertThat(saved.json().get("configured").asBoolean()).isTrue();
        assertThat(saved.json().get("database_title").asText()).isEqualTo("Handbook");
        JsonNode configured = app.get(V1 + "/connections/" + id, admin).json();
        assertThat(configured.at("/knowledge_sync/configured").asBoolean()).isTrue();
        assertThat(configured.at("/knowledge_sync/policy").asText()).isEqualTo("mirror");
        assertThat(configured.get("available_actions").toString()).contains("\"sync\"");

        notion.stubFor(post(urlPathEqualTo("/v1/pages")).withRequestBody(containing("\"Welcome\""))
                .willReturn(okJson("{\"object\":\"page\",\"id\":\"page-welcome\"}")));
        notion.stubFor(post(urlPathEqualTo("/v1/pages")).withRequestBody(containing("\"Setup\""))
                .willReturn(okJson("{\"object\":\"page\",\"id\":\"page-setup\"}")));
        notion.stubFor(patch(urlPathMatching("/v1/pages/page-.*")).willReturn(okJson("{\"object\":\"page\"}")));
        app.tickAndDrain();

        JsonNode status = app.get(V1 + "/connections/" + id + "/status", admin).json();
        assertThat(status.at("/last_run/status").asText()).isEqualTo("completed");
        assertThat(status.at("/last_run/triggered_by").asText()).isEqualTo("connect");
        assertThat(status.at("/last_run/streams_total").asInt()).isEqualTo(1);
        assertThat(status.at("/last_run/records_written").asInt()).isEqualTo(2);
        assertThat(status.get("health").asText()).isEqualTo("healthy");
        notion.verify(2, postRequestedFor(urlPathEqualTo("/v1/pages")));
        notion.verify(postRequestedFor(urlPathEqualTo("/v1/pages")).withRequestBody(matchingJsonPath(
                "$.children[1].bulleted_list_item.children[0].bulleted_list_item.rich_text[0].text.content", equalTo("b"))));
        notion.verify(postRequestedFor(urlPathEqualTo("/v1/pages")).withRequestBody(matchingJsonPath(
                "$.children[0].code.language", equalTo("bash"))));
        notion.verify(postRequestedFor(urlPathEqualTo("/v1/pages")).withRequestBody(matchingJsonPath(
                "$.properties.Tags.multi_select[0].name", equalTo("onboarding"))));
        notion.verify(0, postRequestedFor(urlPathEqualTo("/v1/pages")).withRequestBody(containing("Other tenant")));

        JsonNode surface = app.get(V1 + "/connections/" + id + "/knowledge-sync", member).json();
        assertThat(surface.get("pages_mirrored").asInt()).isEqualTo(2);
        assertThat(surface.at("/last_run/records_written").asInt()).isEqualTo(2);
        JsonNode catalogEntry = app.get(V1 + "/connections/catalog?category=docs", admin).json();
        for (JsonNode entry : catalogEntry.get("connectors")) {
            if (entry.get("type").asText().equals("notion_knowledge_sync")) {
                assertThat(entry.get("direction").asText()).isEqualTo("outbound");
                assertThat(entry.get("syncable").asBoolean()).isTrue();
            }
        }

        Files.delete(knowledge.resolve("acme/guides/setup.md"));
        TestServer.Answer manual = app.post(V1 + "/connections/" + id + "/sync", admin, "");
        assertThat(manual.status()).isEqualTo(202);
        app.tickAndDrain();
        JsonNode after = app.get(V1 + "/connections/" + id + "/status", admin).json();
        assertThat(after.at("/last_run/triggered_by").asText()).isEqualTo("manual");
        assertThat(after.at("/last_run/records_written").asInt()).isEqualTo(1);
        assertThat(after.at("/last_run/records_deleted").asInt()).isEqualTo(1);
        notion.verify(1, patchRequestedFor(urlPathEqualTo("/v1/pages/page-setup")).withRequestBody(equalToJson("{\"archived\":true}")));
        assertThat(app.get(V1 + "/connections/" + id + "/knowledge-sync", admin).body()).doesNotContain("SECRET");
    }
}
