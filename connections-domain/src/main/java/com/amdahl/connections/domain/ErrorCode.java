package com.amdahl.connections.domain;

/** Stable error codes every surface reports; the wire name never changes once published. */
public enum ErrorCode implements WireNames.Wired {
    UNAUTHORIZED("unauthorized"),
    INVALID_SIGNATURE("invalid_signature"),
    FORBIDDEN("forbidden"),
    INSUFFICIENT_SCOPE("insufficient_scope"),
    CONNECTION_NOT_FOUND("connection_not_found"),
    NOTIFICATION_ENDPOINT_NOT_FOUND("notification_endpoint_not_found"),
    UNKNOWN_CONNECTOR_TYPE("unknown_connector_type"),
    INVALID_CATEGORY("invalid_category"),
    VALIDATION_FAILED("validation_failed"),
    INVALID_JSON("invalid_json"),
    PAYLOAD_TOO_LARGE("payload_too_large"),
    CONNECTOR_NOT_CONNECTABLE("connector_not_connectable"),
    INVALID_CREDENTIALS("invalid_credentials"),
    PROVIDER_UNAVAILABLE("provider_unavailable"),
    CONNECTION_HEALTHY("connection_healthy"),
    CONNECTION_NOT_SYNCABLE("connection_not_syncable"),
    INVALID_TRANSITION("invalid_transition"),
    OWNER_NOT_APPLICABLE("owner_not_applicable"),
    OWNER_NOT_MEMBER("owner_not_member"),
    INVALID_CADENCE("invalid_cadence"),
    HANDLE_NOT_FOUND("handle_not_found"),
    HANDLE_MISMATCH("handle_mismatch"),
    WORKSPACE_NOT_FOUND("workspace_not_found"),
    CONFLICT("conflict"),
    CONNECTION_NOT_TESTABLE("connection_not_testable"),
    DATABASE_UNAVAILABLE("database_unavailable"),
    INTERNAL_ERROR("internal_error");

    private final String wire;

    ErrorCode(String wire) {
        this.wire = wire;
    }

    @Override
    public String wire() {
        return wire;
    }
}
