package com.amdahl.connections.application.service;

import com.amdahl.connections.application.Permissions;
import com.amdahl.connections.application.Principal;
import com.amdahl.connections.application.TokenScope;
import com.amdahl.connections.application.port.in.Body;
import com.amdahl.connections.application.port.in.ManageRecords;
import com.amdahl.connections.application.port.out.RecordPurges;
import com.amdahl.connections.application.port.out.RecordPurges.Erased;
import com.amdahl.connections.application.view.Document;
import com.amdahl.connections.domain.ConnectionsException;
import com.amdahl.connections.domain.ErrorCode;
import com.amdahl.connections.domain.connection.Connection;
import com.amdahl.connections.domain.connection.ConnectionEventType;
import com.amdahl.connections.domain.sync.DataSubject;
import com.amdahl.connections.domain.workspace.ConnectionId;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * An admin's purge of one connection's records and erasure of a data subject across the
 * workspace, each written to the audit trail. The subject's address is never echoed, logged or
 * stored: answers and events name it by the first characters of its SHA-256.
 */
final class RecordAdministrationService implements ManageRecords {
    private final ConnectionStore store;
    private final RecordPurges purges; // null: the embedder keeps records elsewhere

    RecordAdministrationService(ConnectionStore store, RecordPurges purges) {
        this.store = store;
        this.purges = purges;
    }

    @Override
    public Document purge(Principal principal, String connectionId) {
        Permissions.requireScope(principal, TokenScope.CONNECTIONS_WRITE);
        ConnectionId id = ConnectionStore.parseId(connectionId);
        Connection connection = store.requireVisible(principal, id);
        Permissions.requireMayRemoveRecords(principal);
        long purged = purges().purgeConnection(principal.workspaceId(), id);
        Instant now = store.now();
        store.transact(() -> {
            store.append(connection, ConnectionEventType.RECORDS_PURGED, principal.userId(), Map.of("records", purged), now);
            return null;
        });
        return Document.ofJson(Map.of("purged", purged));
    }

    @Override
    public Document erase(Principal principal, Body<String> body) {
        Permissions.requireScope(principal, TokenScope.CONNECTIONS_WRITE);
        Permissions.requireMayRemoveRecords(principal);
        DataSubject subject = DataSubject.parse(body.read()).orElseThrow(() -> Validation.failure("subject",
                "must be one e-mail address"));
        List<Erased> erased = purges().erase(principal.workspaceId(), subject, store.now());
        Map<ConnectionId, List<Erased>> byConnection = new LinkedHashMap<>();
        erased.forEach(e -> byConnection.computeIfAbsent(e.connectionId(), c -> new ArrayList<>()).add(e));
        String reference = subject.sha256().substring(0, 12);
        List<Map<String, Object>> connections = new ArrayList<>();
        long total = 0;
        for (Map.Entry<ConnectionId, List<Erased>> entry : byConnection.entrySet()) {
            Map<String, Long> streams = new LinkedHashMap<>();
            entry.getValue().forEach(e -> streams.put(e.stream(), e.records()));
            long records = streams.values().stream().mapToLong(Long::longValue).sum();
            total += records;
            Map<String, Object> details = new LinkedHashMap<>();
            details.put("subject_ref", reference);
            details.put("records", records);
            store.transact(() -> {
                store.connections.find(principal.workspaceId(), entry.getKey()).ifPresent(connection ->
                        store.append(connection, ConnectionEventType.RECORDS_ERASED, principal.userId(), details, store.now()));
                return null;
            });
            Map<String, Object> json = new LinkedHashMap<>();
            json.put("connection_id", entry.getKey().value());
            json.put("streams", entry.getValue().stream().map(e -> {
                Map<String, Object> stream = new LinkedHashMap<>();
                stream.put("stream", e.stream());
                stream.put("records", e.records());
                return stream;
            }).toList());
            connections.add(json);
        }
        Map<String, Object> answer = new LinkedHashMap<>();
        answer.put("subject_ref", reference);
        answer.put("records", total);
        answer.put("connections", connections);
        answer.put("suppressed", true);
        return Document.ofJson(answer);
    }

    private RecordPurges purges() {
        if (purges == null) {
            throw new ConnectionsException(ErrorCode.CONFLICT,
                    "This deployment keeps no records to remove: its record sink is the embedder's own");
        }
        return purges;
    }
}
