package com.amdahl.connections.adapter.providers;

import static org.assertj.core.api.Assertions.assertThat;

import com.amdahl.connections.adapter.providers.kit.HttpCore.Response;
import com.amdahl.connections.adapter.providers.kit.ProviderFailures.Failure;
import com.amdahl.connections.domain.sync.ErrorReason;
import java.util.Map;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** Each provider's own error codes, read by the dialect its plugin states (the kit knows none of them). */
class ErrorDialectsTest {
    private static final ConnectorRegistry REGISTRY = ConnectorRegistry.launch();

    private static ErrorReason reason(String type, int status, String body) {
        return REGISTRY.find(type).orElseThrow().errorDialect().classify(new Response(status, Map.of(), body))
                .map(Failure::reason).orElse(null);
    }

    @ParameterizedTest(name = "{0} {1} {2} -> {3}")
    @CsvSource(delimiter = '|', value = {
            "salesforce|403|[{\"message\":\"TotalRequests Limit exceeded.\",\"errorCode\":\"REQUEST_LIMIT_EXCEEDED\"}]|RATE_LIMIT",
            "salesforce|403|TotalRequests Limit exceeded: REQUEST_LIMIT_EXCEEDED|RATE_LIMIT",
            "salesforce|400|[{\"message\":\"Session expired or invalid\",\"errorCode\":\"INVALID_SESSION_ID\"}]|AUTH",
            "salesforce|400|{\"error\":\"redirect_uri_mismatch\"}|CONFIG",
            "gmail|403|{\"error\":{\"code\":403,\"errors\":[{\"reason\":\"rateLimitExceeded\"}]}}|RATE_LIMIT",
            "gmail|403|{\"error\":{\"code\":403,\"errors\":[{\"reason\":\"userRateLimitExceeded\"}]}}|RATE_LIMIT",
            "gmail|400|{\"error\":{\"code\":400,\"status\":\"RESOURCE_EXHAUSTED\"}}|RATE_LIMIT",
            "gmail|400|{\"error\":\"redirect_uri_mismatch\"}|CONFIG",
            "slack|200|{\"ok\":false,\"error\":\"ratelimited\"}|RATE_LIMIT",
            "slack|200|{\"ok\":false,\"error\":\"invalid_auth\"}|AUTH",
            "slack|200|{\"ok\":false,\"error\":\"token_revoked\"}|AUTH",
            "slack|200|{\"ok\":false,\"error\":\"invalid_code\"}|AUTH",
            "slack|200|{\"ok\":false,\"error\":\"bad_client_secret\"}|CONFIG",
            "slack|200|{\"ok\":false,\"error\":\"fatal_error\"}|TRANSIENT",
            "slack|200|{\"ok\":false,\"error\":\"channel_not_found\"}|UNKNOWN",
            "slack|200|{\"ok\":false}|UNKNOWN",
            "fireflies|200|{\"data\":null,\"errors\":[{\"code\":\"too_many_requests\",\"message\":\"slow down\"}]}|RATE_LIMIT",
            "fireflies|200|{\"data\":{\"user\":null},\"errors\":[{\"code\":\"auth_failed\"}]}|AUTH",
            "notion|400|{\"object\":\"error\",\"status\":400,\"code\":\"rate_limited\"}|RATE_LIMIT",
            "notion|400|{\"object\":\"error\",\"status\":400,\"code\":\"unauthorized\"}|AUTH",
            "notion_knowledge_sync|400|{\"object\":\"error\",\"status\":400,\"code\":\"unauthorized\"}|AUTH",
            "outlook|400|{\"error\":{\"code\":\"InvalidAuthenticationToken\",\"message\":\"Access token is empty.\"}}|AUTH",
            "hubspot|400|{\"status\":\"BAD_REFRESH_TOKEN\",\"message\":\"missing or invalid refresh token\"}|AUTH",
            "hubspot|403|{\"status\":\"error\",\"errorType\":\"RATE_LIMIT\"}|RATE_LIMIT",
            "pylon|400|{\"error\":\"wrong_region_token\"}|AUTH",
            "hubspot|200|{\"ok\":false,\"error\":\"invalid_auth\"}|",
            "pipedrive|400|{\"ok\":false,\"error\":\"ratelimited\"}|UNKNOWN",
    })
    void each_provider_reads_its_own_codes(String type, int status, String body, ErrorReason expected) {
        assertThat(reason(type, status, body)).isEqualTo(expected);
    }
}
