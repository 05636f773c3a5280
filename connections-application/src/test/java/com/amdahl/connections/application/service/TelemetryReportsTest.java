package com.amdahl.connections.application.service;

import static com.amdahl.connections.application.service.ConnectFlowsTest.apiKey;
import static org.assertj.core.api.Assertions.assertThat;

import com.amdahl.connections.application.ConnectionsApplication;
import com.amdahl.connections.application.Principal;
import com.amdahl.connections.application.port.in.ConnectCommand;
import com.amdahl.connections.application.port.out.Telemetry;
import com.amdahl.connections.application.testing.InMemoryPorts;
import com.amdahl.connections.domain.ErrorCode;
import com.amdahl.connections.domain.sync.ErrorReason;
import com.amdahl.connections.domain.workspace.ConnectionId;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/** What the application reports through its Telemetry port: each fact once, with bounded labels only. */
class TelemetryReportsTest {
    private final List<String> reports = new ArrayList<>();
    private final InMemoryPorts ports = new InMemoryPorts();
    private final ConnectionsApplication app = ports.builder().telemetry(new Telemetry() {
        @Override
        public void runFinished(String connectorType, String status, String errorReason, Duration duration,
                long recordsWritten) {
            reports.add("run " + connectorType + " " + status + " " + errorReason + " " + recordsWritten);
        }

        @Override
        public void tokenRefresh(String connectorType, String outcome) {
            reports.add("refresh " + connectorType + " " + outcome);
        }

        @Override
        public void credentialTest(String connectorType, String outcome) {
            reports.add("test " + connectorType + " " + outcome);
        }
    }).build();
    private final Principal admin = ports.admin("acme", "alice");

    @Test
    void a_finished_run_is_reported_once_with_its_outcome() {
        app.connect().connect(admin, apiKey("pipedrive", "good"));
        var dispatched = app.syncEngine().dispatchDue(10);
        app.syncEngine().execute(dispatched.get(0));
        assertThat(reports).containsExactly("run pipedrive completed null 6");

        ports.puller.failures.put("alpha", ErrorReason.RATE_LIMIT);
        ports.puller.failures.put("beta", ErrorReason.RATE_LIMIT);
        ports.clock.advance(Duration.ofHours(2));
        app.syncEngine().execute(app.syncEngine().dispatchDue(10).get(0));
        assertThat(reports).containsExactly("run pipedrive completed null 6", "run pipedrive failed rate_limit 0");
    }

    @Test
    void refreshes_and_credential_tests_are_reported_by_outcome() {
        var outcome = app.connect().connect(admin, new ConnectCommand("gmail", null, null, null, null, null, null, null, null));
        app.oauthCallback().complete(OAuthCallbackTest.query(outcome.authorizeUrl()).get("state"), "code9", null);
        ConnectionId id = outcome.connection().connection().id();

        ports.providers.refusedNow.put("access-code9", ErrorCode.INVALID_CREDENTIALS);
        app.testCredentials().test(admin, id);
        ports.providers.refusedNow.put("access-refreshed-1", ErrorCode.INVALID_CREDENTIALS);
        ports.providers.refreshRefusal = ErrorCode.INVALID_CREDENTIALS;
        app.testCredentials().test(admin, id);
        assertThat(reports).containsExactly("refresh gmail ok", "test gmail ok", "refresh gmail rejected",
                "test gmail rejected");
    }
}
