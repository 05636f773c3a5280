package com.amdahl.connections.adapter.rest;

/** The MDC keys a request's log lines carry (structured logs show them as fields). */
final class LogContext {
    static final String REQUEST_ID = "request_id";
    static final String WORKSPACE_ID = "workspace_id";
    static final String CONNECTION_ID = "connection_id";
    /** The longest path id a log line carries: as long as a connection id can be (client text stays bounded). */
    static final int MAX_CONNECTION_ID = 64;

    private LogContext() {
    }
}
