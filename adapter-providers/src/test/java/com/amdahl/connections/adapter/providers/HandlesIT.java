package com.amdahl.connections.adapter.providers;

import com.amdahl.connections.adapter.providers.kit.ProviderFailures;
import com.amdahl.connections.adapter.providers.kit.ProviderSettings;
import static com.amdahl.connections.adapter.providers.OAuthCases.json;
import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.anyRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.anyUrl;
import static com.github.tomakehurst.wiremock.client.WireMock.equalTo;
import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.matching;
import static com.github.tomakehurst.wiremock.client.WireMock.urlEqualTo;
import static org.assertj.core.api.Assertions.assertThat;

import com.amdahl.connections.application.port.out.HandleResolver;
import com.amdahl.connections.application.port.out.HandleResolver.ResolvedHandle;
import com.amdahl.connections.domain.ConnectionsException;
import com.amdahl.connections.domain.ErrorCode;
import com.amdahl.connections.domain.sync.ErrorReason;
import com.github.tomakehurst.wiremock.client.MappingBuilder;
import com.github.tomakehurst.wiremock.client.ResponseDefinitionBuilder;
import java.time.Duration;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

class HandlesIT extends WireMockSupport {
    private static final String X_TOKEN = "X-BEARER-SECRET-AAAA";
    private static final String LI_TOKEN = "LI-ACCESS-SECRET-BBBB";
    private static final String X_PATH = "/2/users/by/username/ada_dev?user.fields=profile_image_url,public_metrics";
    private static final String LI_PATH = "/rest/organizations?q=vanityName&vanityName=acme";

    private HandleResolver handles;

    @BeforeEach
    void wire() {
        handles = Providers.from(testSettings(Map.of("CONNECTIONS_TWITTER_BEARER_TOKEN", X_TOKEN,
                "CONNECTIONS_LINKEDIN_ACCESS_TOKEN", LI_TOKEN, "CONNECTIONS_TWITTER_API_BASE_URL", base(),
                "CONNECTIONS_LINKEDIN_API_BASE_URL", base()))).handles();
    }

    private static MappingBuilder xLookup() {
        return get(urlEqualTo(X_PATH)).withHeader("Authorization", equalTo("Bearer " + X_TOKEN));
    }

    private static MappingBuilder linkedinLookup() {
        return get(urlEqualTo(LI_PATH)).withHeader("Authorization", equalTo("Bearer " + LI_TOKEN))
                .withHeader("LinkedIn-Version", matching("\\d{6}"))
                .withHeader("X-Restli-Protocol-Version", equalTo("2.0.0"));
    }

    @Test
    void configuredWhenTheLookupCredentialIsSet() {
        assertThat(handles.isConfigured("twitter")).isTrue();
        assertThat(handles.isConfigured("linkedin")).isTrue();
        HandleResolver none = Providers.fromEnvironment(Map.of("CONNECTIONS_TWITTER_BEARER_TOKEN", " ")).handles();
        assertThat(none.isConfigured("twitter")).isFalse();
        assertThat(none.isConfigured("linkedin")).isFalse();
        assertThat(none.isConfigured("hubspot")).isFalse();
        expectFailure(() -> none.resolve("twitter", "ada"), ErrorCode.CONNECTOR_NOT_CONNECTABLE, null);
        expectFailure(() -> handles.resolve("gmail", "ada"), ErrorCode.UNKNOWN_CONNECTOR_TYPE, null);
    }

    @Test
    void resolvesAnXUsername() {
        wm.stubFor(xLookup().willReturn(json("{\"data\":{\"id\":\"2244994945\",\"name\":\"Ada Lovelace\","
                + "\"username\":\"ada_dev\",\"profile_image_url\":\"https://pbs.twimg.com/profile_images/1/a_normal.jpg\","
                + "\"public_metrics\":{\"followers_count\":1234,\"following_count\":10,\"tweet_count\":99,\"listed_count\":3}}}")));
        ResolvedHandle expected = new ResolvedHandle("2244994945", "ada_dev", "Ada Lovelace",
                "https://pbs.twimg.com/profile_images/1/a_normal.jpg", 1234L);
        assertThat(handles.resolve("twitter", "ada_dev")).contains(expected);
        assertThat(handles.resolve("twitter", "@ada_dev")).contains(expected);
        assertThat(handles.resolve("twitter", "https://x.com/ada_dev")).contains(expected);
    }

    @Test
    void xNotFoundArrivesAsHttp200WithErrors() {
        wm.stubFor(xLookup().willReturn(json("{\"errors\":[{\"value\":\"ada_dev\",\"detail\":\"Could not find user "
                + "with username: [ada_dev].\",\"title\":\"Not Found Error\",\"resource_type\":\"user\",\"parameter\":"
                + "\"username\",\"resource_id\":\"ada_dev\",\"type\":\"https://api.twitter.com/2/problems/resource-not-found\"}]}")));
        assertThat(handles.resolve("twitter", "ada_dev")).isEmpty();
        assertThat(handles.resolve("twitter", "not a handle!")).isEmpty();
        assertThat(handles.resolve("twitter", "much_too_long_for_x_handles")).isEmpty();
        assertThat(wm.findAll(anyRequestedFor(anyUrl()))).hasSize(1);
    }

    @Test
    void resolvesALinkedInOrganizationByVanityName() {
        wm.stubFor(linkedinLookup().willReturn(json("{\"elements\":[{\"vanityName\":\"acme\",\"localizedName\":"
                + "\"Acme Corp\",\"id\":1337,\"$URN\":\"urn:li:organization:1337\"}],\"paging\":{\"count\":10,\"start\":0}}")));
        ResolvedHandle expected = new ResolvedHandle("1337", "acme", "Acme Corp", null, null);
        assertThat(handles.resolve("linkedin", "acme")).contains(expected);
        assertThat(handles.resolve("linkedin", "https://www.linkedin.com/company/acme/")).contains(expected);
    }

    @Test
    void linkedInNotFoundIsAnEmptyPage() {
        wm.stubFor(linkedinLookup().willReturn(json("{\"elements\":[],\"paging\":{\"count\":10,\"start\":0}}")));
        assertThat(handles.resolve("linkedin", "acme")).isEmpty();
    }

    enum Failure { REJECTED, RATE_LIMITED, SERVER_ERROR, MALFORMED, TIMEOUT }

    static Stream<Arguments> failures() {
        return Stream.of("twitter", "linkedin").flatMap(t -> Stream.of(Failure.values()).map(f -> Arguments.of(t, f)));
    }

    @ParameterizedTest(name = "{0} {1}")
    @MethodSource("failures")
    void providerTroubleIsProviderUnavailable(String type, Failure failure) {
        boolean x = type.equals("twitter");
        ResponseDefinitionBuilder answer = switch (failure) {
            case REJECTED -> aResponse().withStatus(401).withBody(x
                    ? "{\"title\":\"Unauthorized\",\"type\":\"about:blank\",\"status\":401,\"detail\":\"Unauthorized\"}"
                    : "{\"status\":401,\"serviceErrorCode\":65600,\"code\":\"INVALID_ACCESS_TOKEN\",\"message\":\"Invalid access token\"}");
            case RATE_LIMITED -> aResponse().withStatus(429).withHeader("Retry-After", "60")
                    .withHeader("x-rate-limit-remaining", "0")
                    .withBody("{\"errors\":[{\"code\":88,\"message\":\"Rate limit exceeded\"}]}");
            case SERVER_ERROR -> aResponse().withStatus(503);
            case MALFORMED -> aResponse().withStatus(200).withBody("{\"data\":");
            case TIMEOUT -> json("{}").withFixedDelay(SLOWER_THAN_TIMEOUT_MS);
        };
        wm.stubFor((x ? xLookup() : linkedinLookup()).willReturn(answer));
        ErrorReason reason = switch (failure) {
            case REJECTED -> ErrorReason.AUTH;
            case RATE_LIMITED -> ErrorReason.RATE_LIMIT;
            case SERVER_ERROR, TIMEOUT -> ErrorReason.TRANSIENT;
            case MALFORMED -> ErrorReason.UNKNOWN;
        };
        ConnectionsException e = expectFailure(() -> handles.resolve(type, x ? "ada_dev" : "acme"),
                ErrorCode.PROVIDER_UNAVAILABLE, reason, X_TOKEN, LI_TOKEN);
        assertThat(e.getMessage()).startsWith(x ? "X " : "LinkedIn ");
        if (failure == Failure.RATE_LIMITED) {
            assertThat(ProviderFailures.of(e).orElseThrow().retryAfter()).isEqualTo(Duration.ofSeconds(60));
        }
    }
}
