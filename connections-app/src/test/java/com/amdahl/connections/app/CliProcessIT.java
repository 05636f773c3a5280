package com.amdahl.connections.app;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A CLI command from the runnable jar starts only what it needs: on a fresh database it migrates;
 * on a current one it neither starts Flyway nor a pool, and never loads the HTTP server, the MCP
 * SDK or a connector (the JVM's class-load log says what ran). Launched as the README launches it,
 * its classes come from the class-data archive the build trained.
 */
class CliProcessIT {
    @TempDir
    Path dir;

    private int runs;

    @Test
    void a_command_on_a_fresh_database_migrates_it_and_one_on_a_current_database_starts_nothing_else() throws Exception {
        Result created = jar("workspace", "create", "acme");
        assertThat(created.status()).as(created.stderr()).isZero();
        assertThat(created.loaded()).as("a fresh database is migrated by Flyway").anyMatch(c -> c.startsWith("org.flywaydb."));

        assertThat(jar("member", "add", "acme", "alice", "--role", "admin").status()).isZero();
        Result token = jar("token", "create", "acme", "alice");

        assertThat(token.status()).as(token.stderr()).isZero();
        assertThat(token.stdout()).matches("cnx_[A-Za-z0-9_-]{43}\\R");
        assertThat(token.loaded()).as("what a one-row command on a current schema must not start")
                .noneMatch(c -> c.startsWith("org.flywaydb.") || c.startsWith("com.zaxxer.hikari.pool.")
                        || c.startsWith("io.javalin.") || c.startsWith("org.eclipse.jetty.")
                        || c.startsWith("io.modelcontextprotocol.") || c.startsWith("io.micrometer.")
                        || c.startsWith("com.amdahl.connections.adapter.providers.connectors."));
        assertThat(token.fromArchive()).as("the application's classes are mapped from connections-app.jsa")
                .contains("com.amdahl.connections.app.Main", "org.h2.Driver", "org.jdbi.v3.core.Jdbi");
    }

    @Test
    void while_serve_holds_the_default_h2_file_a_command_is_refused_with_what_to_do() throws Exception {
        assertThat(jar("workspace", "create", "acme").status()).isZero();
        Result added = jar("member", "add", "acme", "alice", "--role", "admin");
        assertThat(added.stderr()).contains("alice is an admin of acme");
        try (ServeProcess serve = ServeProcess.start(dir, java.util.Map.of("CONNECTIONS_SCHEDULER", "off"))) {
            Result refused = jar("token", "create", "acme", "alice");
            assertThat(refused.status()).isEqualTo(1);
            assertThat(refused.stdout()).isEmpty();
            assertThat(refused.stderr()).contains("is in use by another process", "Stop that process", "PostgreSQL");
            Result mcp = jarWith(java.util.Map.of("CONNECTIONS_TOKEN", "cnx_not_checked_before_the_database_opens"),
                    "mcp-stdio");
            assertThat(mcp.status()).isEqualTo(1);
            assertThat(mcp.stdout()).as("stdout carries only MCP").isEmpty();
            assertThat(mcp.stderr()).contains("is in use by another process", "/mcp");
            serve.stop();
        }
        Result after = jar("token", "create", "acme", "alice");
        assertThat(after.status()).as("once serve has stopped: %s", after.stderr()).isZero();
    }

    @Test
    void the_launcher_runs_the_built_jar_with_the_readme_options_without_building_again() throws Exception {
        Path launcher = Path.of("..", "connections").toAbsolutePath().normalize();
        Process process = new ProcessBuilder(launcher.toString(), "--version").directory(dir.toFile())
                .redirectOutput(dir.resolve("launcher-out").toFile()).redirectError(dir.resolve("launcher-err").toFile())
                .start();
        assertThat(process.waitFor(60, TimeUnit.SECONDS)).isTrue();
        assertThat(process.exitValue()).isZero();
        assertThat(Files.readString(dir.resolve("launcher-out"))).contains("connections-app");
        assertThat(Files.readString(dir.resolve("launcher-err"))).as("the jar is newer than the sources: no build")
                .doesNotContain("building");
    }

    private record Result(int status, String stdout, String stderr, List<String> loaded, List<String> fromArchive) {
    }

    private Result jar(String... args) throws Exception {
        return jarWith(java.util.Map.of(), args);
    }

    private Result jarWith(java.util.Map<String, String> env, String... args) throws Exception {
        int n = ++runs;
        Path classes = dir.resolve("classes-" + n);
        Path out = dir.resolve("stdout-" + n);
        Path err = dir.resolve("stderr-" + n);
        List<String> command = JarCommand.java("-Xlog:class+load=info:file=" + classes);
        command.addAll(List.of(args));
        ProcessBuilder builder = new ProcessBuilder(command).directory(dir.toFile())
                .redirectOutput(out.toFile()).redirectError(err.toFile());
        builder.environment().keySet().removeIf(k -> k.startsWith("CONNECTIONS_"));
        builder.environment().putAll(env);
        Process process = builder.start();
        assertThat(process.waitFor(60, TimeUnit.SECONDS)).isTrue();
        List<String> lines = Files.readAllLines(classes).stream()
                .map(line -> line.replaceFirst("^\\[[^]]*]\\[[^]]*]\\[[^]]*] ", "")).toList();
        return new Result(process.exitValue(), Files.readString(out, StandardCharsets.UTF_8),
                Files.readString(err, StandardCharsets.UTF_8), lines.stream().map(line -> line.split(" ")[0]).toList(),
                lines.stream().filter(line -> line.endsWith("source: shared objects file (top)"))
                        .map(line -> line.split(" ")[0]).toList());
    }
}
