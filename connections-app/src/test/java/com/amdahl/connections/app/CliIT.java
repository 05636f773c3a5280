package com.amdahl.connections.app;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Base64;
import java.util.HashMap;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The CLI of CONTRACT section 8 against a temporary H2 database. */
class CliIT {
    @TempDir
    Path dir;

    private final PrintStream originalOut = System.out;
    private final PrintStream originalErr = System.err;
    private ByteArrayOutputStream out;
    private ByteArrayOutputStream err;

    @BeforeEach
    void useTempDatabase() {
        Map<String, String> env = new HashMap<>();
        env.put("CONNECTIONS_DB_URL", "jdbc:h2:file:" + dir.resolve("connections"));
        Main.environment = env;
    }

    @AfterEach
    void restore() {
        System.setOut(originalOut);
        System.setErr(originalErr);
        Main.environment = System.getenv();
    }

    private int run(String... args) {
        out = new ByteArrayOutputStream();
        err = new ByteArrayOutputStream();
        System.setOut(new PrintStream(out, true, StandardCharsets.UTF_8));
        System.setErr(new PrintStream(err, true, StandardCharsets.UTF_8));
        try {
            return Main.run(args);
        } finally {
            System.setOut(originalOut);
            System.setErr(originalErr);
        }
    }

    private String stdout() {
        return out.toString(StandardCharsets.UTF_8);
    }

    @Test
    void migrate_is_idempotent_and_generates_a_key_once_for_h2() throws Exception {
        assertThat(run("migrate")).isEqualTo(0);
        Path key = dir.resolve("secret.key");
        assertThat(key).exists();
        String first = Files.readString(key);
        assertThat(Base64.getDecoder().decode(first)).hasSize(32);
        assertThat(run("migrate")).isEqualTo(0);
        assertThat(Files.readString(key)).isEqualTo(first);
        assertThat(stdout()).isEmpty();
    }

    @Test
    void token_create_prints_the_token_alone_on_one_line() {
        assertThat(run("workspace", "create", "acme", "--name", "Acme")).isEqualTo(0);
        assertThat(run("member", "add", "acme", "alice", "--role", "admin")).isEqualTo(0);
        assertThat(run("token", "create", "acme", "alice")).isEqualTo(0);
        assertThat(stdout()).matches("cnx_[A-Za-z0-9_-]{43}\\R");
        assertThat(run("token", "create", "acme", "alice", "--read-only")).isEqualTo(0);
        assertThat(stdout()).matches("cnx_[A-Za-z0-9_-]{43}\\R");
        assertThat(run("token", "create-admin")).isEqualTo(0);
        assertThat(stdout()).matches("cnx_[A-Za-z0-9_-]{43}\\R");
    }

    @Test
    void mistakes_exit_non_zero_with_a_message_on_stderr() {
        assertThat(run("token", "create", "nowhere", "alice")).isEqualTo(1);
        assertThat(err.toString(StandardCharsets.UTF_8)).contains("No such workspace");
        assertThat(stdout()).isEmpty();
        assertThat(run("member", "add", "acme", "alice", "--role", "owner")).isEqualTo(1);
        assertThat(run("workspace", "create")).isEqualTo(2);
        assertThat(run()).isEqualTo(2);
    }

    @Test
    void an_unreachable_database_exits_1_with_a_clear_message_and_no_password() {
        Main.environment = new HashMap<>(Map.of("CONNECTIONS_DB_URL", "jdbc:postgresql://127.0.0.1:9/connections",
                "CONNECTIONS_DB_USER", "app", "CONNECTIONS_DB_PASSWORD", "hunter2-SECRET",
                "CONNECTIONS_SECRET_KEY", Base64.getEncoder().encodeToString(new byte[32])));
        assertThat(run("migrate")).isEqualTo(1);
        String message = err.toString(StandardCharsets.UTF_8);
        assertThat(message).contains("error: Cannot connect to the database at jdbc:postgresql://127.0.0.1:9/connections")
                .doesNotContain("hunter2-SECRET");
        Main.environment = new HashMap<>(Map.of("CONNECTIONS_DB_URL", "jdbc:postgresql://127.0.0.1:9/connections"));
        assertThat(run("migrate")).isEqualTo(1);
        assertThat(err.toString(StandardCharsets.UTF_8)).contains("CONNECTIONS_SECRET_KEY is required");
    }

    @Test
    void every_command_has_help() {
        for (String[] command : new String[][] {{"serve"}, {"migrate"}, {"workspace", "create"}, {"member", "add"},
                {"token", "create"}, {"token", "create-admin"}, {"secrets", "rotate"}}) {
            String[] args = java.util.Arrays.copyOf(command, command.length + 1);
            args[command.length] = "--help";
            assertThat(run(args)).as(String.join(" ", command)).isEqualTo(0);
            assertThat(stdout()).contains("Usage:");
        }
    }

    @Test
    void secrets_rotate_re_encrypts_with_the_new_key() throws Exception {
        String oldKey = Base64.getEncoder().encodeToString(new byte[32]);
        byte[] fresh = new byte[32];
        fresh[0] = 7;
        String newKey = Base64.getEncoder().encodeToString(fresh);
        Main.environment = new HashMap<>(Main.environment);
        Main.environment.put("CONNECTIONS_SECRET_KEY", oldKey);
        assertThat(run("migrate")).isEqualTo(0);
        assertThat(run("secrets", "rotate", "--old-key", oldKey, "--new-key", newKey)).isEqualTo(0);
        assertThat(err.toString(StandardCharsets.UTF_8)).contains("re-encrypted 0 credential(s)");
        assertThat(run("secrets", "rotate", "--old-key", oldKey, "--new-key", "short")).isEqualTo(1);
        assertThat(err.toString(StandardCharsets.UTF_8)).doesNotContain(oldKey);
    }
}
