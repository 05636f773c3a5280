package com.amdahl.connections.adapter.mcp;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The official TypeScript SDK client ({@code src/test/node/client-check.mjs}) against the HTTP
 * endpoint of a real server and against a spawned stdio server. Runs {@code npm ci} there first
 * when {@code node_modules} is missing.
 */
class McpNodeClientIT {
    private static final Path NODE_DIR = Path.of("src", "test", "node").toAbsolutePath();

    @TempDir
    Path dir;

    @Test
    void the_typescript_sdk_client_lists_reads_and_is_refused_like_the_java_one() throws Exception {
        install();
        try (McpHarness h = new McpHarness()) {
            ProcessBuilder node = node("client-check.mjs", h);
            Process process = node.start();
            String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
            assertThat(process.waitFor(2, TimeUnit.MINUTES)).isTrue();
            assertThat(process.exitValue()).as(output).isEqualTo(0);
            assertThat(output).contains("all checks passed").doesNotContain("FAIL")
                    .contains("ok   http resources/list").contains("ok   stdio resources/list")
                    .contains("ok   http 401 without a token");
        }
    }

    @Test
    void the_typescript_client_2_speaks_both_eras_over_http_and_stdio_and_hears_changes() throws Exception {
        install();
        try (McpHarness h = new McpHarness()) {
            // GET /change starts a run of fathom, the next one settles it: its status changes each time
            com.sun.net.httpserver.HttpServer changes = com.sun.net.httpserver.HttpServer.create(
                    new java.net.InetSocketAddress("127.0.0.1", 0), 0);
            java.util.concurrent.atomic.AtomicReference<com.amdahl.connections.domain.sync.SyncRun> running =
                    new java.util.concurrent.atomic.AtomicReference<>();
            changes.createContext("/change", exchange -> {
                synchronized (running) {
                    com.amdahl.connections.domain.workspace.WorkspaceId acme =
                            new com.amdahl.connections.domain.workspace.WorkspaceId("acme");
                    if (running.get() == null) {
                        var run = h.ports.app.manage().requestSync(h.alice,
                                new com.amdahl.connections.domain.workspace.ConnectionId(h.fathom));
                        h.ports.app.syncRuns().begin(acme, run.id());
                        running.set(run);
                    } else {
                        h.ports.app.syncRuns().finish(acme, running.getAndSet(null).id(),
                                com.amdahl.connections.domain.sync.RunResult.of(java.util.List.of(
                                        com.amdahl.connections.domain.sync.StreamOutcome.succeeded("deals", 1))));
                    }
                }
                exchange.sendResponseHeaders(204, -1);
                exchange.close();
            });
            changes.start();
            try {
                ProcessBuilder node = node("client-eras.mjs", h);
                node.environment().put("CHANGE_URL", "http://127.0.0.1:" + changes.getAddress().getPort() + "/change");
                node.environment().put("CHANGE_ID", h.fathom);
                node.environment().put("FIXTURE_CHURN", "1");
                Process process = node.start();
                String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
                assertThat(process.waitFor(3, TimeUnit.MINUTES)).isTrue();
                assertThat(process.exitValue()).as(output).isEqualTo(0);
                assertThat(output).contains("all checks passed").doesNotContain("FAIL")
                        .contains("ok   http auto era").contains("ok   http legacy era")
                        .contains("ok   stdio auto era").contains("ok   stdio legacy era")
                        .contains("ok   http auto hears the status change")
                        .contains("ok   stdio auto hears the status change")
                        .contains("ok   http legacy hears the status change")
                        .contains("ok   stdio legacy hears the status change");
            } finally {
                changes.stop(0);
            }
        }
    }

    /** {@code script} against the harness's endpoint and a spawned {@link StdioFixture}. */
    private ProcessBuilder node(String script, McpHarness h) {
        String javaBin = Path.of(System.getProperty("java.home"), "bin", "java").toString();
        String stdio = "[\"" + json(javaBin) + "\",\"-cp\",\"" + json(System.getProperty("java.class.path")) + "\",\""
                + StdioFixture.class.getName() + "\"]";
        ProcessBuilder node = new ProcessBuilder("node", script).directory(NODE_DIR.toFile()).redirectErrorStream(true);
        node.environment().put("MCP_URL", h.url());
        node.environment().put("MCP_TOKEN", h.aliceToken);
        node.environment().put("FOREIGN_ID", h.globexConnection);
        node.environment().put("STDIO_COMMAND", stdio);
        node.environment().put("FIXTURE_FOREIGN_ID_FILE", dir.resolve("foreign-id").toString());
        return node;
    }

    private void install() throws Exception {
        if (!Files.isDirectory(NODE_DIR.resolve("node_modules/@modelcontextprotocol/client"))) {
            Process install = new ProcessBuilder("npm", "ci", "--no-audit", "--no-fund").directory(NODE_DIR.toFile())
                    .redirectErrorStream(true).start();
            String log = new String(install.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
            assertThat(install.waitFor(5, TimeUnit.MINUTES)).isTrue();
            assertThat(install.exitValue()).as(log).isEqualTo(0);
        }
    }

    private static String json(String value) {
        return value.replace("\\", "\\\\").replace("\"", "\\\"");
    }
}
