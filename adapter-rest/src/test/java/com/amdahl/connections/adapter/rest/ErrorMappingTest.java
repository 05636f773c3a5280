package com.amdahl.connections.adapter.rest;

import static org.assertj.core.api.Assertions.assertThat;

import com.amdahl.connections.application.view.JsonText;
import com.amdahl.connections.domain.ErrorCode;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.EnumSource;

class ErrorMappingTest {

    @ParameterizedTest
    @CsvSource({
        "UNAUTHORIZED,401", "FORBIDDEN,403", "INSUFFICIENT_SCOPE,403", "CONNECTION_NOT_FOUND,404",
        "UNKNOWN_CONNECTOR_TYPE,400", "INVALID_CATEGORY,400", "VALIDATION_FAILED,400", "INVALID_JSON,400",
        "PAYLOAD_TOO_LARGE,413", "CONNECTOR_NOT_CONNECTABLE,422", "INVALID_CREDENTIALS,422",
        "PROVIDER_UNAVAILABLE,502", "CONNECTION_HEALTHY,409", "CONNECTION_NOT_SYNCABLE,409",
        "INVALID_TRANSITION,409", "OWNER_NOT_APPLICABLE,422", "OWNER_NOT_MEMBER,422", "INVALID_CADENCE,400",
        "HANDLE_NOT_FOUND,404", "HANDLE_MISMATCH,422", "WORKSPACE_NOT_FOUND,404", "CONFLICT,409",
        "DATABASE_UNAVAILABLE,503", "INTERNAL_ERROR,500"
    })
    void each_code_has_its_status(ErrorCode code, int status) {
        assertThat(ErrorMapping.status(code)).isEqualTo(status);
    }

    @ParameterizedTest
    @EnumSource(ErrorCode.class)
    void every_code_maps_to_an_error_status(ErrorCode code) {
        assertThat(ErrorMapping.status(code)).isBetween(400, 599);
    }

    @Test
    void the_body_carries_details_only_when_there_are_some() throws Exception {
        assertThat(JsonText.write(ErrorMapping.body("connection_not_found",
                "Connection not found", Map.of())))
                .isEqualTo("{\"error\":{\"code\":\"connection_not_found\",\"message\":\"Connection not found\"}}");
        assertThat(JsonText.write(ErrorMapping.body("validation_failed", "bad",
                Map.of("name", "must be a string"))))
                .isEqualTo("{\"error\":{\"code\":\"validation_failed\",\"message\":\"bad\","
                        + "\"details\":{\"name\":\"must be a string\"}}}");
    }
}
