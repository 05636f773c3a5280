package com.amdahl.connections.adapter.providers.connectors.notion;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.anyRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.anyUrl;
import static com.github.tomakehurst.wiremock.client.WireMock.containing;
import static com.github.tomakehurst.wiremock.client.WireMock.delete;
import static com.github.tomakehurst.wiremock.client.WireMock.deleteRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.equalTo;
import static com.github.tomakehurst.wiremock.client.WireMock.equalToJson;
import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.getRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.matchingJsonPath;
import static com.github.tomakehurst.wiremock.client.WireMock.okJson;
import static com.github.tomakehurst.wiremock.client.WireMock.patch;
import static com.github.tomakehurst.wiremock.client.WireMock.patchRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.postRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathMatching;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.amdahl.connections.adapter.providers.ConnectorRunHarness;
import com.amdahl.connections.adapter.providers.WireMockSupport;
import com.amdahl.connections.application.port.in.ManageKnowledgeSync.KnowledgeSyncView;
import com.amdahl.connections.application.port.in.ManageKnowledgeSync.SettingsChange;
import com.amdahl.connections.application.port.out.KnowledgeSource;
import com.amdahl.connections.application.port.out.KnowledgeTarget.TargetDatabase;
import com.amdahl.connections.domain.ConnectionsException;
import com.amdahl.connections.domain.ErrorCode;
import com.amdahl.connections.domain.health.Health;
import com.amdahl.connections.domain.knowledge.KnowledgeDocument;
import com.amdahl.connections.domain.sync.ErrorReason;
import com.amdahl.connections.domain.sync.SyncRun;
import com.amdahl.connections.domain.sync.SyncRunStatus;
import com.amdahl.connections.domain.workspace.ConnectionId;
import com.github.tomakehurst.wiremock.stubbing.Scenario;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Collectors;
import java.util.stream.IntStream;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * Notion Knowledge Sync through whole sync runs of the application (in-memory storage) against
 * the Notion API stubbed in its documented shapes: first push, an unchanged run making no call, a
 * changed and a removed document under each policy, 429 with {@code Retry-After}, a revoked grant,
 * a database deleted or unshared; and the settings checked at save time.
 */
class NotionKnowledgeSyncIT extends WireMockSupport {
    private static final String TOKEN = "AT-nks-1";
    private static final Instant T = Instant.parse("2026-12-01T09:00:00Z");
    private static final String DATABASE = "{\"object\":\"database\",\"id\":\"db-1\",\"title\":[{\"type\":\"text\","
            + "\"text\":{\"content\":\"Handbook\"},\"plain_text\":\"Handbook\"}],\"properties\":{"
            + "\"Name\":{\"id\":\"title\",\"type\":\"title\",\"title\":{}},"
            + "\"Tags\":{\"id\":\"t\",\"type\":\"multi_select\",\"multi_select\":{\"options\":[]}},"
            + "\"Updated\":{\"id\":\"u\",\"type\":\"date\",\"date\":{}}}}";
    private static final String NOT_FOUND = "{\"object\":\"error\",\"status\":404,\"code\":\"object_not_found\","
            + "\"message\":\"Could not find database with ID: db-1. Make sure the relevant pages and databases are shared with your integration.\"}";

    private final Map<String, KnowledgeDocument> documents = new TreeMap<>();
    private ConnectorRunHarness harness;
    private ConnectionId id;

    private final KnowledgeSource source = workspace -> new KnowledgeSource.Snapshot(new ArrayList<>(documents.values()),
            documents.values().stream().map(d -> d.id() + "@" + d.contentHash("")).collect(Collectors.joining(",")));

    @BeforeEach
    void connect() {
        harness = new ConnectorRunHarness(testSettings(Map.of(
                "CONNECTIONS_NOTION_KNOWLEDGE_SYNC_CLIENT_ID", "nks-client",
                "CONNECTIONS_NOTION_KNOWLEDGE_SYNC_CLIENT_SECRET", "nks-SECRET",
                "CONNECTIONS_NOTION_KNOWLEDGE_SYNC_TOKEN_URL", base() + "/v1/oauth/token",
                "CONNECTIONS_NOTION_KNOWLEDGE_SYNC_API_BASE_URL", base(),
                "CONNECTIONS_NOTION_KNOWLEDGE_SYNC_REQUESTS_PER_SECOND", "0")), source);
        wm.stubFor(post(urlPathEqualTo("/v1/oauth/token")).willReturn(okJson("{\"access_token\":\"" + TOKEN
                + "\",\"token_type\":\"bearer\",\"bot_id\":\"b-1\",\"workspace_name\":\"Acme Docs\","
                + "\"workspace_id\":\"ws-3f8a\",\"owner\":{\"type\":\"user\"}}")));
        id = harness.connectOAuth("notion_knowledge_sync", "code-1");
        wm.stubFor(get(urlPathEqualTo("/v1/databases/db-1")).withHeader("Authorization", equalTo("Bearer " + TOKEN))
                .withHeader("Notion-Version", equalTo("2022-06-28")).willReturn(okJson(DATABASE)));
        put("alpha", "# Alpha\n\nThe **first** document.\n\n- one\n  - nested");
        put("beta", IntStream.range(0, 150).mapToObj(i -> "Paragraph " + i).collect(Collectors.joining("\n\n")));
        put("gamma", "Third, with a [link](https://example.com).");
        for (String page : List.of("alpha", "beta", "gamma")) {
            wm.stubFor(post(urlPathEqualTo("/v1/pages")).withRequestBody(containing("\"content\":\"" + page + " title\""))
                    .willReturn(okJson("{\"object\":\"page\",\"id\":\"page-" + page + "\"}")));
        }
        wm.stubFor(patch(urlPathMatching("/v1/blocks/page-[a-z]+/children")).willReturn(okJson(
                "{\"object\":\"list\",\"results\":[],\"next_cursor\":null,\"has_more\":false}")));
        wm.stubFor(patch(urlPathMatching("/v1/pages/page-[a-z]+")).willReturn(okJson("{\"object\":\"page\",\"id\":\"p\"}")));
        wm.stubFor(get(urlPathMatching("/v1/blocks/page-[a-z]+/children")).willReturn(okJson(
                "{\"object\":\"list\",\"results\":[{\"object\":\"block\",\"id\":\"blk-1\",\"type\":\"paragraph\"},"
                        + "{\"object\":\"block\",\"id\":\"blk-2\",\"type\":\"paragraph\"}],\"next_cursor\":null,\"has_more\":false}")));
        wm.stubFor(delete(urlPathMatching("/v1/blocks/blk-[0-9]+")).willReturn(okJson("{\"object\":\"block\",\"archived\":true}")));
    }

    private void put(String name, String markdown) {
        documents.put(name, new KnowledgeDocument(name + ".md", name + " title", markdown, List.of("kb", "guide"),
                T.plusSeconds(documents.size())));
    }

    private KnowledgeSyncView configure(String policy) {
        return harness.app.knowledgeSync().write(harness.admin, id.value(),
                () -> new SettingsChange("db-1", policy, "Tags", "Updated"));
    }

    private int calls() {
        return wm.getAllServeEvents().size();
    }

    @Test
    void an_unconfigured_knowledge_sync_is_not_due_and_says_what_is_missing() {
        KnowledgeSyncView view = harness.app.knowledgeSync().read(harness.admin, id.value());
        assertThat(view.configured()).isFalse();
        assertThat(view.missing()).isEqualTo("choose a Notion database");
        harness.ports.clock.advance(Duration.ofDays(1));
        assertThat(harness.app.syncEngine().dispatchDue(10)).isEmpty();
        assertThat(harness.view(id).availableActions()).doesNotContain(com.amdahl.connections.application.ConnectionAction.SYNC);
        assertThatThrownBy(() -> harness.app.manage().requestSync(harness.admin, id, false))
                .isInstanceOfSatisfying(ConnectionsException.class,
                        e -> assertThat(e.code()).isEqualTo(ErrorCode.CONNECTION_NOT_SYNCABLE));
    }

    @Test
    void settings_are_checked_with_notion_at_save_time() {
        wm.stubFor(get(urlPathEqualTo("/v1/databases/db-9")).willReturn(aResponse().withStatus(404)
                .withHeader("Content-Type", "application/json").withBody(NOT_FOUND)));
        assertThatThrownBy(() -> harness.app.knowledgeSync().write(harness.admin, id.value(),
                () -> new SettingsChange("db-9", "mirror", null, null)))
                .isInstanceOfSatisfying(ConnectionsException.class, e -> {
                    assertThat(e.code()).isEqualTo(ErrorCode.VALIDATION_FAILED);
                    assertThat(e.details()).containsKey("database_id");
                });
        assertThatThrownBy(() -> harness.app.knowledgeSync().write(harness.admin, id.value(),
                () -> new SettingsChange("db-1", "mirror", "Updated", "Tags")))
                .isInstanceOfSatisfying(ConnectionsException.class,
                        e -> assertThat(e.details()).containsOnlyKeys("tags_property", "updated_property"));
        assertThatThrownBy(() -> harness.app.knowledgeSync().write(harness.admin, id.value(),
                () -> new SettingsChange("db-1", "sometimes", null, null)))
                .isInstanceOfSatisfying(ConnectionsException.class,
                        e -> assertThat(e.details()).containsOnlyKeys("policy"));
        KnowledgeSyncView saved = configure("mirror");
        assertThat(saved.settings().databaseTitle()).isEqualTo("Handbook");
        assertThat(saved.settings().titleProperty()).isEqualTo("Name");
        assertThat(harness.view(id).availableActions()).contains(com.amdahl.connections.application.ConnectionAction.SYNC);
    }

    @Test
    void the_databases_the_grant_sees_come_from_search() {
        wm.stubFor(post(urlPathEqualTo("/v1/search")).withRequestBody(matchingJsonPath("$.filter.value", equalTo("database")))
                .willReturn(okJson("{\"object\":\"list\",\"results\":[" + DATABASE + "],\"next_cursor\":null,\"has_more\":false}")));
        List<TargetDatabase> databases = harness.app.knowledgeSync().databases(harness.admin, id.value());
        assertThat(databases).extracting(TargetDatabase::id, TargetDatabase::title, TargetDatabase::titleProperty)
                .containsExactly(org.assertj.core.groups.Tuple.tuple("db-1", "Handbook", "Name"));
    }

    @Test
    void first_push_creates_a_page_per_document_and_an_unchanged_run_makes_no_call() {
        configure("mirror");
        wm.resetRequests();
        SyncRun first = harness.run();
        assertThat(first.status()).isEqualTo(SyncRunStatus.COMPLETED);
        assertThat(first.records().added()).isEqualTo(3);
        assertThat(first.recordsWritten()).isEqualTo(3);
        // one pages.create per document (carrying the first 100 blocks), plus one append for beta's 150 blocks
        wm.verify(3, postRequestedFor(urlPathEqualTo("/v1/pages")));
        wm.verify(1, patchRequestedFor(urlPathEqualTo("/v1/blocks/page-beta/children")));
        assertThat(calls()).isEqualTo(4);
        wm.verify(postRequestedFor(urlPathEqualTo("/v1/pages")).withRequestBody(equalToJson(
                "{\"parent\":{\"database_id\":\"db-1\"},\"properties\":{\"Name\":{\"title\":[{\"type\":\"text\","
                        + "\"text\":{\"content\":\"alpha title\"},\"annotations\":{\"bold\":false,\"italic\":false,\"code\":false}}]},"
                        + "\"Tags\":{\"multi_select\":[{\"name\":\"kb\"},{\"name\":\"guide\"}]},"
                        + "\"Updated\":{\"date\":{\"start\":\"2026-12-01T09:00:00Z\"}}},\"children\":\"${json-unit.ignore}\"}")));
        assertThat(harness.knowledgeStore.pageCount(harness.admin.workspaceId(), id)).isEqualTo(3);

        wm.resetRequests();
        SyncRun second = harness.run();
        assertThat(second.status()).isEqualTo(SyncRunStatus.COMPLETED);
        assertThat(second.recordsWritten()).isZero();
        assertThat(second.records().unchanged()).isEqualTo(3);
        assertThat(calls()).isZero();
        assertThat(harness.app.knowledgeSync().read(harness.admin, id.value()).pagesMirrored()).isEqualTo(3);
    }

    @Test
    void a_changed_document_gets_its_properties_and_body_replaced() {
        configure("mirror");
        harness.run();
        put("alpha", "Rewritten.");
        wm.resetRequests();
        SyncRun run = harness.run();
        assertThat(run.records().updated()).isEqualTo(1);
        assertThat(run.recordsWritten()).isEqualTo(1);
        assertThat(run.records().unchanged()).isEqualTo(2);
        wm.verify(1, patchRequestedFor(urlPathEqualTo("/v1/pages/page-alpha")).withRequestBody(
                matchingJsonPath("$.properties.Name.title[0].text.content", equalTo("alpha title"))));
        wm.verify(1, getRequestedFor(urlPathEqualTo("/v1/blocks/page-alpha/children")));
        wm.verify(2, deleteRequestedFor(urlPathMatching("/v1/blocks/blk-[12]")));
        wm.verify(1, patchRequestedFor(urlPathEqualTo("/v1/blocks/page-alpha/children")).withRequestBody(
                matchingJsonPath("$.children[0].paragraph.rich_text[0].text.content", equalTo("Rewritten."))));
        assertThat(calls()).isEqualTo(5);
    }

    @Test
    void a_removed_document_archives_its_page_under_mirror() {
        configure("mirror");
        harness.run();
        documents.remove("gamma");
        wm.resetRequests();
        SyncRun run = harness.run();
        assertThat(run.records().deleted()).isEqualTo(1);
        assertThat(run.recordsWritten()).isEqualTo(1);
        wm.verify(1, patchRequestedFor(urlPathEqualTo("/v1/pages/page-gamma")).withRequestBody(equalToJson("{\"archived\":true}")));
        assertThat(calls()).isEqualTo(1);
        assertThat(harness.knowledgeStore.pageCount(harness.admin.workspaceId(), id)).isEqualTo(2);
    }

    @Test
    void a_removed_document_keeps_its_page_under_append() {
        configure("append");
        harness.run();
        documents.remove("gamma");
        wm.resetRequests();
        SyncRun run = harness.run();
        assertThat(run.status()).isEqualTo(SyncRunStatus.COMPLETED);
        assertThat(run.recordsWritten()).isZero();
        assertThat(calls()).isZero();
        assertThat(harness.knowledgeStore.pageCount(harness.admin.workspaceId(), id)).isEqualTo(3);
    }

    @Test
    void switching_from_append_to_mirror_archives_what_left_meanwhile_and_rewrites_nothing() {
        configure("append");
        harness.run();
        documents.remove("gamma");
        harness.run();
        configure("mirror");
        wm.resetRequests();
        SyncRun run = harness.run();
        assertThat(run.records().deleted()).isEqualTo(1);
        assertThat(run.records().unchanged()).isEqualTo(2);
        wm.verify(1, patchRequestedFor(urlPathEqualTo("/v1/pages/page-gamma")).withRequestBody(equalToJson("{\"archived\":true}")));
        assertThat(calls()).isEqualTo(1); // the archive alone: no page is rewritten
    }

    @Test
    void a_429_is_retried_after_its_retry_after_and_then_the_run_goes_on() {
        configure("mirror");
        wm.stubFor(post(urlPathEqualTo("/v1/pages")).atPriority(1).inScenario("limited").whenScenarioStateIs(Scenario.STARTED)
                .willReturn(aResponse().withStatus(429).withHeader("Retry-After", "2")
                        .withBody("{\"object\":\"error\",\"status\":429,\"code\":\"rate_limited\"}"))
                .willSetStateTo("served"));
        SyncRun run = harness.run();
        assertThat(run.status()).isEqualTo(SyncRunStatus.COMPLETED);
        assertThat(run.recordsWritten()).isEqualTo(3);
        assertThat(harness.sleeps).containsExactly(Duration.ofSeconds(2));
    }

    @Test
    void a_429_that_persists_fails_the_run_rate_limited_and_the_next_run_resumes() {
        configure("mirror");
        wm.stubFor(post(urlPathEqualTo("/v1/pages")).atPriority(1).withRequestBody(containing("gamma title"))
                .willReturn(aResponse().withStatus(429).withHeader("Retry-After", "3")
                        .withBody("{\"object\":\"error\",\"status\":429,\"code\":\"rate_limited\"}")));
        SyncRun run = harness.run();
        assertThat(run.status()).isEqualTo(SyncRunStatus.FAILED);
        assertThat(run.errorReason()).isEqualTo(ErrorReason.RATE_LIMIT);
        assertThat(run.recordsWritten()).isEqualTo(2);
        assertThat(harness.sleeps).containsExactly(Duration.ofSeconds(3), Duration.ofSeconds(3), Duration.ofSeconds(3));
        assertThat(harness.view(id).health().health()).isEqualTo(Health.RATE_LIMITED);

        wm.resetToDefaultMappings();
        connectStubs();
        wm.resetRequests();
        SyncRun next = harness.run();
        assertThat(next.status()).isEqualTo(SyncRunStatus.COMPLETED);
        assertThat(next.records().added()).isEqualTo(1); // only gamma: alpha and beta were mapped by the failed run
        wm.verify(1, postRequestedFor(urlPathEqualTo("/v1/pages")));
    }

    private void connectStubs() {
        wm.stubFor(post(urlPathEqualTo("/v1/pages")).withRequestBody(containing("gamma title"))
                .willReturn(okJson("{\"object\":\"page\",\"id\":\"page-gamma\"}")));
    }

    @Test
    void a_revoked_grant_needs_reauthorization() {
        configure("mirror");
        wm.stubFor(post(urlPathEqualTo("/v1/pages")).atPriority(1).willReturn(aResponse().withStatus(401)
                .withHeader("Content-Type", "application/json")
                .withBody("{\"object\":\"error\",\"status\":401,\"code\":\"unauthorized\",\"message\":\"API token is invalid.\"}")));
        SyncRun run = harness.run();
        assertThat(run.status()).isEqualTo(SyncRunStatus.FAILED);
        assertThat(run.errorReason()).isEqualTo(ErrorReason.AUTH);
        assertThat(run.errorMessage()).doesNotContain(TOKEN);
        assertThat(harness.view(id).health().health()).isEqualTo(Health.NEEDS_REAUTH);
    }

    @Test
    void a_deleted_or_unshared_database_is_an_error_that_says_which_and_what_to_do() {
        configure("mirror");
        wm.stubFor(post(urlPathEqualTo("/v1/pages")).atPriority(1).willReturn(aResponse().withStatus(404)
                .withHeader("Content-Type", "application/json").withBody(NOT_FOUND)));
        SyncRun run = harness.run();
        assertThat(run.status()).isEqualTo(SyncRunStatus.FAILED);
        assertThat(run.errorReason()).isEqualTo(ErrorReason.CONFIG);
        assertThat(harness.view(id).connection().lifecycle().lastError())
                .contains("\"Handbook\" (db-1)").contains("deleted or is no longer shared")
                .contains("share it with the integration again");
        assertThat(harness.view(id).health().health()).isEqualTo(Health.ERROR);
    }

    @Test
    void a_changed_document_whose_database_is_gone_says_so_too() {
        configure("mirror");
        harness.run();
        put("alpha", "Changed.");
        wm.stubFor(patch(urlPathEqualTo("/v1/pages/page-alpha")).atPriority(1).willReturn(aResponse().withStatus(404)
                .withHeader("Content-Type", "application/json").withBody(NOT_FOUND)));
        wm.stubFor(get(urlPathEqualTo("/v1/databases/db-1")).atPriority(1).willReturn(aResponse().withStatus(404)
                .withHeader("Content-Type", "application/json").withBody(NOT_FOUND)));
        SyncRun run = harness.run();
        assertThat(run.errorReason()).isEqualTo(ErrorReason.CONFIG);
        assertThat(run.errorMessage()).contains("deleted or is no longer shared");
    }

    @Test
    void a_property_removed_in_notion_is_a_config_error_that_says_what_to_check() {
        configure("mirror");
        wm.stubFor(post(urlPathEqualTo("/v1/pages")).atPriority(1).willReturn(aResponse().withStatus(400)
                .withHeader("Content-Type", "application/json").withBody("{\"object\":\"error\",\"status\":400,"
                        + "\"code\":\"validation_error\",\"message\":\"Tags is not a property that exists.\"}")));
        SyncRun run = harness.run();
        assertThat(run.errorReason()).isEqualTo(ErrorReason.CONFIG);
        assertThat(run.errorMessage()).contains("validation_error", "save the knowledge sync settings again");
    }

    @Test
    void only_those_who_may_configure_list_the_databases() {
        var member = harness.ports.member("acme", "bob", com.amdahl.connections.domain.workspace.Role.MEMBER);
        assertThatThrownBy(() -> harness.app.knowledgeSync().databases(member, id.value()))
                .isInstanceOfSatisfying(ConnectionsException.class, e -> assertThat(e.code()).isEqualTo(ErrorCode.FORBIDDEN));
        assertThat(harness.app.knowledgeSync().read(member, id.value()).configured()).isFalse();
    }

    @Test
    void a_page_deleted_by_hand_is_created_again_when_its_document_changes() {
        configure("mirror");
        harness.run();
        put("alpha", "Changed.");
        wm.stubFor(patch(urlPathEqualTo("/v1/pages/page-alpha")).atPriority(1).willReturn(aResponse().withStatus(404)
                .withHeader("Content-Type", "application/json").withBody("{\"object\":\"error\",\"status\":404,\"code\":\"object_not_found\"}")));
        SyncRun run = harness.run();
        assertThat(run.status()).isEqualTo(SyncRunStatus.COMPLETED);
        assertThat(run.records().added()).isEqualTo(1);
        wm.verify(anyRequestedFor(anyUrl()).withHeader("Authorization", equalTo("Bearer " + TOKEN)));
    }
}
