package com.amdahl.connections.adapter.rest;

/** The MDC keys a request's log lines carry (structured logs show them as fields). */
final class LogContext {
    static final String REQUEST_ID = "request_id";
    static final String WORKSPACE_ID = "workspace_id";
    static final String CONNECTION_ID = "connection_id";

    private LogContext() {
    }
}
