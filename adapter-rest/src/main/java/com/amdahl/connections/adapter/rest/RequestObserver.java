package com.amdahl.connections.adapter.rest;

import java.time.Duration;

/**
 * Told about every answered request, e.g. to count it in metrics: the method, the route template
 * ({@code /api/platform/v1/connections/{id}}, or {@code <unmatched>}), the status and how long it
 * took. Never the path itself, a query, a header or a body.
 */
@FunctionalInterface
public interface RequestObserver {
    RequestObserver NONE = (method, route, status, duration) -> { };

    void answered(String method, String route, int status, Duration duration);
}
