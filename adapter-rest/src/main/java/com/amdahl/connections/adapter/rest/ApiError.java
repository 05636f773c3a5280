package com.amdahl.connections.adapter.rest;

import com.amdahl.connections.domain.ErrorCode;
import java.util.Map;

/**
 * A refusal decided at the HTTP edge (bad JSON, a wrong type, a missing token) or a use-case
 * refusal whose status depends on the route; rendered like every other error.
 */
final class ApiError extends RuntimeException {
    private final int status;
    private final String code;
    private final Map<String, Object> details;

    ApiError(int status, String code, String message, Map<String, Object> details) {
        super(message, null, false, false);
        this.status = status;
        this.code = code;
        this.details = Map.copyOf(details);
    }

    ApiError(ErrorCode code, String message, Map<String, Object> details) {
        this(ErrorMapping.status(code), code.wire(), message, details);
    }

    ApiError(ErrorCode code, String message) {
        this(code, message, Map.of());
    }

    int status() {
        return status;
    }

    String code() {
        return code;
    }

    Map<String, Object> details() {
        return details;
    }
}
