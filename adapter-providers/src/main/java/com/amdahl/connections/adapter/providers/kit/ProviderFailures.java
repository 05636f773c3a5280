package com.amdahl.connections.adapter.providers.kit;

import com.amdahl.connections.domain.ConnectionsException;
import com.amdahl.connections.domain.ErrorCode;
import com.amdahl.connections.domain.WireNames;
import com.amdahl.connections.domain.sync.ErrorReason;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.net.ConnectException;
import java.net.http.HttpTimeoutException;
import java.time.Duration;
import java.time.Instant;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * The one classifier of provider failures: which {@link ErrorReason} an HTTP answer (or an I/O
 * failure) stands for, and how long the provider asked to wait. It knows HTTP, OAuth 2.0 and
 * GraphQL; what a provider's own error codes mean is stated in its package ({@link ErrorCodes}).
 *
 * <ul>
 * <li>{@code rate_limit}: HTTP 429, or a rate-limit code of the dialect at any status; GraphQL
 * {@code errors[].extensions.status} 429. {@code Retry-After} (seconds or HTTP date) is kept.</li>
 * <li>{@code auth}: 401; an auth code (RFC 6749 {@code invalid_grant}, RFC 6750 {@code invalid_token});
 * GraphQL {@code extensions.status} 401/403; other 403s (the grant lacks a permission).</li>
 * <li>{@code config}: RFC 6749 {@code invalid_client}, {@code unauthorized_client},
 * {@code invalid_scope}, {@code unsupported_grant_type}, and the dialect's config codes.</li>
 * <li>{@code transient}: 5xx, 408, timeouts, connection failures; in a 2xx body, RFC 6749
 * {@code server_error}, {@code temporarily_unavailable} and the dialect's transient codes.</li>
 * <li>{@code unknown}: everything else, including answers that cannot be parsed.</li>
 * </ul>
 */
public final class ProviderFailures {
    public static final String DETAIL_PROVIDER = "provider";
    public static final String DETAIL_REASON = "reason";
    public static final String DETAIL_HTTP_STATUS = "http_status";
    public static final String DETAIL_RETRY_AFTER = "retry_after_seconds";

    private static final ObjectMapper JSON = new ObjectMapper();

    private ProviderFailures() {
    }

    /** A classified failure. {@code httpStatus} is 0 when no HTTP answer arrived; {@code retryAfter} may be null. */
    public record Failure(ErrorReason reason, int httpStatus, Duration retryAfter) {
        public Optional<Duration> retryAfterIfKnown() {
            return Optional.ofNullable(retryAfter);
        }

        /** Whether retrying the same request later may succeed (rate limits and transient failures). */
        public boolean retryable() {
            return reason == ErrorReason.RATE_LIMIT || reason == ErrorReason.TRANSIENT;
        }
    }

    /** Classifies one HTTP answer with the kit's standard codes only ({@link ErrorCodes#standard()}). */
    public static Optional<Failure> classify(int status, Map<String, List<String>> headers, String body) {
        return classify(status, headers, body, ErrorCodes.standard());
    }

    /**
     * Classifies one HTTP answer in a dialect. Empty when it is a success: a 2xx whose body carries
     * no in-band error (the dialect's, e.g. Slack {@code ok:false}, or GraphQL {@code errors[]}
     * without {@code data}).
     *
     * @param headers response headers, names matched case-insensitively; may be empty
     * @param body the response body as text; may be null
     */
    public static Optional<Failure> classify(int status, Map<String, List<String>> headers, String body,
            ErrorCodes dialect) {
        Duration retryAfter = retryAfter(headers, Instant.now()).orElse(null);
        JsonNode json = parse(body);
        boolean success = status >= 200 && status < 300;
        if (success) {
            return inBandFailure(json, dialect).map(reason -> new Failure(reason, status, retryAfter));
        }
        if (status == 429) {
            return Optional.of(new Failure(ErrorReason.RATE_LIMIT, status, retryAfter));
        }
        Set<ErrorReason> named = new java.util.HashSet<>();
        for (String code : errorCodes(json, body, dialect)) {
            dialect.reasonOf(code).ifPresent(named::add);
        }
        if (named.contains(ErrorReason.RATE_LIMIT)) {
            return Optional.of(new Failure(ErrorReason.RATE_LIMIT, status, retryAfter));
        }
        if (status >= 500 || status == 408) {
            return Optional.of(new Failure(ErrorReason.TRANSIENT, status, retryAfter));
        }
        if (status == 401 || named.contains(ErrorReason.AUTH)) {
            return Optional.of(new Failure(ErrorReason.AUTH, status, retryAfter));
        }
        if (named.contains(ErrorReason.CONFIG)) {
            return Optional.of(new Failure(ErrorReason.CONFIG, status, retryAfter));
        }
        if (status == 403) {
            return Optional.of(new Failure(ErrorReason.AUTH, status, retryAfter));
        }
        return Optional.of(new Failure(ErrorReason.UNKNOWN, status, retryAfter));
    }

    /** Classifies an exception: I/O failures and timeouts are transient; a provider exception keeps its reason. */
    public static Failure classify(Throwable error) {
        if (error instanceof ConnectionsException ce) {
            Optional<Failure> known = of(ce);
            if (known.isPresent()) {
                return known.get();
            }
            return new Failure(ce.code() == ErrorCode.INVALID_CREDENTIALS ? ErrorReason.AUTH : ErrorReason.UNKNOWN,
                    0, null);
        }
        if (error instanceof HttpTimeoutException || error instanceof ConnectException
                || error instanceof IOException) {
            return new Failure(ErrorReason.TRANSIENT, 0, null);
        }
        return new Failure(ErrorReason.UNKNOWN, 0, null);
    }

    /** The failure a provider exception thrown by this module carries in its details. */
    public static Optional<Failure> of(ConnectionsException exception) {
        Map<String, Object> details = exception.details();
        Object reason = details.get(DETAIL_REASON);
        if (!(reason instanceof String wire)) {
            return Optional.empty();
        }
        Optional<ErrorReason> parsed = WireNames.parse(ErrorReason.class, wire);
        if (parsed.isEmpty()) {
            return Optional.empty();
        }
        int status = details.get(DETAIL_HTTP_STATUS) instanceof Integer s ? s : 0;
        Duration retryAfter = details.get(DETAIL_RETRY_AFTER) instanceof Long s ? Duration.ofSeconds(s) : null;
        return Optional.of(new Failure(parsed.get(), status, retryAfter));
    }

    /** {@code Retry-After} as seconds or an HTTP date, relative to {@code now}; never negative. */
    public static Optional<Duration> retryAfter(Map<String, List<String>> headers, Instant now) {
        if (headers == null) {
            return Optional.empty();
        }
        for (Map.Entry<String, List<String>> e : headers.entrySet()) {
            if (e.getKey() != null && e.getKey().equalsIgnoreCase("Retry-After") && !e.getValue().isEmpty()) {
                String value = e.getValue().get(0).trim();
                try {
                    long seconds = Long.parseLong(value);
                    return Optional.of(Duration.ofSeconds(Math.max(0, seconds)));
                } catch (NumberFormatException notSeconds) {
                    try {
                        Instant at = ZonedDateTime.parse(value, DateTimeFormatter.RFC_1123_DATE_TIME).toInstant();
                        Duration d = Duration.between(now, at);
                        return Optional.of(d.isNegative() ? Duration.ZERO : d);
                    } catch (RuntimeException notADate) {
                        return Optional.empty();
                    }
                }
            }
        }
        return Optional.empty();
    }

    /** The error code a caller maps a reason to: rejected credentials or an unavailable provider. */
    public static ErrorCode errorCode(ErrorReason reason) {
        return reason == ErrorReason.AUTH || reason == ErrorReason.CONFIG ? ErrorCode.INVALID_CREDENTIALS
                : ErrorCode.PROVIDER_UNAVAILABLE;
    }

    /** The exception for a classified failure; its message names the provider and the HTTP status only. */
    public static ConnectionsException exception(String providerName, Failure failure) {
        return exception(providerName, failure, errorCode(failure.reason()));
    }

    public static ConnectionsException exception(String providerName, Failure failure, ErrorCode code) {
        String message = failure.httpStatus() == 0
                ? providerName + " could not be reached"
                : providerName + " answered HTTP " + failure.httpStatus();
        Map<String, Object> details = new HashMap<>();
        details.put(DETAIL_PROVIDER, providerName);
        details.put(DETAIL_REASON, failure.reason().wire());
        if (failure.httpStatus() != 0) {
            details.put(DETAIL_HTTP_STATUS, failure.httpStatus());
        }
        if (failure.retryAfter() != null) {
            details.put(DETAIL_RETRY_AFTER, failure.retryAfter().toSeconds());
        }
        return new ConnectionsException(code, message, details);
    }

    /**
     * A 2xx body's in-band error: the dialect's (Slack {@code ok:false}), else GraphQL
     * {@code errors[]} without data (a known code, or {@code extensions.status} 401/403/429).
     */
    private static Optional<ErrorReason> inBandFailure(JsonNode json, ErrorCodes dialect) {
        if (json == null || !json.isObject()) {
            return Optional.empty();
        }
        Optional<String> named = dialect.inBandError(json);
        if (named.isPresent()) {
            return Optional.of(dialect.reasonOf(named.get()).orElse(ErrorReason.UNKNOWN));
        }
        JsonNode errors = json.get("errors");
        JsonNode data = json.get("data");
        boolean noData = data == null || data.isNull()
                || (data.isObject() && data.size() > 0 && allNull(data));
        if (errors != null && errors.isArray() && errors.size() > 0 && noData) {
            for (JsonNode e : errors) {
                for (String code : List.of(e.path("code").asText(""), e.path("extensions").path("code").asText(""))) {
                    Optional<ErrorReason> known = code.isEmpty() ? Optional.empty() : dialect.reasonOf(code);
                    if (known.isPresent()) {
                        return known;
                    }
                }
                int nested = e.path("extensions").path("status").asInt(0);
                if (nested == 401 || nested == 403) {
                    return Optional.of(ErrorReason.AUTH);
                }
                if (nested == 429) {
                    return Optional.of(ErrorReason.RATE_LIMIT);
                }
            }
            return Optional.of(ErrorReason.UNKNOWN);
        }
        return Optional.empty();
    }

    private static boolean allNull(JsonNode object) {
        for (JsonNode v : object) {
            if (!v.isNull()) {
                return false;
            }
        }
        return true;
    }

    /** Every error code a non-2xx body names, lower-cased, in the shapes the providers use. */
    private static Set<String> errorCodes(JsonNode json, String body, ErrorCodes dialect) {
        java.util.HashSet<String> codes = new java.util.HashSet<>();
        if (json != null) {
            collect(json, codes, 0);
        }
        if (body != null) {
            for (String marker : dialect.anywhere()) {
                if (body.contains(marker)) {
                    codes.add(marker.toLowerCase(Locale.ROOT));
                }
            }
        }
        return codes;
    }

    private static void collect(JsonNode node, Set<String> codes, int depth) {
        if (depth > 4 || node == null) {
            return;
        }
        if (node.isArray()) {
            for (JsonNode n : node) {
                collect(n, codes, depth + 1);
            }
            return;
        }
        if (!node.isObject()) {
            return;
        }
        for (String field : List.of("error", "code", "errorCode", "reason", "status", "errorType")) {
            JsonNode v = node.get(field);
            if (v != null && v.isTextual()) {
                codes.add(v.asText().toLowerCase(Locale.ROOT));
            }
        }
        for (String field : List.of("error", "errors", "extensions")) {
            JsonNode v = node.get(field);
            if (v != null && (v.isObject() || v.isArray())) {
                collect(v, codes, depth + 1);
            }
        }
    }

    public static JsonNode parse(String body) {
        if (body == null || body.isBlank()) {
            return null;
        }
        try {
            return JSON.readTree(body);
        } catch (IOException | RuntimeException notJson) {
            return null;
        }
    }
}
