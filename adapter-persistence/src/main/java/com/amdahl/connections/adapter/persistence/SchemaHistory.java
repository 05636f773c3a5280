package com.amdahl.connections.adapter.persistence;

import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.HashSet;
import java.util.Set;
import javax.sql.DataSource;

/**
 * Whether a database's schema is exactly this build's, read from Flyway's history table in one
 * query. Starting Flyway costs about a second of class loading and classpath scanning before it
 * can say "nothing to do"; this answers that common case in milliseconds. It answers "current"
 * only when Flyway's migrate would neither apply nor refuse anything: every migration of this
 * build applied successfully with the checksum Flyway computed for its file, and nothing else
 * recorded. Any other history (fresh, behind, ahead, failed, repaired, edited) is left to Flyway.
 */
final class SchemaHistory {
    /**
     * This build's migrations as Flyway records them: version, script, checksum. A new or edited
     * file under {@code db/migration} must be listed here; {@code MigrationContract} fails until it is.
     */
    static final Set<Applied> EXPECTED = Set.of(
            new Applied("1", "V1__schema.sql", -327436176),
            new Applied("2", "V2__scheduler.sql", -358657600),
            new Applied("5", "V5__operations.sql", 420074874),
            new Applied("6", "V6__notifications.sql", 280373580),
            new Applied("7", "V7__encrypted_pkce_verifier.sql", -612172949),
            new Applied("8", "V8__synced_record_parent.sql", -492703738),
            new Applied("9", "V9__workspace_change_seq.sql", -703402954),
            new Applied("10", "V10__sample_connections.sql", -1119255717),
            new Applied("11", "V11__record_changes.sql", -584546840),
            new Applied("12", "V12__record_deletes.sql", 708814250),
            new Applied("13", "V13__record_retention_erasure.sql", -1703540665),
            new Applied("20", "V20__knowledge_sync.sql", 1131716115),
            new Applied("30", "V30__fair_dispatch.sql", -1144555837),
            new Applied("31", "V31__rate_budgets.sql", 120861399),
            new Applied("32", "V32__rate_limit_hold.sql", 2116708372));

    /** Flyway's own rows that carry no migration (the history table's and schema's creation). */
    private static final Set<String> MARKER_TYPES = Set.of("TABLE", "SCHEMA");

    record Applied(String version, String script, int checksum) {
    }

    private SchemaHistory() {
    }

    /** True when the schema is this build's; false when Flyway has to look (including no history table). */
    static boolean isCurrent(DataSource dataSource) {
        Set<Applied> applied = new HashSet<>();
        try (Connection connection = dataSource.getConnection(); Statement statement = connection.createStatement();
                ResultSet rows = statement.executeQuery("SELECT \"version\", \"script\", \"checksum\", \"success\", \"type\""
                        + " FROM \"flyway_schema_history\"")) {
            while (rows.next()) {
                String version = rows.getString(1);
                int checksum = rows.getInt(3);
                boolean noChecksum = rows.wasNull();
                if (!rows.getBoolean(4)) {
                    return false;
                }
                if (version == null) {
                    if (!MARKER_TYPES.contains(rows.getString(5))) {
                        return false;
                    }
                } else if (noChecksum || !applied.add(new Applied(version, rows.getString(2), checksum))) {
                    return false;
                }
            }
        } catch (SQLException noHistoryOrUnreadable) {
            return false;
        }
        return applied.equals(EXPECTED);
    }
}
