package com.amdahl.connections.adapter.rest;

import com.amdahl.connections.domain.ErrorCode;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.TreeMap;

/**
 * The one table from error codes to HTTP statuses, and the error body
 * {@code {"error":{"code","message","details"?}}}. Two routes answer differently for one code
 * (CONTRACT 9.7, 9.9); they say so through {@link ApiError}.
 */
final class ErrorMapping {
    private ErrorMapping() {
    }

    static int status(ErrorCode code) {
        return switch (code) {
            case UNAUTHORIZED, INVALID_SIGNATURE -> 401;
            case FORBIDDEN, INSUFFICIENT_SCOPE -> 403;
            case CONNECTION_NOT_FOUND, NOTIFICATION_ENDPOINT_NOT_FOUND, HANDLE_NOT_FOUND, WORKSPACE_NOT_FOUND -> 404;
            case UNKNOWN_CONNECTOR_TYPE, INVALID_CATEGORY, VALIDATION_FAILED, INVALID_JSON, INVALID_CADENCE -> 400;
            case PAYLOAD_TOO_LARGE -> 413;
            case CONNECTOR_NOT_CONNECTABLE, INVALID_CREDENTIALS, OWNER_NOT_APPLICABLE, OWNER_NOT_MEMBER,
                    HANDLE_MISMATCH -> 422;
            case PROVIDER_UNAVAILABLE -> 502;
            case CONNECTION_HEALTHY, CONNECTION_NOT_SYNCABLE, INVALID_TRANSITION, CONFLICT, CONNECTION_NOT_TESTABLE -> 409;
            case DATABASE_UNAVAILABLE -> 503;
            case INTERNAL_ERROR -> 500;
        };
    }

    /** The error body; {@code details} only when there are some (a 404 never carries any). */
    static Map<String, Object> body(String code, String message, Map<String, Object> details) {
        Map<String, Object> error = new LinkedHashMap<>();
        error.put("code", code);
        error.put("message", message);
        if (details != null && !details.isEmpty()) {
            error.put("details", new TreeMap<>(details));
        }
        return Map.of("error", error);
    }
}
