package com.amdahl.connections.adapter.providers.bench;

import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.okJson;
import static com.github.tomakehurst.wiremock.client.WireMock.patch;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathMatching;
import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.options;

import com.amdahl.connections.adapter.providers.ConnectorRunHarness;
import com.amdahl.connections.adapter.providers.kit.ProviderSettings;
import com.amdahl.connections.application.port.in.ManageKnowledgeSync.SettingsChange;
import com.amdahl.connections.application.port.out.KnowledgeSource;
import com.amdahl.connections.domain.knowledge.KnowledgeDocument;
import com.amdahl.connections.domain.sync.SyncRun;
import com.amdahl.connections.domain.workspace.ConnectionId;
import com.github.tomakehurst.wiremock.WireMockServer;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import java.util.stream.IntStream;

/**
 * A driver program (not a test): Notion Knowledge Sync pushing N documents (default 1,000; each a
 * heading, 20 paragraphs with marks, a nested list and a code block, about 30 blocks) through whole
 * runs of the application into a WireMock Notion on 127.0.0.1, the request pace off. Prints the wall
 * time and calls per document of the first push, of an unchanged second run, and of a run whose
 * source cursor moved while no document changed (every document hashed, none sent). Run with
 * {@code bench/knowledge.sh [documents]}.
 */
public final class KnowledgePushBenchmark {
    private KnowledgePushBenchmark() {
    }

    public static void main(String[] args) {
        int count = args.length > 0 ? Integer.parseInt(args[0]) : 1_000;
        WireMockServer stub = new WireMockServer(options().bindAddress("127.0.0.1").dynamicPort().containerThreads(20));
        stub.start();
        try {
            String base = "http://127.0.0.1:" + stub.port();
            stub.stubFor(post(urlPathEqualTo("/v1/oauth/token")).willReturn(okJson("{\"access_token\":\"bench\","
                    + "\"token_type\":\"bearer\",\"bot_id\":\"b\",\"workspace_name\":\"Bench\",\"workspace_id\":\"ws\"}")));
            stub.stubFor(get(urlPathEqualTo("/v1/databases/db-1")).willReturn(okJson("{\"object\":\"database\",\"id\":\"db-1\","
                    + "\"title\":[],\"properties\":{\"Name\":{\"type\":\"title\"},\"Tags\":{\"type\":\"multi_select\"}}}")));
            stub.stubFor(post(urlPathEqualTo("/v1/pages")).willReturn(okJson(
                    "{\"object\":\"page\",\"id\":\"{{randomValue type='UUID'}}\"}").withTransformers("response-template")));
            stub.stubFor(patch(urlPathMatching("/v1/blocks/.*/children")).willReturn(okJson("{\"object\":\"list\",\"results\":[]}")));
            String body = "# Heading\n\n" + IntStream.range(0, 20).mapToObj(i -> "Paragraph " + i + " with **bold**, *italic*, "
                    + "`code` and a [link](https://example.com/" + i + ").").collect(Collectors.joining("\n\n"))
                    + "\n\n- one\n  - nested\n- two\n\n```java\nclass A {}\n```\n";
            List<KnowledgeDocument> documents = IntStream.range(0, count).mapToObj(i -> new KnowledgeDocument(
                    "doc-" + i + ".md", "Document " + i, body, List.of("bench"), Instant.parse("2026-12-01T00:00:00Z")))
                    .toList();
            String[] cursor = {"v1"};
            KnowledgeSource source = workspace -> new KnowledgeSource.Snapshot(documents, cursor[0]);
            ConnectorRunHarness harness = new ConnectorRunHarness(ProviderSettings.of(Map.of(
                    "CONNECTIONS_NOTION_KNOWLEDGE_SYNC_CLIENT_ID", "c", "CONNECTIONS_NOTION_KNOWLEDGE_SYNC_CLIENT_SECRET", "s",
                    "CONNECTIONS_NOTION_KNOWLEDGE_SYNC_TOKEN_URL", base + "/v1/oauth/token",
                    "CONNECTIONS_NOTION_KNOWLEDGE_SYNC_API_BASE_URL", base,
                    "CONNECTIONS_NOTION_KNOWLEDGE_SYNC_REQUESTS_PER_SECOND", "0")), source);
            ConnectionId id = harness.connectOAuth("notion_knowledge_sync", "code");
            harness.app.knowledgeSync().write(harness.admin, id.value(), () -> new SettingsChange("db-1", "mirror", "Tags", null));
            for (String pass : List.of("first push", "unchanged run", "cursor moved, documents unchanged")) {
                if (pass.startsWith("cursor")) {
                    cursor[0] = "v2"; // the source says something changed: every document is hashed, none is sent
                }
                stub.resetRequests();
                long started = System.nanoTime();
                SyncRun run = harness.run();
                long millis = (System.nanoTime() - started) / 1_000_000;
                int calls = stub.getAllServeEvents().size();
                System.out.printf("%s: %d documents, %s, written %d, %d calls (%.2f per document), %d ms (%.1f documents/s)%n",
                        pass, count, run.status().wire(), run.recordsWritten(), calls, calls / (double) count, millis,
                        count * 1000.0 / Math.max(1, millis));
            }
        } finally {
            stub.stop();
        }
    }
}
