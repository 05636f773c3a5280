package com.amdahl.connections.adapter.providers.kit;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * What a provider's rate-limit headers say about the next request: when the remaining count of a
 * window is zero, no request before the window's reset. The variants of the providers we speak
 * to (see {@code shared/reference/providers.md}): {@code X-RateLimit-Remaining}/{@code -Reset}
 * (Pipedrive: seconds), {@code RateLimit-Remaining}/{@code -Reset} (Fathom, the IETF draft:
 * seconds), {@code X-AircallApi-Remaining}/{@code -Reset} (epoch), {@code x-rate-limit-remaining}/
 * {@code -reset} (X: epoch), {@code X-HubSpot-RateLimit-Secondly-Remaining} (a one-second window,
 * no reset header). A reset is read as epoch seconds or milliseconds when it is that large, else
 * as seconds from now. A remaining count above zero changes nothing: the budget paces by the
 * declared limit, and a provider that disagrees answers 429, which waits.
 */
public final class RateHeaders {
    /** Pairs of remaining and reset header names; a null reset means a one-second window. */
    private static final List<String[]> VARIANTS = List.of(
            new String[] {"X-RateLimit-Remaining", "X-RateLimit-Reset"},
            new String[] {"RateLimit-Remaining", "RateLimit-Reset"},
            new String[] {"X-AircallApi-Remaining", "X-AircallApi-Reset"},
            new String[] {"X-Rate-Limit-Remaining", "X-Rate-Limit-Reset"},
            new String[] {"X-HubSpot-RateLimit-Secondly-Remaining", null});
    private static final long EPOCH_SECONDS = 1_000_000_000L;
    private static final long EPOCH_MILLIS = 100_000_000_000L;

    private RateHeaders() {
    }

    /** The instant before which no request should go, when a header says the window is spent. */
    public static Optional<Instant> notBefore(Map<String, List<String>> headers, Instant now) {
        Instant latest = null;
        for (String[] variant : VARIANTS) {
            Optional<Long> remaining = number(headers, variant[0]);
            if (remaining.isEmpty() || remaining.get() > 0) {
                continue;
            }
            Instant reset = variant[1] == null ? now.plusSeconds(1)
                    : number(headers, variant[1]).map(value -> resetAt(value, now)).orElse(null);
            if (reset != null && reset.isAfter(now) && (latest == null || reset.isAfter(latest))) {
                latest = reset;
            }
        }
        return Optional.ofNullable(latest);
    }

    private static Instant resetAt(long value, Instant now) {
        if (value >= EPOCH_MILLIS) {
            return Instant.ofEpochMilli(value);
        }
        if (value >= EPOCH_SECONDS) {
            return Instant.ofEpochSecond(value);
        }
        return now.plus(Duration.ofSeconds(Math.max(0, value)));
    }

    private static Optional<Long> number(Map<String, List<String>> headers, String name) {
        for (Map.Entry<String, List<String>> header : headers.entrySet()) {
            if (header.getKey() != null && header.getKey().equalsIgnoreCase(name) && !header.getValue().isEmpty()) {
                String value = header.getValue().get(0).strip();
                int decimal = value.indexOf('.');
                try {
                    return Optional.of(Long.parseLong(decimal >= 0 ? value.substring(0, decimal) : value));
                } catch (NumberFormatException notANumber) {
                    return Optional.empty();
                }
            }
        }
        return Optional.empty();
    }
}
