package com.amdahl.connections.adapter.persistence;

import com.amdahl.connections.application.port.out.CadenceOverrides;
import com.amdahl.connections.domain.catalog.Cadence;
import java.util.Map;
import java.util.TreeMap;

/** The platform-wide cadence overrides in {@code cadence_overrides} (global, not per workspace). */
final class JdbiCadenceOverrides implements CadenceOverrides {
    private final Database db;

    JdbiCadenceOverrides(Database db) {
        this.db = db;
    }

    @Override
    public Map<String, Cadence> all() {
        return db.withHandle(handle -> {
            Map<String, Cadence> overrides = new TreeMap<>();
            handle.createQuery("SELECT connector_type, cadence FROM cadence_overrides")
                    .map((rs, ctx) -> Map.entry(rs.getString("connector_type"),
                            Rows.wire(Cadence.class, rs.getString("cadence"))))
                    .forEach(e -> overrides.put(e.getKey(), e.getValue()));
            return overrides;
        });
    }

    @Override
    public void set(String connectorType, Cadence cadence) {
        db.inOwnOrCurrentTransaction(handle -> {
            if (cadence == null) {
                return handle.createUpdate("DELETE FROM cadence_overrides WHERE connector_type = :type")
                        .bind("type", connectorType).execute();
            }
            int updated = handle.createUpdate("UPDATE cadence_overrides SET cadence = :cadence"
                            + " WHERE connector_type = :type")
                    .bind("type", connectorType).bind("cadence", cadence.wire()).execute();
            if (updated == 0) {
                handle.createUpdate("INSERT INTO cadence_overrides (connector_type, cadence) VALUES (:type, :cadence)")
                        .bind("type", connectorType).bind("cadence", cadence.wire()).execute();
            }
            return null;
        });
    }
}
