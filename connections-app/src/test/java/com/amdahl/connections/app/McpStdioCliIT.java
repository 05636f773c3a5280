package com.amdahl.connections.app;

import static org.assertj.core.api.Assertions.assertThat;

import io.modelcontextprotocol.client.McpClient;
import io.modelcontextprotocol.client.McpSyncClient;
import io.modelcontextprotocol.client.transport.ServerParameters;
import io.modelcontextprotocol.client.transport.StdioClientTransport;
import io.modelcontextprotocol.json.McpJsonDefaults;
import io.modelcontextprotocol.spec.McpSchema.ReadResourceRequest;
import io.modelcontextprotocol.spec.McpSchema.TextResourceContents;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code connections-app mcp-stdio} from the runnable jar, beside the CLI on one H2 file. */
class McpStdioCliIT {

    @TempDir
    Path dir;

    private Map<String, String> env() {
        Map<String, String> env = new HashMap<>();
        env.put("CONNECTIONS_DB_URL", "jdbc:h2:file:" + dir.resolve("connections"));
        return env;
    }

    private String cli(String... args) {
        PrintStream original = System.out;
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        System.setOut(new PrintStream(out, true, StandardCharsets.UTF_8));
        try {
            Main.environment = env();
            assertThat(Main.run(args)).isEqualTo(0);
        } finally {
            System.setOut(original);
            Main.environment = System.getenv();
        }
        return out.toString(StandardCharsets.UTF_8).strip();
    }

    private Process jar(Map<String, String> extra) throws Exception {
        List<String> command = JarCommand.java();
        command.add("mcp-stdio");
        ProcessBuilder builder = new ProcessBuilder(command);
        builder.environment().putAll(env());
        builder.environment().remove("CONNECTIONS_TOKEN");
        builder.environment().putAll(extra);
        builder.redirectInput(ProcessBuilder.Redirect.PIPE);
        return builder.start();
    }

    @Test
    void a_missing_or_unknown_token_exits_2_with_a_message_and_nothing_on_stdout() throws Exception {
        cli("migrate");
        for (Map<String, String> extra : new Map[] {Map.of(), Map.of("CONNECTIONS_TOKEN", "cnx_not-a-token")}) {
            Process process = jar(extra);
            process.getOutputStream().close();
            assertThat(process.waitFor(60, TimeUnit.SECONDS)).isTrue();
            assertThat(process.exitValue()).isEqualTo(2);
            assertThat(new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8)).isEmpty();
            assertThat(new String(process.getErrorStream().readAllBytes(), StandardCharsets.UTF_8))
                    .contains("CONNECTIONS_TOKEN");
        }
    }

    @Test
    void the_sdk_client_reads_the_list_through_mcp_stdio() {
        cli("workspace", "create", "acme");
        cli("member", "add", "acme", "alice", "--role", "admin");
        String token = cli("token", "create", "acme", "alice", "--read-only");
        assertThat(Files.exists(JarCommand.JAR)).isTrue();
        Map<String, String> env = env();
        env.put("CONNECTIONS_TOKEN", token);
        env.put("PATH", System.getenv().getOrDefault("PATH", ""));
        List<String> command = JarCommand.java();
        command.add("mcp-stdio");
        StdioClientTransport transport = new StdioClientTransport(ServerParameters.builder(command.get(0))
                .args(command.subList(1, command.size())).env(env).build(), McpJsonDefaults.getMapper());
        transport.setStdErrorHandler(line -> { });
        McpSyncClient client = McpClient.sync(transport).requestTimeout(Duration.ofSeconds(30))
                .initializationTimeout(Duration.ofSeconds(60)).build();
        try {
            client.initialize();
            String list = ((TextResourceContents) client.readResource(new ReadResourceRequest("connection://list"))
                    .contents().get(0)).text();
            assertThat(list).isEqualTo("{\"connections\":[]}");
            assertThat(client.listResourceTemplates().resourceTemplates())
                    .extracting(io.modelcontextprotocol.spec.McpSchema.ResourceTemplate::uriTemplate)
                    .containsExactlyInAnyOrder("connection://{id}", "connection://{id}/status",
                            "connection://{id}/runs", "connection://{id}/records/{stream}");
        } finally {
            client.closeGracefully();
        }
    }
}
