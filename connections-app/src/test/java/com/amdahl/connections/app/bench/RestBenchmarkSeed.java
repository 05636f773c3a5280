package com.amdahl.connections.app.bench;

import com.amdahl.connections.adapter.persistence.PersistenceAdapter;
import com.amdahl.connections.adapter.persistence.PersistenceSettings;
import com.amdahl.connections.adapter.providers.ConnectorRegistry;
import com.amdahl.connections.domain.catalog.Catalog;
import com.amdahl.connections.domain.catalog.Scope;
import com.amdahl.connections.domain.connection.AccountIdentity;
import com.amdahl.connections.domain.connection.Connection;
import com.amdahl.connections.domain.connection.Profile;
import com.amdahl.connections.domain.connection.RunStep;
import com.amdahl.connections.domain.sync.RunId;
import com.amdahl.connections.domain.sync.RunResult;
import com.amdahl.connections.domain.sync.StreamOutcome;
import com.amdahl.connections.domain.sync.TriggeredBy;
import com.amdahl.connections.domain.workspace.ConnectionId;
import com.amdahl.connections.domain.workspace.Member;
import com.amdahl.connections.domain.workspace.Role;
import com.amdahl.connections.domain.workspace.UserId;
import com.amdahl.connections.domain.workspace.Workspace;
import com.amdahl.connections.domain.workspace.WorkspaceId;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.UUID;

/**
 * Seeds the REST load benchmark (bench/rest.sh): workspace {@code bench} with admin {@code admin}
 * and 1,000 connections, each with a finished run. Prints the id of one connection.
 * Arguments: the JDBC URL and the base64 secret key the server will use.
 */
public final class RestBenchmarkSeed {
    public static void main(String[] args) {
        byte[] key = java.util.Base64.getDecoder().decode(args[1]);
        try (PersistenceAdapter db = PersistenceAdapter.open(new PersistenceSettings(args[0], null, null, 4,
                Map.of("seed", key), "seed"))) {
            WorkspaceId ws = new WorkspaceId("bench");
            db.workspaces().createWorkspace(new Workspace(ws, "Bench", Instant.now()));
            db.workspaces().saveMember(new Member(ws, new UserId("admin"), Role.ADMIN));
            var pipedrive = ConnectorRegistry.launch().catalog().require("pipedrive");
            Instant t = Instant.now().minus(Duration.ofHours(2));
            String[] last = new String[1];
            db.unitOfWork().run(() -> {
                for (int i = 0; i < 1000; i++) {
                    Connection c = Connection.open(new ConnectionId(UUID.randomUUID().toString()), ws, pipedrive,
                            new Profile("Pipedrive " + i, Scope.BUSINESS, null, new AccountIdentity("7", "Acme"), null),
                            new UserId("admin"), t.plusSeconds(i));
                    db.connections().insert(c);
                    RunStep d = c.dispatchRun(new RunId(UUID.randomUUID().toString()), TriggeredBy.SCHEDULE, t.plusSeconds(i + 5));
                    db.runs().insert(d.run());
                    RunStep b = d.connection().beginRun(d.run(), t.plusSeconds(i + 5));
                    RunStep f = b.connection().finishRun(b.run(), RunResult.of(List.of(StreamOutcome.succeeded("deals", 12),
                            StreamOutcome.succeeded("persons", 40))), t.plusSeconds(i + 9));
                    db.runs().update(f.run());
                    db.connections().update(f.connection());
                    last[0] = c.id().value();
                }
            });
            System.out.println(last[0]);
        }
    }
}
