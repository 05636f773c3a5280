package com.amdahl.connections.adapter.providers;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.any;
import static com.github.tomakehurst.wiremock.client.WireMock.anyUrl;
import static com.github.tomakehurst.wiremock.client.WireMock.okJson;
import static org.assertj.core.api.Assertions.assertThat;

import com.amdahl.connections.domain.workspace.ConnectionId;
import com.amdahl.connections.domain.catalog.Catalog;
import com.amdahl.connections.domain.connection.ConnectionStatus;
import com.amdahl.connections.domain.health.Health;
import com.amdahl.connections.domain.sync.ErrorReason;
import com.amdahl.connections.domain.sync.SyncRun;
import com.amdahl.connections.domain.sync.SyncRunStatus;
import com.amdahl.connections.domain.workspace.ConnectionId;
import com.github.tomakehurst.wiremock.client.MappingBuilder;
import com.github.tomakehurst.wiremock.client.ResponseDefinitionBuilder;
import com.github.tomakehurst.wiremock.matching.UrlPattern;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * What every live connector must do in a whole sync run, against stubs in its provider's documented
 * shapes: pull every page of every catalog stream, upsert on a second pass, and turn a failing
 * stream, a rate limit, a revoked credential and a malformed body into the right run and health.
 * A connector's test supplies how to connect, its stubs and where each stream's requests go; its
 * incremental behaviour it tests itself.
 */
public abstract class ConnectorSyncContract extends WireMockSupport {
    protected ConnectorRunHarness harness;

    /** The catalog type under test. */
    protected abstract String type();

    /** The {@code CONNECTIONS_*} environment pointing the connector at {@link #base()} (OAuth connectors add their app). */
    protected Map<String, String> env() {
        return Map.of("CONNECTIONS_" + type().toUpperCase(java.util.Locale.ROOT) + "_API_BASE_URL", base());
    }

    /** Connects (stubbing what the connect needs: key check, token exchange, identity). */
    protected abstract ConnectionId connect();

    /** Stubs two or more pages of every stream; returns the external ids served per stream. */
    protected abstract Map<String, Set<String>> stubEveryStream();

    /** The URLs of a stream's requests (a child stream: the child requests). */
    protected abstract UrlPattern requestsOf(String stream);

    /** A stub matching a stream's requests; override when the URL alone does not tell streams apart (GraphQL). */
    protected MappingBuilder requestsTo(String stream) {
        return any(requestsOf(stream));
    }

    /** The answer of a credential the provider no longer accepts. */
    protected ResponseDefinitionBuilder revoked() {
        return aResponse().withStatus(401).withHeader("Content-Type", "application/json").withBody("{\"message\":\"unauthorized\"}");
    }

    /** The answer to every request once the rate limit is used up (longer than a run waits). */
    protected ResponseDefinitionBuilder rateLimited() {
        return aResponse().withStatus(429).withHeader("Retry-After", "3600").withBody("{\"message\":\"Too many requests\"}");
    }

    /** What the run stores for an auth failure: the connection is in error and needs a person to re-authorize. */
    protected void assertRevoked(ConnectionId id) {
        assertThat(harness.view(id).connection().status()).isEqualTo(ConnectionStatus.ERROR);
        assertThat(harness.view(id).health().health()).isEqualTo(Health.NEEDS_REAUTH);
    }

    /** The stream the failure tests break: one no other stream depends on. */
    protected String failingStream() {
        return catalogStreams().get(catalogStreams().size() - 1);
    }

    /** The stream the malformed-body test breaks: one no other stream depends on, not {@link #failingStream()}'s neighbour. */
    protected String malformedStream() {
        return catalogStreams().get(0);
    }

    protected List<String> catalogStreams() {
        return ConnectorRegistry.launch().catalog().require(type()).streams();
    }

    @BeforeEach
    void connectorHarness() {
        harness = new ConnectorRunHarness(testSettings(env()));
    }

    @Test
    void a_first_run_pulls_every_page_of_every_stream_and_a_second_full_pass_only_upserts() {
        ConnectionId id = connect();
        Map<String, Set<String>> served = stubEveryStream();
        assertThat(served.keySet()).containsExactlyInAnyOrderElementsOf(catalogStreams());
        long total = served.values().stream().mapToLong(Set::size).sum();

        SyncRun first = harness.run();
        assertThat(first.status()).isEqualTo(SyncRunStatus.COMPLETED);
        assertThat(first.errorMessage()).isNull();
        assertThat(first.streamsTotal()).isEqualTo(catalogStreams().size());
        assertThat(first.recordsWritten()).isEqualTo(total);
        for (String stream : catalogStreams()) {
            assertThat(harness.records(id, stream).keySet()).as(stream).containsExactlyInAnyOrderElementsOf(served.get(stream));
        }
        assertThat(harness.view(id).health().health()).isEqualTo(Health.HEALTHY);

        harness.forgetCursors();
        SyncRun again = harness.run();
        assertThat(again.recordsWritten()).isEqualTo(total);
        for (String stream : catalogStreams()) {
            assertThat(harness.records(id, stream)).as(stream).hasSameSizeAs(served.get(stream));
        }
    }

    @Test
    void one_stream_failing_after_retries_completes_the_run_degraded() {
        ConnectionId id = connect();
        stubEveryStream();
        String failing = failingStream();
        wm.stubFor(requestsTo(failing).atPriority(1).willReturn(aResponse().withStatus(503)));
        SyncRun run = harness.run();
        assertThat(run.status()).isEqualTo(SyncRunStatus.COMPLETED);
        assertThat(run.streamsFailed()).isEqualTo(1);
        assertThat(run.errorMessage()).contains(failing + ": ");
        assertThat(harness.view(id).health().health()).isEqualTo(Health.DEGRADED);
    }

    @Test
    void a_rate_limit_on_every_call_is_rate_limited() {
        ConnectionId id = connect();
        wm.stubFor(any(anyUrl()).atPriority(1).willReturn(rateLimited()));
        SyncRun run = harness.run();
        assertThat(run.errorReason()).isEqualTo(ErrorReason.RATE_LIMIT);
        assertThat(harness.view(id).health().health()).isEqualTo(Health.RATE_LIMITED);
    }

    @Test
    void a_revoked_credential_fails_the_run_with_auth() {
        ConnectionId id = connect();
        wm.stubFor(any(anyUrl()).atPriority(2).willReturn(revoked()));
        SyncRun run = harness.run();
        assertThat(run.status()).isEqualTo(SyncRunStatus.FAILED);
        assertThat(run.errorReason()).isEqualTo(ErrorReason.AUTH);
        assertRevoked(id);
    }

    @Test
    void a_malformed_body_fails_that_stream_unknown_and_the_others_go_on() {
        ConnectionId id = connect();
        Map<String, Set<String>> served = stubEveryStream();
        String broken = malformedStream();
        wm.stubFor(requestsTo(broken).atPriority(1).willReturn(okJson("{\"oops\": [1, 2")));
        SyncRun run = harness.run();
        assertThat(run.status()).isEqualTo(SyncRunStatus.COMPLETED);
        assertThat(run.streamsFailed()).isEqualTo(1);
        assertThat(run.errorMessage()).contains(broken + ": ").contains("answered a body that is not a " + broken + " page");
        String other = failingStream().equals(broken) ? catalogStreams().get(0) : failingStream();
        assertThat(harness.records(id, other).keySet()).containsExactlyInAnyOrderElementsOf(served.get(other));
    }
}
