package com.amdahl.connections.adapter.persistence;

import java.util.Map;
import java.util.UUID;

/**
 * A fresh PostgreSQL schema for tests of other modules: the server of {@code CONNECTIONS_TEST_PG_URL}
 * when set, else an embedded one. Skips the test when neither is available, unless
 * {@code CONNECTIONS_TEST_REQUIRE_PG=true} (CI), where it fails.
 */
public final class PostgresTestDatabase {
    private PostgresTestDatabase() {
    }

    /** Where a test's schema lives. */
    public record Database(String url, String user, String password) {
    }

    public static Database freshSchema(String prefix) {
        String schema = prefix + "_" + UUID.randomUUID().toString().replace("-", "").substring(0, 12);
        PersistenceSettings settings = Backend.Postgres.freshSchema(schema, Map.of("k", Backend.KEY_A), "k");
        return new Database(settings.jdbcUrl(), settings.user(), settings.password());
    }
}
