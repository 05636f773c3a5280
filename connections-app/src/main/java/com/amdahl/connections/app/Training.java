package com.amdahl.connections.app;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.time.Duration;
import java.util.Base64;
import java.util.Comparator;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.stream.Stream;
import picocli.CommandLine.Command;

/**
 * The training run of the class-data sharing archive. The build runs {@code train} once under
 * {@code -XX:ArchiveClassesAtExit}: every class loaded here is stored parsed and verified in
 * {@code connections-app.jsa}, which {@code -XX:SharedArchiveFile} maps at the next start instead
 * of reading, verifying and linking the same ~9,000 classes from the jar again. So it does what a
 * first start does: CLI commands on a fresh database (Flyway) and on a current one, {@code serve
 * --demo}, the probes, REST and MCP requests, the console, a graceful stop. On a throwaway H2
 * database in a temporary folder; a failure only makes the archive smaller, never the build fail.
 */
@Command(name = "train", hidden = true, description = "Exercise start-up for the class-data archive (the build runs it).")
final class Training implements Callable<Integer> {
    private static final Duration WAIT = Duration.ofSeconds(10);

    @Override
    public Integer call() throws IOException { // only creating the temporary folder may fail the command
        Path dir = Files.createTempDirectory("connections-training-");
        PrintStream stdout = System.out;
        Map<String, String> environment = Main.environment;
        ByteArrayOutputStream printed = new ByteArrayOutputStream();
        System.setOut(new PrintStream(printed, true, StandardCharsets.UTF_8)); // tokens stay out of the build log
        try {
            byte[] key = new byte[32];
            new SecureRandom().nextBytes(key);
            Main.environment = Map.of("CONNECTIONS_DB_URL", "jdbc:h2:file:" + dir.resolve("connections"),
                    "CONNECTIONS_SECRET_KEY", Base64.getEncoder().encodeToString(key), "CONNECTIONS_SCHEDULER", "off");
            Main.run("workspace", "create", "training");
            Main.run("member", "add", "training", "admin", "--role", "admin");
            printed.reset();
            Main.run("token", "create", "training", "admin");
            String token = printed.toString(StandardCharsets.UTF_8).strip();
            Serving serving = Serving.start(Main.environment, "127.0.0.1", 0, true);
            try {
                requests(serving.base, token);
            } finally {
                serving.stop();
            }
        } catch (RuntimeException | InterruptedException | IOException incomplete) {
            System.err.println("training run incomplete, the archive holds what it loaded: " + incomplete);
        } finally {
            System.setOut(stdout);
            Main.environment = environment;
            delete(dir);
        }
        return 0;
    }

    private static void requests(String base, String token) throws IOException, InterruptedException {
        HttpClient http = HttpClient.newBuilder().connectTimeout(WAIT).build();
        String api = base + "/api/platform/v1/connections";
        for (String path : new String[] {base + "/healthz", base + "/readyz", api, api + "/catalog", base + "/console"}) {
            http.send(HttpRequest.newBuilder(URI.create(path)).timeout(WAIT).header("Authorization", "Bearer " + token)
                    .build(), HttpResponse.BodyHandlers.discarding());
        }
        http.send(HttpRequest.newBuilder(URI.create(base + "/mcp")).timeout(WAIT)
                .header("Authorization", "Bearer " + token).header("Content-Type", "application/json")
                .header("Accept", "application/json, text/event-stream")
                .POST(HttpRequest.BodyPublishers.ofString("{\"jsonrpc\":\"2.0\",\"id\":1,\"method\":\"initialize\",\"params\":"
                        + "{\"protocolVersion\":\"2025-06-18\",\"capabilities\":{},\"clientInfo\":{\"name\":\"training\","
                        + "\"version\":\"1\"}}}"))
                .build(), HttpResponse.BodyHandlers.discarding());
    }

    private static void delete(Path dir) {
        try (Stream<Path> files = Files.walk(dir)) {
            for (Path file : files.sorted(Comparator.reverseOrder()).toList()) {
                Files.deleteIfExists(file);
            }
        } catch (IOException leftBehind) {
            System.err.println("could not delete the training folder " + dir + ": " + leftBehind.getMessage());
        }
    }
}
