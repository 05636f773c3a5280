package com.amdahl.connections.adapter.providers;

import com.amdahl.connections.adapter.providers.kit.ProviderFailures;
import com.amdahl.connections.adapter.providers.kit.ProviderSettings;
import static com.amdahl.connections.adapter.providers.OAuthCases.json;
import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.anyRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.anyUrl;
import static com.github.tomakehurst.wiremock.client.WireMock.equalTo;
import static com.github.tomakehurst.wiremock.client.WireMock.equalToJson;
import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.urlEqualTo;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static org.assertj.core.api.Assertions.assertThat;

import com.amdahl.connections.application.port.out.ApiKeyVerifier;
import com.amdahl.connections.domain.ConnectionsException;
import com.amdahl.connections.domain.ErrorCode;
import com.amdahl.connections.domain.connection.AccountIdentity;
import com.amdahl.connections.domain.sync.ErrorReason;
import com.github.tomakehurst.wiremock.client.MappingBuilder;
import com.github.tomakehurst.wiremock.client.ResponseDefinitionBuilder;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Base64;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Supplier;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

class ApiKeysIT extends WireMockSupport {

    record Case(String type, String key, Supplier<MappingBuilder> request, String successBody, String accountId,
            String accountLabel, boolean inBandErrors) {
    }

    private static final String FIREFLIES_QUERY = "{\"query\":\"{ user { user_id email name } }\"}";

    static final List<Case> CASES = List.of(
            new Case("pipedrive", "pd-SECRET-key-0001",
                    () -> get(urlPathEqualTo("/v1/users/me")).withHeader("x-api-token", equalTo("pd-SECRET-key-0001")),
                    "{\"success\":true,\"data\":{\"id\":123,\"name\":\"Ada\",\"email\":\"ada@acme.com\",\"company_id\":777,\"company_name\":\"Acme Ltd\",\"company_domain\":\"acme\"}}",
                    "777", "Acme Ltd", false),
            new Case("fathom", "fathom-SECRET-key",
                    () -> get(urlPathEqualTo("/external/v1/teams")).withHeader("X-Api-Key", equalTo("fathom-SECRET-key")),
                    "{\"items\":[{\"name\":\"Sales\",\"created_at\":\"2026-01-01T00:00:00Z\"}],\"next_cursor\":null}",
                    null, null, false),
            new Case("granola", "grn_SECRET_key",
                    () -> get(urlEqualTo("/v1/notes?page_size=1")).withHeader("Authorization", equalTo("Bearer grn_SECRET_key")),
                    "{\"notes\":[],\"hasMore\":false,\"cursor\":null}", null, null, false),
            new Case("fireflies", "ff-SECRET-key",
                    () -> post(urlPathEqualTo("/graphql")).withHeader("Authorization", equalTo("Bearer ff-SECRET-key"))
                            .withRequestBody(equalToJson(FIREFLIES_QUERY)),
                    "{\"data\":{\"user\":{\"user_id\":\"01HFF\",\"email\":\"ada@acme.com\",\"name\":\"Ada\"}}}",
                    "01HFF", "ada@acme.com", true),
            new Case("grain", "grain-SECRET-token",
                    () -> get(urlPathEqualTo("/_/public-api/me")).withHeader("Authorization", equalTo("Bearer grain-SECRET-token")),
                    "{\"id\":\"usr_1\",\"name\":\"Ada\",\"email\":\"ada@acme.com\"}", "usr_1", "ada@acme.com", false),
            new Case("aircall", "apiid42:SECRETapitoken",
                    () -> get(urlPathEqualTo("/v1/ping")).withHeader("Authorization", equalTo("Basic "
                            + Base64.getEncoder().encodeToString("apiid42:SECRETapitoken".getBytes(StandardCharsets.UTF_8)))),
                    "{\"ping\":\"pong\"}", null, null, false),
            new Case("pylon", "pylon_api_SECRET",
                    () -> get(urlPathEqualTo("/me")).withHeader("Authorization", equalTo("Bearer pylon_api_SECRET")),
                    "{\"data\":{\"id\":\"org_9\",\"name\":\"Acme Support\"},\"request_id\":\"r\"}", "org_9",
                    "Acme Support", false));

    private ApiKeyVerifier verifier;

    @BeforeEach
    void wire() {
        Map<String, String> env = new HashMap<>();
        CASES.forEach(c -> env.put("CONNECTIONS_" + c.type().toUpperCase() + "_API_BASE_URL", base()));
        verifier = Providers.from(testSettings(env)).apiKeys();
    }

    static Stream<String> types() {
        return CASES.stream().map(Case::type);
    }

    static Case of(String type) {
        return CASES.stream().filter(c -> c.type().equals(type)).findFirst().orElseThrow();
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("types")
    void verifiesTheKeyWithTheProvidersIdentityCall(String type) {
        Case c = of(type);
        wm.stubFor(c.request().get().willReturn(json(c.successBody())));
        AccountIdentity account = verifier.verify(type, c.key());
        if (c.accountId() == null) {
            assertThat(account).isNull();
        } else {
            assertThat(account).isEqualTo(new AccountIdentity(c.accountId(), c.accountLabel()));
        }
        assertThat(wm.findAll(anyRequestedFor(anyUrl()))).hasSize(1)
                .allSatisfy(r -> assertThat(r.getHeader("User-Agent")).isEqualTo("amdahl-connections/0.1"));
    }

    enum Failure { REJECTED, RATE_LIMITED, SERVER_ERROR, MALFORMED, TIMEOUT }

    static Stream<Arguments> failures() {
        return CASES.stream().flatMap(c -> Stream.of(Failure.values()).map(f -> Arguments.of(c.type(), f)));
    }

    @ParameterizedTest(name = "{0} {1}")
    @MethodSource("failures")
    void failuresAreClassified(String type, Failure failure) {
        Case c = of(type);
        ResponseDefinitionBuilder answer = switch (failure) {
            case REJECTED -> c.inBandErrors()
                    ? json("{\"data\":{\"user\":null},\"errors\":[{\"message\":\"Invalid API key\",\"code\":\"auth_failed\",\"friendly\":true,\"extensions\":{\"code\":\"auth_failed\",\"status\":401}}]}")
                    : aResponse().withStatus(401).withHeader("Content-Type", "application/json")
                            .withBody("{\"success\":false,\"error\":\"unauthorized access\",\"errorCode\":401}");
            case RATE_LIMITED -> c.inBandErrors()
                    ? json("{\"data\":null,\"errors\":[{\"message\":\"Too many requests\",\"code\":\"too_many_requests\",\"extensions\":{\"code\":\"too_many_requests\",\"status\":429}}]}")
                    : aResponse().withStatus(429).withHeader("Retry-After", "9").withBody("{\"message\":\"slow down\"}");
            case SERVER_ERROR -> aResponse().withStatus(500).withBody("oops");
            case MALFORMED -> aResponse().withStatus(200).withBody("<!doctype html><title>login</title>");
            case TIMEOUT -> json(c.successBody()).withFixedDelay(SLOWER_THAN_TIMEOUT_MS);
        };
        wm.stubFor(c.request().get().willReturn(answer));

        ErrorCode code = failure == Failure.REJECTED ? ErrorCode.INVALID_CREDENTIALS : ErrorCode.PROVIDER_UNAVAILABLE;
        ErrorReason reason = switch (failure) {
            case REJECTED -> ErrorReason.AUTH;
            case RATE_LIMITED -> ErrorReason.RATE_LIMIT;
            case SERVER_ERROR, TIMEOUT -> ErrorReason.TRANSIENT;
            case MALFORMED -> ErrorReason.UNKNOWN;
        };
        ConnectionsException e = expectFailure(() -> verifier.verify(type, c.key()), code, reason, c.key(),
                c.key().substring(c.key().indexOf(':') + 1));
        String name = ConnectorRegistry.launch().find(type).orElseThrow().name();
        assertThat(e.getMessage()).startsWith(name + " ");
        if (failure == Failure.REJECTED) {
            // Words a person acts on; the status stays in the details.
            assertThat(e.getMessage()).isEqualTo(name + " rejected this API key");
            if (!c.inBandErrors()) {
                assertThat(e.details()).containsEntry("http_status", 401);
            }
        }
        if (failure == Failure.RATE_LIMITED && !c.inBandErrors()) {
            assertThat(ProviderFailures.of(e).orElseThrow().retryAfter()).isEqualTo(Duration.ofSeconds(9));
        }
        int expectedCalls = failure == Failure.SERVER_ERROR || failure == Failure.TIMEOUT ? 2 : 1;
        assertThat(wm.findAll(anyRequestedFor(anyUrl()))).hasSize(expectedCalls);
    }

    @Test
    void aircallKeysMustBeIdColonToken() {
        for (String bad : new String[] {"just-a-token", ":token", "id:", "a:b:c", "id: token", "  "}) {
            expectFailure(() -> verifier.verify("aircall", bad), ErrorCode.INVALID_CREDENTIALS, ErrorReason.AUTH, bad);
        }
        assertThat(wm.findAll(anyRequestedFor(anyUrl()))).isEmpty();
    }

    @Test
    void keysThatCannotTravelInAHeaderAreRejectedWithoutACallOrAnEcho() {
        for (Case c : CASES) {
            for (String bad : new String[] {"key\u0001CANARY", "key\ud800CANARY", "key\u00e9CANARY"}) {
                expectFailure(() -> verifier.verify(c.type(), bad), ErrorCode.INVALID_CREDENTIALS, ErrorReason.AUTH, bad);
            }
        }
        assertThat(wm.findAll(anyRequestedFor(anyUrl()))).isEmpty();
    }

    @Test
    void unknownTypesAndRegions() {
        expectFailure(() -> verifier.verify("hubspot", "k"), ErrorCode.UNKNOWN_CONNECTOR_TYPE, null);
        assertThat(com.amdahl.connections.adapter.providers.connectors.pylon.Pylon.originFor("pylon_api_eu_abc")).isEqualTo("https://api.eu.usepylon.com");
        assertThat(com.amdahl.connections.adapter.providers.connectors.pylon.Pylon.originFor("pylon_api_abc")).isEqualTo("https://api.usepylon.com");
    }

    @Test
    void pipedriveWithoutCompanyIsGarbage() {
        wm.stubFor(get(urlPathEqualTo("/v1/users/me")).willReturn(json("{\"success\":true,\"data\":{\"id\":1}}")));
        expectFailure(() -> verifier.verify("pipedrive", "pd-SECRET-key-0001"), ErrorCode.PROVIDER_UNAVAILABLE,
                ErrorReason.UNKNOWN, "pd-SECRET-key-0001");
    }
}
