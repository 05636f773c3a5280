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
        if (!Files.isDirectory(NODE_DIR.resolve("node_modules"))) {
            Process install = new ProcessBuilder("npm", "ci", "--no-audit", "--no-fund").directory(NODE_DIR.toFile())
                    .redirectErrorStream(true).start();
            String log = new String(install.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
            assertThat(install.waitFor(5, TimeUnit.MINUTES)).isTrue();
            assertThat(install.exitValue()).as(log).isEqualTo(0);
        }
        Path idFile = dir.resolve("foreign-id");
        String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
        String stdio = "[\"" + json(java) + "\",\"-cp\",\"" + json(System.getProperty("java.class.path")) + "\",\""
                + StdioFixture.class.getName() + "\"]";
        try (McpHarness h = new McpHarness()) {
            ProcessBuilder node = new ProcessBuilder("node", "client-check.mjs").directory(NODE_DIR.toFile())
                    .redirectErrorStream(true);
            node.environment().put("MCP_URL", h.url());
            node.environment().put("MCP_TOKEN", h.aliceToken);
            node.environment().put("FOREIGN_ID", h.globexConnection);
            node.environment().put("STDIO_COMMAND", stdio);
            node.environment().put("FIXTURE_FOREIGN_ID_FILE", idFile.toString());
            Process process = node.start();
            String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
            assertThat(process.waitFor(2, TimeUnit.MINUTES)).isTrue();
            assertThat(process.exitValue()).as(output).isEqualTo(0);
            assertThat(output).contains("all checks passed").doesNotContain("FAIL")
                    .contains("ok   http resources/list").contains("ok   stdio resources/list")
                    .contains("ok   http 401 without a token");
        }
    }

    private static String json(String value) {
        return value.replace("\\", "\\\\").replace("\"", "\\\"");
    }
}
