package com.amdahl.connections.application.service;

import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;

/** How a wait for a provider's rate limit reads in a run's message and a connection's health. */
final class RateLimitWait {
    private static final DateTimeFormatter HH_MM = DateTimeFormatter.ofPattern("HH:mm").withZone(ZoneOffset.UTC);

    private RateLimitWait() {
    }

    static String message(Instant until) {
        return "waiting for the provider's rate limit until " + HH_MM.format(until) + " UTC";
    }
}
