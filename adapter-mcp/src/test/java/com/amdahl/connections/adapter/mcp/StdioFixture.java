package com.amdahl.connections.adapter.mcp;

import com.amdahl.connections.application.Principal;
import com.amdahl.connections.application.port.in.ConnectCommand;
import com.amdahl.connections.application.testing.InMemoryPorts;

/**
 * A stdio MCP server over in-memory ports, as a process the clients spawn: workspace acme with a
 * Pipedrive connection, and globex with one the caller must never see (its id is in
 * {@code GLOBEX_ID}, so a client can ask for it). Serves a read-only token's principal of acme.
 */
public final class StdioFixture {
    public static final String GLOBEX_ID = "globex-connection-id";

    private StdioFixture() {
    }

    public static void main(String[] args) {
        InMemoryPorts ports = new InMemoryPorts();
        Principal alice = ports.admin("acme", "alice");
        Principal mallory = ports.admin("globex", "mallory");
        String acme = ports.app.connect().connect(alice, new ConnectCommand("pipedrive", "Acme Pipedrive", null, null,
                "key-1", null, null, null, null)).connection().connection().id().value();
        String globex = ports.app.connect().connect(mallory, new ConnectCommand("pipedrive", "Globex", null, null,
                "key-2", null, null, null, null)).connection().connection().id().value();
        System.err.println(GLOBEX_ID + "=" + globex);
        String idFile = System.getenv("FIXTURE_FOREIGN_ID_FILE");
        if (idFile != null) {
            try {
                java.nio.file.Files.writeString(java.nio.file.Path.of(idFile), globex);
            } catch (java.io.IOException e) {
                throw new java.io.UncheckedIOException(e);
            }
        }
        if (System.getenv("FIXTURE_CHURN") != null) {
            churn(ports, alice, acme);
        }
        McpAdapter.runStdio(ports.app, InMemoryPorts.readOnly(alice));
    }

    /** Starts and settles a run of {@code id} by turns, once a second, so that its status keeps changing. */
    private static void churn(InMemoryPorts ports, Principal alice, String id) {
        Thread churn = new Thread(() -> {
            try {
                while (true) {
                    Thread.sleep(1000);
                    var run = ports.app.manage().requestSync(alice, new com.amdahl.connections.domain.workspace.ConnectionId(id));
                    ports.app.syncRuns().begin(alice.workspaceId(), run.id());
                    Thread.sleep(1000);
                    ports.app.syncRuns().finish(alice.workspaceId(), run.id(), com.amdahl.connections.domain.sync.RunResult
                            .of(java.util.List.of(com.amdahl.connections.domain.sync.StreamOutcome.succeeded("deals", 1))));
                }
            } catch (InterruptedException | RuntimeException stop) {
                // the fixture ends with the process
            }
        }, "fixture-churn");
        churn.setDaemon(true);
        churn.start();
    }
}
