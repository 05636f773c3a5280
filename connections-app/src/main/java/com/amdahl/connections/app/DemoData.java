package com.amdahl.connections.app;

import com.amdahl.connections.application.port.out.Credentials;
import com.amdahl.connections.domain.catalog.Catalog;
import com.amdahl.connections.domain.catalog.Connector;
import com.amdahl.connections.domain.connection.AccountIdentity;
import com.amdahl.connections.domain.connection.Connection;
import com.amdahl.connections.domain.connection.Profile;
import com.amdahl.connections.domain.connection.RunStep;
import com.amdahl.connections.domain.connection.SocialProfile;
import com.amdahl.connections.domain.sync.ErrorReason;
import com.amdahl.connections.domain.sync.RunId;
import com.amdahl.connections.domain.sync.RunResult;
import com.amdahl.connections.domain.sync.StreamOutcome;
import com.amdahl.connections.domain.workspace.ConnectionId;
import com.amdahl.connections.domain.workspace.Role;
import com.amdahl.connections.domain.workspace.UserId;
import com.amdahl.connections.domain.workspace.WorkspaceId;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.function.Function;

/**
 * {@code serve --demo}: a workspace {@code demo} with an admin and a member, and (the first time
 * only) a few connections with realistic run history, varied health and, for Pipedrive and HubSpot,
 * a handful of synced records ({@link DemoRecords}). Every demo connection's name ends in "(demo)"
 * and its account label starts with "Demo"; no provider is ever called.
 */
final class DemoData {
    static final String WORKSPACE = "demo";
    static final String ADMIN = "demo-admin";
    static final String MEMBER = "demo-member";

    private DemoData() {
    }

    static void seed(ConnectionsRuntime runtime, String baseUrl) {
        var admin = runtime.app.administration();
        boolean created = admin.createWorkspace(WORKSPACE, "Demo workspace");
        admin.addMember(WORKSPACE, ADMIN, Role.ADMIN);
        admin.addMember(WORKSPACE, MEMBER, Role.MEMBER);
        if (created) {
            runtime.persistence.unitOfWork().run(() -> seedConnections(runtime, Instant.now()));
        }
        DemoKnowledge.seed(runtime.config.knowledgeDir(), WORKSPACE);
        String token = admin.createToken(WORKSPACE, ADMIN, false);
        Notices.say("Demo workspace '" + WORKSPACE + "' " + (created ? "created with sample connections" : "already seeded")
                + ". Admin token (shown once):");
        System.out.println(token);
        Notices.say("Console: " + baseUrl + "/console   API: " + baseUrl + "/api/platform/v1/connections");
    }

    private static void seedConnections(ConnectionsRuntime runtime, Instant now) {
        Catalog catalog = runtime.catalog;
        WorkspaceId workspace = new WorkspaceId(WORKSPACE);
        UserId admin = new UserId(ADMIN);
        List<Seeded> seeded = new ArrayList<>();
        // Pipedrive: healthy, hourly syncs for the last day.
        seeded.add(history(open(catalog.require("pipedrive"), workspace, admin, now.minus(Duration.ofDays(12)),
                new AccountIdentity("demo-4211", "Demo Co (Pipedrive)"), null), now, 6, Duration.ofHours(1),
                i -> RunResult.of(List.of(StreamOutcome.succeeded("persons", 40 + i), StreamOutcome.succeeded("deals", 12),
                        StreamOutcome.succeeded("organizations", 8), StreamOutcome.succeeded("activities", 30)))));
        // HubSpot: degraded, one stream failing.
        seeded.add(history(authorized(catalog.require("hubspot"), workspace, admin, now.minus(Duration.ofDays(30)),
                new AccountIdentity("demo-hub-881", "demo.hubspot.com")), now, 4, Duration.ofHours(1),
                i -> RunResult.of(List.of(StreamOutcome.succeeded("contacts", 120), StreamOutcome.succeeded("companies", 14),
                        StreamOutcome.failed("deals", 0, ErrorReason.TRANSIENT, "HubSpot answered HTTP 502"),
                        StreamOutcome.succeeded("owners", 3), StreamOutcome.succeeded("tasks", 9)))));
        // Slack: rate limited on its last run.
        seeded.add(history(authorized(catalog.require("slack"), workspace, admin, now.minus(Duration.ofDays(3)),
                new AccountIdentity("T0DEMO", "Demo Slack")), now, 3, Duration.ofMinutes(10),
                i -> i < 2 ? RunResult.of(List.of(StreamOutcome.succeeded("messages", 300)))
                        : RunResult.failedOutright(ErrorReason.RATE_LIMIT, "Slack answered HTTP 429 (ratelimited)")));
        // Gmail (personal, the member's): needs re-authorization.
        seeded.add(history(authorized(catalog.require("gmail"), workspace, new UserId(MEMBER), now.minus(Duration.ofDays(9)),
                new AccountIdentity("demo-member@demo.example", "demo-member@demo.example")), now, 2, Duration.ofHours(2),
                i -> i == 0 ? RunResult.of(List.of(StreamOutcome.succeeded("messages", 210)))
                        : RunResult.failedOutright(ErrorReason.AUTH, "Google rejected the refresh token (invalid_grant)")));
        // Fathom: stale, last synced three days ago.
        seeded.add(history(open(catalog.require("fathom"), workspace, admin, now.minus(Duration.ofDays(20)),
                new AccountIdentity("demo-team", "Demo Team (Fathom)"), null), now.minus(Duration.ofDays(3)), 2,
                Duration.ofHours(1), i -> RunResult.of(List.of(StreamOutcome.succeeded("meetings", 5)))));
        // X: a tracked account, never synced yet.
        Connector twitter = catalog.require("twitter");
        seeded.add(new Seeded(open(twitter, workspace, admin, now.minus(Duration.ofMinutes(20)),
                new AccountIdentity("demo-1234567890", "@demo"),
                new SocialProfile("demo-1234567890", "demo", "Demo (demo data)", null)), List.of()));
        for (Seeded s : seeded) {
            // marked as demo data once its history is built: the scheduler never dispatches it and
            // sync, test and reconnect refuse it, so its made-up credentials never reach a provider
            Connection initial = s.initial();
            Connection stored = Connection.restore(initial.id(), initial.workspaceId(), initial.connectorType(),
                    initial.createdAt(), initial.connectedByUserId(), initial.profile().asSample(), initial.lifecycle(),
                    initial.sync(), initial.version());
            runtime.persistence.connections().insert(stored);
            for (RunStep step : s.steps()) {
                runtime.persistence.runs().insert(step.run()); // each step holds its run as it finished
            }
            if (!s.steps().isEmpty()) {
                Connection last = s.steps().get(s.steps().size() - 1).connection();
                stored = runtime.persistence.connections().update(Connection.restore(last.id(), last.workspaceId(),
                        last.connectorType(), last.createdAt(), last.connectedByUserId(), last.profile().asSample(),
                        last.lifecycle(), last.sync(), stored.version()));
            }
            if (!"twitter".equals(stored.connectorType())) {
                runtime.persistence.credentials().store(workspace, stored.id(), Credentials.apiKey("demo-not-a-real-key"));
            }
            DemoRecords.write(runtime.persistence.recordSink(), workspace, stored.id(), stored.connectorType());
        }
    }

    private record Seeded(Connection initial, List<RunStep> steps) {
    }

    private static Connection open(Connector connector, WorkspaceId workspace, UserId by, Instant at,
            AccountIdentity account, SocialProfile social) {
        // A tracked account is named after itself, as a real handle connect names it.
        String name = social != null ? social.displayName() : connector.name() + " (demo)";
        Profile profile = new Profile(name, connector.defaultScope(),
                connector.isPersonal() ? by : null, account, social);
        return Connection.open(new ConnectionId(UUID.randomUUID().toString()), workspace, connector, profile, by, at);
    }

    private static Connection authorized(Connector connector, WorkspaceId workspace, UserId by, Instant at,
            AccountIdentity account) {
        return open(connector, workspace, by, at, null, null).completeAuthorization(account, by, at.plusSeconds(30));
    }

    /** {@code runs} runs ending at {@code end}, {@code every} apart, each dispatched, started and finished. */
    private static Seeded history(Connection connection, Instant end, int runs, Duration every,
            Function<Integer, RunResult> result) {
        List<RunStep> steps = new ArrayList<>();
        Connection current = connection;
        for (int i = 0; i < runs; i++) {
            Instant start = end.minus(every.multipliedBy(runs - 1 - i)).minusSeconds(90);
            RunStep dispatched = current.dispatchRun(new RunId(UUID.randomUUID().toString()), current.scheduledTrigger(), start);
            RunStep begun = dispatched.connection().beginRun(dispatched.run(), start.plusSeconds(2));
            RunStep finished = begun.connection().finishRun(begun.run(), result.apply(i), start.plusSeconds(40 + i));
            steps.add(finished);
            current = finished.connection();
        }
        return new Seeded(connection, steps);
    }
}
