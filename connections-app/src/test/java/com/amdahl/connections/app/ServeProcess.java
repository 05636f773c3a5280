package com.amdahl.connections.app;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The runnable jar as an operator runs it: {@code java -jar connections-app.jar serve --port 0}
 * in its own working folder, with only the given {@code CONNECTIONS_*} variables, answering
 * real HTTP until it is stopped (SIGTERM) or killed (SIGKILL).
 */
final class ServeProcess implements AutoCloseable {
    private static final Pattern LISTENING = Pattern.compile("Connections is listening on (http://\\S+)");
    private static final AtomicInteger STARTS = new AtomicInteger();

    final Process process;
    final String base;
    final long startedMillis;
    private final Path stdout;
    private final Path stderr;
    private final HttpClient http = HttpClient.newHttpClient();

    private ServeProcess(Process process, Path stdout, Path stderr, String base, long startedMillis) {
        this.process = process;
        this.stdout = stdout;
        this.stderr = stderr;
        this.base = base;
        this.startedMillis = startedMillis;
    }

    /** Starts {@code serve --port 0 <args>} in {@code dir} and waits until it answers {@code /healthz}. */
    static ServeProcess start(Path dir, Map<String, String> env, String... args) throws IOException {
        int n = STARTS.incrementAndGet();
        Path out = dir.resolve("stdout-" + n);
        Path err = dir.resolve("stderr-" + n);
        List<String> command = JarCommand.java();
        command.addAll(List.of("serve", "--port", "0"));
        command.addAll(List.of(args));
        ProcessBuilder builder = new ProcessBuilder(command).directory(dir.toFile())
                .redirectOutput(out.toFile()).redirectError(err.toFile());
        builder.environment().keySet().removeIf(k -> k.startsWith("CONNECTIONS_"));
        builder.environment().putAll(env);
        long started = System.nanoTime();
        Process process = builder.start();
        String[] base = new String[1];
        await().atMost(Duration.ofSeconds(60)).pollInterval(Duration.ofMillis(50)).until(() -> {
            assertThat(process.isAlive()).as("serve died: %s", read(err)).isTrue();
            Matcher listening = LISTENING.matcher(read(err));
            base[0] = listening.find() ? listening.group(1) : null;
            return base[0] != null;
        });
        return new ServeProcess(process, out, err, base[0], (System.nanoTime() - started) / 1_000_000);
    }

    private static String read(Path file) throws IOException {
        return Files.exists(file) ? Files.readString(file, StandardCharsets.UTF_8) : "";
    }

    /** The first line on stdout: the admin token {@code serve --demo} prints. */
    String demoToken() {
        String[] token = new String[1];
        await().atMost(Duration.ofSeconds(30)).until(() -> {
            List<String> lines = Files.readAllLines(stdout);
            token[0] = lines.isEmpty() ? null : lines.get(0);
            return token[0] != null;
        });
        assertThat(token[0]).as("the demo admin token, alone on stdout").matches("cnx_[A-Za-z0-9_-]{43}");
        return token[0];
    }

    String stderr() throws IOException {
        return read(stderr);
    }

    TestServer.Answer call(String method, String path, String token, String body) {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(base + path))
                .method(method, body == null ? HttpRequest.BodyPublishers.noBody() : HttpRequest.BodyPublishers.ofString(body))
                .header("Content-Type", "application/json").header("Authorization", "Bearer " + token);
        try {
            HttpResponse<String> response = http.send(request.build(), HttpResponse.BodyHandlers.ofString());
            return new TestServer.Answer(response.statusCode(), response.body(), response.headers().map());
        } catch (IOException e) {
            throw new AssertionError(method + " " + path + " failed", e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new AssertionError(e);
        }
    }

    /** SIGKILL: no shutdown hook, no flush, nothing. */
    void kill9() throws InterruptedException {
        process.destroyForcibly();
        assertThat(process.waitFor(30, TimeUnit.SECONDS)).isTrue();
    }

    /** SIGTERM, then waits for the graceful shutdown. */
    void stop() throws InterruptedException {
        process.destroy();
        assertThat(process.waitFor(40, TimeUnit.SECONDS)).as("exits after SIGTERM").isTrue();
    }

    @Override
    public void close() {
        process.destroyForcibly();
    }
}
