package com.amdahl.connections.adapter.persistence;

import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.Assumptions;

/**
 * The databases every contract runs against. PostgreSQL is the one named by
 * {@code CONNECTIONS_TEST_PG_URL} (+ {@code _USER}, {@code _PASSWORD}) or else an embedded one;
 * each test class gets a schema of its own. With {@code CONNECTIONS_TEST_REQUIRE_PG=true} an
 * unreachable PostgreSQL fails the tests instead of skipping them.
 */
enum Backend {
    H2_MEMORY, H2_FILE, POSTGRES;

    static final byte[] KEY_A = key(1);
    static final byte[] KEY_B = key(2);

    static byte[] key(int seed) {
        byte[] key = new byte[32];
        for (int i = 0; i < key.length; i++) {
            key[i] = (byte) (seed * 31 + i);
        }
        return key;
    }

    /** Settings for a fresh, empty database (or schema) of this backend. */
    PersistenceSettings freshSettings() {
        return freshSettings(Map.of("k1", KEY_A), "k1");
    }

    PersistenceSettings freshSettings(Map<String, byte[]> keys, String current) {
        String name = "t" + UUID.randomUUID().toString().replace("-", "").substring(0, 16);
        return switch (this) {
            case H2_MEMORY -> new PersistenceSettings("jdbc:h2:mem:" + name + ";DB_CLOSE_DELAY=-1", "sa", "", 4,
                    keys, current);
            case H2_FILE -> new PersistenceSettings("jdbc:h2:file:" + tempDir().resolve(name) + ";AUTO_SERVER=TRUE",
                    "sa", "", 4, keys, current);
            case POSTGRES -> Postgres.freshSchema(name, keys, current);
        };
    }

    /** The same database as {@code settings}, other keys. */
    static PersistenceSettings withKeys(PersistenceSettings settings, Map<String, byte[]> keys, String current) {
        return new PersistenceSettings(settings.jdbcUrl(), settings.user(), settings.password(),
                settings.maxPoolSize(), keys, current);
    }

    private static Path tempDir;

    private static synchronized Path tempDir() {
        if (tempDir == null) {
            try {
                tempDir = Files.createTempDirectory("connections-h2-");
                Path created = tempDir;
                Runtime.getRuntime().addShutdownHook(new Thread(() -> deleteRecursively(created)));
            } catch (IOException e) {
                throw new IllegalStateException(e);
            }
        }
        return tempDir;
    }

    private static void deleteRecursively(Path root) {
        try (var paths = Files.walk(root)) {
            paths.sorted(java.util.Comparator.reverseOrder()).forEach(path -> path.toFile().delete());
        } catch (IOException ignored) {
            // best effort: it is a temp directory
        }
    }

    /** PostgreSQL from the environment, or one embedded PostgreSQL shared by the whole test JVM. */
    static final class Postgres {
        private static String url;
        private static String user;
        private static String password;
        private static RuntimeException failure;

        private Postgres() {
        }

        static boolean required() {
            return "true".equalsIgnoreCase(System.getenv("CONNECTIONS_TEST_REQUIRE_PG"));
        }

        static synchronized PersistenceSettings freshSchema(String schema, Map<String, byte[]> keys, String current) {
            ensureStarted();
            try (var connection = DriverManager.getConnection(url, user, password);
                    var statement = connection.createStatement()) {
                statement.execute("CREATE SCHEMA " + schema);
            } catch (SQLException e) {
                return unreachable(new IllegalStateException("PostgreSQL unreachable: " + e.getMessage(), e));
            }
            String separator = url.contains("?") ? "&" : "?";
            return new PersistenceSettings(url + separator + "currentSchema=" + schema, user, password, 4, keys,
                    current);
        }

        private static void ensureStarted() {
            if (url != null) {
                return;
            }
            if (failure != null) {
                unreachable(failure);
            }
            String fromEnv = System.getenv("CONNECTIONS_TEST_PG_URL");
            if (fromEnv != null && !fromEnv.isBlank()) {
                url = fromEnv;
                user = System.getenv().getOrDefault("CONNECTIONS_TEST_PG_USER", "postgres");
                password = System.getenv().getOrDefault("CONNECTIONS_TEST_PG_PASSWORD", "");
                return;
            }
            try {
                EmbeddedPostgres embedded = EmbeddedPostgres.builder().start();
                Runtime.getRuntime().addShutdownHook(new Thread(() -> {
                    try {
                        embedded.close();
                    } catch (IOException ignored) {
                        // the JVM is going away
                    }
                }));
                url = "jdbc:postgresql://localhost:" + embedded.getPort() + "/postgres";
                user = "postgres";
                password = "";
            } catch (IOException | RuntimeException e) {
                failure = new IllegalStateException("embedded PostgreSQL did not start: " + e.getMessage(), e);
                unreachable(failure);
            }
        }

        private static <T> T unreachable(RuntimeException e) {
            if (required()) {
                throw e;
            }
            Assumptions.abort("PostgreSQL not available (" + e.getMessage() + ")");
            return null;
        }
    }
}
