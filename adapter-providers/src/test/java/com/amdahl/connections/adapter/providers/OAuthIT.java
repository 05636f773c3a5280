package com.amdahl.connections.adapter.providers;

import com.amdahl.connections.adapter.providers.kit.ProviderFailures;
import com.amdahl.connections.adapter.providers.kit.ProviderSettings;
import static com.amdahl.connections.adapter.providers.OAuthCases.clientId;
import static com.amdahl.connections.adapter.providers.OAuthCases.clientSecret;
import static com.amdahl.connections.adapter.providers.OAuthCases.json;
import static com.amdahl.connections.adapter.providers.OAuthCases.query;
import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.anyUrl;
import static com.github.tomakehurst.wiremock.client.WireMock.delete;
import static com.github.tomakehurst.wiremock.client.WireMock.deleteRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.equalTo;
import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.getRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.postRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static org.assertj.core.api.Assertions.assertThat;

import com.amdahl.connections.adapter.providers.OAuthCases.Auth;
import com.amdahl.connections.adapter.providers.OAuthCases.Case;
import com.amdahl.connections.application.port.out.Credentials;
import com.amdahl.connections.application.port.out.OAuthProvider;
import com.amdahl.connections.application.port.out.OAuthProvider.AuthorizationRequest;
import com.amdahl.connections.application.port.out.OAuthProvider.Grant;
import com.amdahl.connections.domain.ConnectionsException;
import com.amdahl.connections.domain.ErrorCode;
import com.amdahl.connections.domain.sync.ErrorReason;
import com.github.tomakehurst.wiremock.client.ResponseDefinitionBuilder;
import com.github.tomakehurst.wiremock.stubbing.Scenario;
import com.github.tomakehurst.wiremock.verification.LoggedRequest;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

class OAuthIT extends WireMockSupport {
    private static final Instant NOW = Instant.parse("2026-11-26T12:00:00Z");
    private static final String REDIRECT = "https://connections.example/api/platform/v1/connections/oauth/callback";
    private static final String STATE = "STATE-4f9c2e7a1b3d5f60";
    private static final String CODE = "CODE-one-time-7b1e";
    private static final String VERIFIER = "VERIFIER-dBjftJeZ4CVP-mB92K27uhbUJU1p1r_wW1gFWFOEjXk";

    private Providers providers;
    private OAuthProvider oauth;

    @BeforeEach
    void wire() {
        providers = Providers.from(testSettings(OAuthCases.env(base())), Clock.fixed(NOW, ZoneOffset.UTC));
        oauth = providers.oauth();
    }

    static Stream<String> types() {
        return OAuthCases.ALL.stream().map(Case::type);
    }

    private void stubSuccess(Case c) {
        wm.stubFor(post(urlPathEqualTo(c.tokenPath())).willReturn(json(c.tokenBody())));
        if (c.identity() != null) {
            wm.stubFor(c.identity().get());
        }
    }

    private static String[] secrets(Case c) {
        return new String[] {clientSecret(c.type()), CODE, VERIFIER, STATE, c.accessToken()};
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("types")
    void exchangesTheCodeWithPkceAndClientAuthAndFetchesTheAccount(String type) {
        Case c = OAuthCases.of(type);
        stubSuccess(c);

        String url = oauth.authorizeUrl(type, new AuthorizationRequest(STATE, REDIRECT, s256(VERIFIER)));
        Map<String, String> params = query(url);
        assertThat(url).startsWith(base() + "/authorize/" + type + "?");
        assertThat(params).containsEntry("response_type", "code").containsEntry("client_id", clientId(type))
                .containsEntry("redirect_uri", REDIRECT).containsEntry("state", STATE);
        assertThat(oauth.supportsPkce(type)).isEqualTo(c.pkce());
        if (c.pkce()) {
            assertThat(params).containsEntry("code_challenge_method", "S256");
        } else {
            assertThat(params).doesNotContainKeys("code_challenge", "code_challenge_method");
        }

        Grant grant = oauth.exchangeCode(type, CODE, c.pkce() ? VERIFIER : null, REDIRECT);

        assertThat(grant.account().externalAccountId()).isEqualTo(c.accountId());
        assertThat(grant.account().label()).isEqualTo(c.accountLabel());
        assertThat(grant.credentials().get(Credentials.ACCESS_TOKEN)).contains(c.accessToken());
        if (c.expires()) {
            assertThat(grant.credentials().expiresAt()).isPresent();
            assertThat(grant.credentials().expiresAt().orElseThrow()).isAfter(NOW);
        } else {
            assertThat(grant.credentials().expiresAt()).isEmpty();
        }

        List<LoggedRequest> tokenCalls = wm.findAll(postRequestedFor(urlPathEqualTo(c.tokenPath())));
        assertThat(tokenCalls).hasSize(1);
        LoggedRequest token = tokenCalls.get(0);
        assertThat(token.getHeader("User-Agent")).isEqualTo("amdahl-connections/0.1");
        Map<String, Object> body;
        String basic = "Basic " + Base64.getEncoder().encodeToString(
                (clientId(type) + ":" + clientSecret(type)).getBytes(StandardCharsets.UTF_8));
        if (c.auth() == Auth.BASIC_JSON) {
            assertThat(token.getHeader("Content-Type")).startsWith("application/json");
            assertThat(token.getHeader("Authorization")).isEqualTo(basic);
            body = WireMockJson.read(token.getBodyAsString());
        } else {
            assertThat(token.getHeader("Content-Type")).startsWith("application/x-www-form-urlencoded");
            body = Map.copyOf(OAuthCases.decodeForm(token.getBodyAsString()));
            if (c.auth() == Auth.BASIC) {
                assertThat(token.getHeader("Authorization")).isEqualTo(basic);
            } else {
                assertThat(token.containsHeader("Authorization")).isFalse();
                assertThat(body).containsEntry("client_id", clientId(type))
                        .containsEntry("client_secret", clientSecret(type));
            }
        }
        if (c.auth() != Auth.FORM) {
            assertThat(body).doesNotContainKey("client_secret");
        }
        assertThat(body).containsEntry("grant_type", "authorization_code").containsEntry("code", CODE)
                .containsEntry("redirect_uri", REDIRECT);
        if (c.pkce()) {
            assertThat(body).containsEntry("code_verifier", VERIFIER);
            assertThat(s256((String) body.get("code_verifier"))).isEqualTo(params.get("code_challenge"));
        } else {
            assertThat(body).doesNotContainKey("code_verifier");
        }
    }

    @Test
    void providerSpecificCredentialEntriesAreKept() {
        stubSuccess(OAuthCases.of("salesforce"));
        Credentials sf = oauth.exchangeCode("salesforce", CODE, VERIFIER, REDIRECT).credentials();
        assertThat(sf.get("instance_url")).contains("https://acme.my.salesforce.com");
        assertThat(sf.get("api_base_url")).contains("https://acme.my.salesforce.com");
        assertThat(sf.get(Credentials.REFRESH_TOKEN)).contains("RT-sf-1");

        stubSuccess(OAuthCases.of("gong"));
        Credentials gong = oauth.exchangeCode("gong", CODE, null, REDIRECT).credentials();
        assertThat(gong.get("api_base_url")).contains("https://company-17.api.gong.io");
        assertThat(gong.expiresAt()).contains(NOW.plusSeconds(86400));

        stubSuccess(OAuthCases.of("notion"));
        Credentials notion = oauth.exchangeCode("notion", CODE, null, REDIRECT).credentials();
        assertThat(notion.get("workspace_id")).contains("ws-3f8a");
        assertThat(notion.get(Credentials.REFRESH_TOKEN)).contains("RT-notion-1");
    }

    enum Failure { REJECTED, RATE_LIMITED, SERVER_ERROR, MALFORMED, TIMEOUT }

    static Stream<Arguments> tokenFailures() {
        return OAuthCases.ALL.stream().flatMap(c -> Stream.of(Failure.values()).map(f -> Arguments.of(c.type(), f)));
    }

    @ParameterizedTest(name = "{0} {1}")
    @MethodSource("tokenFailures")
    void tokenEndpointFailuresAreClassified(String type, Failure failure) {
        Case c = OAuthCases.of(type);
        ResponseDefinitionBuilder answer = switch (failure) {
            case REJECTED -> aResponse().withStatus(c.rejectedStatus()).withHeader("Content-Type", "application/json")
                    .withBody(c.rejectedBody());
            case RATE_LIMITED -> aResponse().withStatus(429).withHeader("Retry-After", "17")
                    .withHeader("Content-Type", "application/json")
                    .withBody(type.equals("slack") ? "{\"ok\":false,\"error\":\"ratelimited\"}"
                            : "{\"status\":\"error\",\"errorType\":\"RATE_LIMIT\",\"code\":\"rate_limited\"}");
            case SERVER_ERROR -> aResponse().withStatus(503).withBody("upstream down");
            case MALFORMED -> aResponse().withStatus(200).withHeader("Content-Type", "text/html")
                    .withBody("<html>maintenance</html>");
            case TIMEOUT -> json(c.tokenBody()).withFixedDelay(SLOWER_THAN_TIMEOUT_MS);
        };
        wm.stubFor(post(urlPathEqualTo(c.tokenPath())).willReturn(answer));

        ErrorCode code = failure == Failure.REJECTED ? ErrorCode.INVALID_CREDENTIALS : ErrorCode.PROVIDER_UNAVAILABLE;
        ErrorReason reason = switch (failure) {
            case REJECTED -> ErrorReason.AUTH;
            case RATE_LIMITED -> ErrorReason.RATE_LIMIT;
            case SERVER_ERROR, TIMEOUT -> ErrorReason.TRANSIENT;
            case MALFORMED -> ErrorReason.UNKNOWN;
        };
        ConnectionsException e = expectFailure(() -> oauth.exchangeCode(type, CODE, VERIFIER, REDIRECT), code, reason,
                secrets(c));
        if (failure == Failure.RATE_LIMITED) {
            assertThat(ProviderFailures.of(e).orElseThrow().retryAfter()).isEqualTo(Duration.ofSeconds(17));
        }
        if (failure != Failure.TIMEOUT) {
            assertThat(e.getMessage()).contains("HTTP");
        }
        // a code is single-use: the token request is never retried
        assertThat(wm.findAll(postRequestedFor(urlPathEqualTo(c.tokenPath())))).hasSize(1);
    }

    @Test
    void slackAnswersOkFalseWithHttp200() {
        wm.stubFor(post(urlPathEqualTo("/api/oauth.v2.access"))
                .willReturn(json("{\"ok\":false,\"error\":\"bad_client_secret\"}")));
        expectFailure(() -> oauth.exchangeCode("slack", CODE, VERIFIER, REDIRECT), ErrorCode.INVALID_CREDENTIALS,
                ErrorReason.CONFIG, clientSecret("slack"), CODE);

        Case slack = OAuthCases.of("slack");
        wm.stubFor(post(urlPathEqualTo("/api/oauth.v2.access")).willReturn(json(slack.tokenBody())));
        wm.stubFor(post(urlPathEqualTo("/api/auth.test")).willReturn(json("{\"ok\":false,\"error\":\"invalid_auth\"}")));
        expectFailure(() -> oauth.exchangeCode("slack", CODE, VERIFIER, REDIRECT), ErrorCode.INVALID_CREDENTIALS,
                ErrorReason.AUTH, slack.accessToken());
    }

    @Test
    void identityCallRateLimitsAreRecognisedPerProvider() {
        Case sf = OAuthCases.of("salesforce");
        wm.stubFor(post(urlPathEqualTo(sf.tokenPath())).willReturn(json(sf.tokenBody())));
        wm.stubFor(get(urlPathEqualTo("/services/oauth2/userinfo")).willReturn(aResponse().withStatus(403)
                .withBody("[{\"message\":\"TotalRequests Limit exceeded.\",\"errorCode\":\"REQUEST_LIMIT_EXCEEDED\"}]")));
        expectFailure(() -> oauth.exchangeCode("salesforce", CODE, VERIFIER, REDIRECT), ErrorCode.PROVIDER_UNAVAILABLE,
                ErrorReason.RATE_LIMIT, sf.accessToken());

        Case gmail = OAuthCases.of("gmail");
        wm.stubFor(post(urlPathEqualTo(gmail.tokenPath())).willReturn(json(gmail.tokenBody())));
        wm.stubFor(get(urlPathEqualTo("/gmail/v1/users/me/profile")).willReturn(aResponse().withStatus(403)
                .withBody("{\"error\":{\"code\":403,\"message\":\"User-rate limit exceeded.\",\"errors\":[{\"domain\":\"usageLimits\",\"reason\":\"userRateLimitExceeded\"}]}}")));
        expectFailure(() -> oauth.exchangeCode("gmail", CODE, VERIFIER, REDIRECT), ErrorCode.PROVIDER_UNAVAILABLE,
                ErrorReason.RATE_LIMIT, gmail.accessToken());
    }

    @Test
    void identityCallRejectionsAndGarbage() {
        Case outlook = OAuthCases.of("outlook");
        wm.stubFor(post(urlPathEqualTo(outlook.tokenPath())).willReturn(json(outlook.tokenBody())));
        wm.stubFor(get(urlPathEqualTo("/v1.0/me")).willReturn(aResponse().withStatus(401)
                .withBody("{\"error\":{\"code\":\"InvalidAuthenticationToken\",\"message\":\"Access token is empty.\"}}")));
        expectFailure(() -> oauth.exchangeCode("outlook", CODE, VERIFIER, REDIRECT), ErrorCode.INVALID_CREDENTIALS,
                ErrorReason.AUTH, outlook.accessToken());

        Case hubspot = OAuthCases.of("hubspot");
        wm.stubFor(post(urlPathEqualTo(hubspot.tokenPath())).willReturn(json(hubspot.tokenBody())));
        wm.stubFor(get(urlPathEqualTo("/oauth/v1/access-tokens/AT-hubspot-1")).willReturn(json("{\"user\":\"x\"}")));
        expectFailure(() -> oauth.exchangeCode("hubspot", CODE, VERIFIER, REDIRECT), ErrorCode.PROVIDER_UNAVAILABLE,
                ErrorReason.UNKNOWN, hubspot.accessToken());
    }

    @Test
    void idempotentIdentityCallsAreRetriedOnTransientFailures() {
        Case hubspot = OAuthCases.of("hubspot");
        wm.stubFor(post(urlPathEqualTo(hubspot.tokenPath())).willReturn(json(hubspot.tokenBody())));
        wm.stubFor(get(urlPathEqualTo("/oauth/v1/access-tokens/AT-hubspot-1")).inScenario("flaky")
                .whenScenarioStateIs(Scenario.STARTED).willReturn(aResponse().withStatus(502))
                .willSetStateTo("recovered"));
        wm.stubFor(hubspot.identity().get().inScenario("flaky").whenScenarioStateIs("recovered"));
        assertThat(oauth.exchangeCode("hubspot", CODE, VERIFIER, REDIRECT).account().externalAccountId())
                .isEqualTo("4242");
        assertThat(wm.findAll(getRequestedFor(urlPathEqualTo("/oauth/v1/access-tokens/AT-hubspot-1")))).hasSize(2);

        Case gong = OAuthCases.of("gong");
        wm.stubFor(post(urlPathEqualTo(gong.tokenPath())).willReturn(json(gong.tokenBody())));
        wm.stubFor(get(urlPathEqualTo("/v2/users")).willReturn(json("{}").withFixedDelay(SLOWER_THAN_TIMEOUT_MS)));
        expectFailure(() -> oauth.exchangeCode("gong", CODE, null, REDIRECT), ErrorCode.PROVIDER_UNAVAILABLE,
                ErrorReason.TRANSIENT, gong.accessToken());
        assertThat(wm.findAll(getRequestedFor(urlPathEqualTo("/v2/users")))).hasSize(2);
    }

    @Test
    void refreshRotatesTokensAndKeepsProviderEntries() {
        wm.stubFor(post(urlPathEqualTo("/oauth2/generate-customer-token")).willReturn(json(
                "{\"access_token\":\"AT-gong-2\",\"refresh_token\":\"RT-gong-2\",\"expires_in\":3600,\"api_base_url_for_customer\":\"https://company-17.api.gong.io\"}")));
        Credentials old = new Credentials(Map.of(Credentials.ACCESS_TOKEN, "AT-gong-1", Credentials.REFRESH_TOKEN,
                "RT-gong-1", "api_base_url", "https://company-17.api.gong.io"), NOW);
        Credentials fresh = providers.refresh("gong", old);
        assertThat(fresh.get(Credentials.ACCESS_TOKEN)).contains("AT-gong-2");
        assertThat(fresh.get(Credentials.REFRESH_TOKEN)).contains("RT-gong-2");
        assertThat(fresh.get("api_base_url")).contains("https://company-17.api.gong.io");
        assertThat(fresh.expiresAt()).contains(NOW.plusSeconds(3600));
        LoggedRequest gongCall = wm.findAll(postRequestedFor(urlPathEqualTo("/oauth2/generate-customer-token"))).get(0);
        assertThat(OAuthCases.decodeForm(gongCall.getBodyAsString())).containsEntry("grant_type", "refresh_token")
                .containsEntry("refresh_token", "RT-gong-1").doesNotContainKey("client_secret");

        wm.stubFor(post(urlPathEqualTo("/services/oauth2/token")).willReturn(json(
                "{\"access_token\":\"AT-sf-2\",\"instance_url\":\"https://acme.my.salesforce.com\",\"token_type\":\"Bearer\"}")));
        Credentials sf = providers.refresh("salesforce", new Credentials(Map.of(Credentials.ACCESS_TOKEN, "AT-sf-1",
                Credentials.REFRESH_TOKEN, "RT-sf-1", "instance_url", "https://acme.my.salesforce.com"), null));
        assertThat(sf.get(Credentials.ACCESS_TOKEN)).contains("AT-sf-2");
        assertThat(sf.get(Credentials.REFRESH_TOKEN)).contains("RT-sf-1");
        assertThat(sf.get("instance_url")).contains("https://acme.my.salesforce.com");

        wm.stubFor(post(urlPathEqualTo("/v1/oauth/token")).willReturn(json(
                "{\"access_token\":\"AT-notion-2\",\"refresh_token\":\"RT-notion-2\",\"workspace_id\":\"ws-3f8a\"}")));
        Credentials notion = providers.refresh("notion", new Credentials(Map.of(Credentials.ACCESS_TOKEN,
                "AT-notion-1", Credentials.REFRESH_TOKEN, "RT-notion-1"), null));
        assertThat(notion.get(Credentials.REFRESH_TOKEN)).contains("RT-notion-2");
        assertThat(WireMockJson.read(wm.findAll(postRequestedFor(urlPathEqualTo("/v1/oauth/token"))).get(0)
                .getBodyAsString())).containsEntry("grant_type", "refresh_token").containsEntry("refresh_token",
                        "RT-notion-1");
    }

    @Test
    void rejectedRefreshIsInvalidCredentials() {
        Case hubspot = OAuthCases.of("hubspot");
        wm.stubFor(post(urlPathEqualTo(hubspot.tokenPath())).willReturn(aResponse().withStatus(400)
                .withHeader("Content-Type", "application/json").withBody(hubspot.rejectedBody())));
        Credentials stored = new Credentials(Map.of(Credentials.ACCESS_TOKEN, "AT-hubspot-1",
                Credentials.REFRESH_TOKEN, "RT-hubspot-secret-1"), NOW);
        expectFailure(() -> providers.refresh("hubspot", stored), ErrorCode.INVALID_CREDENTIALS, ErrorReason.AUTH,
                "RT-hubspot-secret-1", clientSecret("hubspot"));

        wm.stubFor(post(urlPathEqualTo(hubspot.tokenPath())).willReturn(aResponse().withStatus(500)));
        expectFailure(() -> providers.refresh("hubspot", stored), ErrorCode.PROVIDER_UNAVAILABLE,
                ErrorReason.TRANSIENT, "RT-hubspot-secret-1");

        expectFailure(() -> providers.refresh("hubspot", new Credentials(Map.of(Credentials.ACCESS_TOKEN, "AT"), null)),
                ErrorCode.INVALID_CREDENTIALS, ErrorReason.AUTH);
    }

    @Test
    void revokeCallsTheProviderEndpointsAndNeverThrows() {
        wm.stubFor(post(urlPathEqualTo("/revoke")).willReturn(aResponse().withStatus(200)));
        wm.stubFor(post(urlPathEqualTo("/api/auth.revoke")).willReturn(json("{\"ok\":true,\"revoked\":true}")));
        wm.stubFor(post(urlPathEqualTo("/services/oauth2/revoke")).willReturn(aResponse().withStatus(200)));
        wm.stubFor(delete(urlPathEqualTo("/oauth/v1/refresh-tokens/RT-h")).willReturn(aResponse().withStatus(204)));
        Credentials creds = new Credentials(Map.of(Credentials.ACCESS_TOKEN, "AT-x", Credentials.REFRESH_TOKEN, "RT-h"),
                null);

        oauth.revoke("gmail", creds);
        oauth.revoke("slack", creds);
        oauth.revoke("salesforce", creds);
        oauth.revoke("hubspot", creds);
        oauth.revoke("outlook", creds);
        oauth.revoke("circleback", creds);

        assertThat(OAuthCases.decodeForm(wm.findAll(postRequestedFor(urlPathEqualTo("/revoke"))).get(0)
                .getBodyAsString())).containsEntry("token", "RT-h");
        assertThat(wm.findAll(postRequestedFor(urlPathEqualTo("/api/auth.revoke"))
                .withHeader("Authorization", equalTo("Bearer AT-x")))).hasSize(1);
        assertThat(wm.findAll(postRequestedFor(urlPathEqualTo("/services/oauth2/revoke")))).hasSize(1);
        assertThat(wm.findAll(deleteRequestedFor(urlPathEqualTo("/oauth/v1/refresh-tokens/RT-h")))).hasSize(1);

        wm.resetAll();
        wm.stubFor(post(anyUrl()).willReturn(aResponse().withStatus(500)));
        oauth.revoke("gmail", creds);
        wm.stubFor(post(anyUrl()).willReturn(aResponse().withFixedDelay(SLOWER_THAN_TIMEOUT_MS)));
        oauth.revoke("slack", creds);
    }
}
