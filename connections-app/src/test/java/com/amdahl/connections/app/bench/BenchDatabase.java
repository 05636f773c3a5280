package com.amdahl.connections.app.bench;

import com.amdahl.connections.adapter.persistence.PersistenceSettings;
import com.amdahl.connections.domain.workspace.ConnectionId;
import com.amdahl.connections.domain.workspace.WorkspaceId;
import java.nio.file.Files;
import java.util.Map;

/**
 * The database a records benchmark runs on: an H2 file in a temp folder, or PostgreSQL with
 * {@code --pg URL USER [PASSWORD]}; and records seeded by SQL as the sink leaves them.
 */
record BenchDatabase(PersistenceSettings settings, String name, boolean postgres) {

    static BenchDatabase from(String[] args) throws Exception {
        if (args.length >= 1 && args[0].equals("--pg")) {
            return new BenchDatabase(new PersistenceSettings(args[1], args[2], args.length > 3 ? args[3] : "", 4,
                    Map.of("k", new byte[32]), "k"), "PostgreSQL", true);
        }
        var dir = Files.createTempDirectory("connections-records-bench");
        return new BenchDatabase(new PersistenceSettings("jdbc:h2:file:" + dir.resolve("bench"), null, null, 4,
                Map.of("k", new byte[32]), "k"), "H2 (file)", false);
    }

    /**
     * {@code n} records of stream {@code persons} with positions 1..n and the position row, as the
     * sink would leave them; {@code payloadSql} is a SQL expression of {@code x} (the record's number).
     */
    void seed(WorkspaceId ws, ConnectionId connection, int n, String payloadSql) {
        try (var handle = org.jdbi.v3.core.Jdbi.create(settings.jdbcUrl(), settings.user() == null ? "" : settings.user(),
                settings.password() == null ? "" : settings.password()).open()) {
            for (int from = 1; from <= n; from += 5_000) { // in chunks: one transaction per 5 MB
                int to = Math.min(n, from + 4_999);
                String rows = postgres ? "generate_series(" + from + ", " + to + ") AS g(x)"
                        : "SYSTEM_RANGE(" + from + ", " + to + ")";
                handle.execute("INSERT INTO synced_records (workspace_id, connection_id, stream, external_id, payload,"
                        + " synced_at, content_hash, first_seen_at, last_modified_at, last_action, change_seq)"
                        + " SELECT '" + ws.value() + "', '" + connection.value() + "', 'persons', CAST(x AS VARCHAR(20)), "
                        + payloadSql + ", CURRENT_TIMESTAMP, 'h', CURRENT_TIMESTAMP, CURRENT_TIMESTAMP, 'added', x FROM " + rows);
            }
            handle.execute("INSERT INTO record_positions (workspace_id, connection_id, last_seq) VALUES ('" + ws.value()
                    + "', '" + connection.value() + "', " + n + ")");
        }
    }
}
