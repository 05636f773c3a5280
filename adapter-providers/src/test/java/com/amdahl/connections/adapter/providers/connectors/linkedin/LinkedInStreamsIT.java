package com.amdahl.connections.adapter.providers.connectors.linkedin;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.equalTo;
import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.okJson;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static org.assertj.core.api.Assertions.assertThat;

import com.amdahl.connections.adapter.providers.StreamHarness;
import com.amdahl.connections.adapter.providers.WireMockSupport;
import com.amdahl.connections.application.port.out.Credentials;
import com.amdahl.connections.domain.sync.ErrorReason;
import com.amdahl.connections.domain.sync.RunResult;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** LinkedIn's one stream, the tracked organization, against a stub in the Marketing API's shape. */
class LinkedInStreamsIT extends WireMockSupport {
    private static final String TOKEN = "AQV-SECRET";
    private static final Credentials TRACKED = Credentials.trackedAccount("2414183", "linkedin");
    private StreamHarness harness;

    @BeforeEach
    void harness() {
        harness = new StreamHarness(new LinkedIn(), testSettings(Map.of("CONNECTIONS_LINKEDIN_API_BASE_URL", base(),
                "CONNECTIONS_LINKEDIN_ACCESS_TOKEN", TOKEN)));
    }

    @Test
    void the_organization_is_read_with_the_configured_token_and_only_it_is_offered() {
        assertThat(new LinkedIn().streams()).extracting(s -> s.name()).containsExactly("organization");
        wm.stubFor(get(urlPathEqualTo("/rest/organizations/2414183")).withHeader("Authorization", equalTo("Bearer " + TOKEN))
                .withHeader("LinkedIn-Version", equalTo(LinkedIn.VERSION)).willReturn(okJson(
                        "{\"id\":2414183,\"vanityName\":\"linkedin\",\"localizedName\":\"LinkedIn\",\"localizedWebsite\":\"https://linkedin.com\"}")));
        RunResult first = harness.run(TRACKED);
        assertThat(first.failed()).isFalse();
        assertThat(first.streamsTotal()).isEqualTo(1);
        assertThat(first.recordsWritten()).isEqualTo(1);
        assertThat(harness.stored("organization")).containsOnlyKeys("2414183");
        assertThat(harness.run(TRACKED).recordsWritten()).as("a second pass upserts the same row").isEqualTo(1);
        assertThat(harness.written).hasSize(1);
    }

    @Test
    void a_rate_limit_and_a_refused_token_are_classified() {
        wm.stubFor(get(urlPathEqualTo("/rest/organizations/2414183")).willReturn(aResponse().withStatus(429).withHeader("Retry-After", "3600")));
        assertThat(harness.run(TRACKED).errorReason()).isEqualTo(ErrorReason.RATE_LIMIT);
        wm.stubFor(get(urlPathEqualTo("/rest/organizations/2414183")).willReturn(aResponse().withStatus(401)
                .withBody("{\"status\":401,\"serviceErrorCode\":65601,\"code\":\"REVOKED_ACCESS_TOKEN\",\"message\":\"revoked\"}")));
        RunResult revoked = harness.run(TRACKED);
        assertThat(revoked.errorReason()).isEqualTo(ErrorReason.AUTH);
        assertThat(revoked.errorMessage()).doesNotContain(TOKEN);
    }
}
