package com.amdahl.connections.adapter.providers.kit;

import static org.assertj.core.api.Assertions.assertThat;

import com.amdahl.connections.adapter.providers.kit.ProviderFailures.Failure;
import com.amdahl.connections.domain.ConnectionsException;
import com.amdahl.connections.domain.ErrorCode;
import com.amdahl.connections.domain.sync.ErrorReason;
import java.io.IOException;
import java.net.ConnectException;
import java.net.http.HttpTimeoutException;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class ProviderFailuresTest {

    private static ErrorReason reason(int status, String body) {
        return ProviderFailures.classify(status, Map.of(), body).map(Failure::reason).orElse(null);
    }

    @ParameterizedTest(name = "{0} {1} -> {2}")
    @CsvSource(delimiter = '|', value = {
            "429|{\"status\":\"error\",\"errorType\":\"RATE_LIMIT\",\"policyName\":\"SECONDLY\"}|RATE_LIMIT",
            "429||RATE_LIMIT",
            "429|{\"ok\":false,\"error\":\"ratelimited\"}|RATE_LIMIT",
            "401||AUTH",
            "401|[{\"message\":\"Session expired or invalid\",\"errorCode\":\"INVALID_SESSION_ID\"}]|AUTH",
            "400|{\"error\":\"invalid_grant\",\"error_description\":\"expired access/refresh token\"}|AUTH",
            "400|{\"object\":\"error\",\"status\":400,\"code\":\"invalid_grant\"}|AUTH",
            "200|{\"data\":{\"user\":null},\"errors\":[{\"code\":\"auth_failed\",\"extensions\":{\"status\":401}}]}|AUTH",
            "200|{\"data\":null,\"errors\":[{\"message\":\"slow down\",\"extensions\":{\"status\":429}}]}|RATE_LIMIT",
            "200|{\"data\":null,\"errors\":[{\"message\":\"bad query\"}]}|UNKNOWN",
            "401|{\"error\":\"invalid_token\"}|AUTH",
            "400|{\"error\":\"unsupported_grant_type\"}|CONFIG",
            "200|{\"error\":\"temporarily_unavailable\",\"data\":null,\"errors\":[{\"code\":\"temporarily_unavailable\"}]}|TRANSIENT",
            "403|{\"message\":\"forbidden\"}|AUTH",
            "400|{\"error\":\"invalid_client\"}|CONFIG",
            "500||TRANSIENT",
            "502|<html>bad gateway</html>|TRANSIENT",
            "503|{\"error\":\"invalid_grant\"}|TRANSIENT",
            "529|{\"code\":\"service_overload\"}|TRANSIENT",
            "408||TRANSIENT",
            "404|{\"message\":\"nope\"}|UNKNOWN",
            "400|not json|UNKNOWN",
    })
    void classifiesProviderAnswers(int status, String body, ErrorReason expected) {
        assertThat(reason(status, body)).isEqualTo(expected);
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
            "200|{\"ok\":true,\"team_id\":\"T1\"}",
            "200|{\"ok\":false,\"error\":\"invalid_auth\"}",
            "200|{\"data\":{\"user\":{\"user_id\":\"u\"}}}",
            "201|",
            "200|not json at all",
            "200|{\"data\":{\"id\":\"1\"},\"errors\":[{\"detail\":\"partial\"}]}",
    })
    void successesAreNotFailures(int status, String body) {
        assertThat(ProviderFailures.classify(status, Map.of(), body)).isEmpty();
    }

    @Test
    void keepsRetryAfterInSecondsOrAsADate() {
        Failure seconds = ProviderFailures.classify(429, Map.of("retry-after", List.of("7")), "").orElseThrow();
        assertThat(seconds.retryAfter()).isEqualTo(Duration.ofSeconds(7));
        assertThat(seconds.retryable()).isTrue();

        Instant now = Instant.parse("2026-11-26T12:00:00Z");
        assertThat(ProviderFailures.retryAfter(Map.of("Retry-After", List.of("Thu, 26 Nov 2026 12:00:30 GMT")), now))
                .contains(Duration.ofSeconds(30));
        assertThat(ProviderFailures.retryAfter(Map.of("Retry-After", List.of("soon")), now)).isEmpty();
        assertThat(ProviderFailures.retryAfter(Map.of(), now)).isEmpty();
    }

    @Test
    void ioFailuresAreTransient() {
        assertThat(ProviderFailures.classify(new HttpTimeoutException("t")).reason()).isEqualTo(ErrorReason.TRANSIENT);
        assertThat(ProviderFailures.classify(new ConnectException("c")).reason()).isEqualTo(ErrorReason.TRANSIENT);
        assertThat(ProviderFailures.classify(new IOException("x")).reason()).isEqualTo(ErrorReason.TRANSIENT);
        assertThat(ProviderFailures.classify(new IllegalStateException()).reason()).isEqualTo(ErrorReason.UNKNOWN);
    }

    @Test
    void exceptionsCarryTheFailureAndNameOnlyProviderAndStatus() {
        Failure failure = new Failure(ErrorReason.RATE_LIMIT, 429, Duration.ofSeconds(12));
        ConnectionsException e = ProviderFailures.exception("HubSpot", failure);
        assertThat(e.code()).isEqualTo(ErrorCode.PROVIDER_UNAVAILABLE);
        assertThat(e.getMessage()).isEqualTo("HubSpot answered HTTP 429");
        assertThat(ProviderFailures.of(e)).contains(failure);
        assertThat(ProviderFailures.classify(e)).isEqualTo(failure);

        ConnectionsException auth = ProviderFailures.exception("Slack", new Failure(ErrorReason.AUTH, 200, null));
        assertThat(auth.code()).isEqualTo(ErrorCode.INVALID_CREDENTIALS);
        assertThat(ProviderFailures.exception("Gong", new Failure(ErrorReason.TRANSIENT, 0, null)).getMessage())
                .isEqualTo("Gong could not be reached");
        assertThat(ProviderFailures.of(new ConnectionsException(ErrorCode.CONFLICT, "x"))).isEmpty();
    }
}
