package com.amdahl.connections.adapter.providers.kit;

import com.amdahl.connections.adapter.providers.kit.ProviderFailures.Failure;
import com.amdahl.connections.application.port.out.Telemetry;
import com.amdahl.connections.domain.sync.ErrorReason;
import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ThreadLocalRandom;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The one HTTP client of every provider call: timeouts, the User-Agent, retries of idempotent
 * requests on transient failures with jittered exponential backoff, and classification of failures.
 * Nothing here logs or reports a URL, header or body: they may carry tokens.
 */
public final class HttpCore {
    public static final String USER_AGENT = "amdahl-connections/0.1";
    private static final Logger LOG = LoggerFactory.getLogger(HttpCore.class);
    private static final Duration MAX_BACKOFF = Duration.ofSeconds(5);
    private static final Duration MAX_HONOURED_RETRY_AFTER = Duration.ofSeconds(30);

    private final java.time.Duration connectTimeout;
    /** Built on first use: creating an HttpClient initializes TLS, which the server's start does not need. */
    private volatile HttpClient client;
    private final Duration requestTimeout;
    private final int maxRetries;
    private final Duration retryBaseDelay;
    private final Telemetry telemetry;

    public HttpCore(ProviderSettings settings) {
        this(settings, Telemetry.NONE);
    }

    /** With every provider HTTP exchange reported to {@code telemetry} (provider name, outcome, latency). */
    public HttpCore(ProviderSettings settings, Telemetry telemetry) {
        this.telemetry = telemetry;
        this.connectTimeout = settings.connectTimeout();
        this.requestTimeout = settings.requestTimeout();
        this.maxRetries = settings.maxRetries();
        this.retryBaseDelay = settings.retryBaseDelay();
    }

    private HttpClient client() {
        HttpClient built = client;
        if (built == null) {
            synchronized (this) {
                if (client == null) {
                    client = HttpClient.newBuilder().connectTimeout(connectTimeout)
                            .followRedirects(HttpClient.Redirect.NEVER).build();
                }
                built = client;
            }
        }
        return built;
    }

    /** One answer: status, headers and body text. */
    public record Response(int status, Map<String, List<String>> headers, String body) {
        public JsonNode json() {
            return ProviderFailures.parse(body);
        }
    }

    /** A request about to be sent; {@code idempotent} ones are retried on transient failures. */
    public static HttpRequest.Builder request(String url) {
        return HttpRequest.newBuilder(URI.create(url)).header("User-Agent", USER_AGENT)
                .header("Accept", "application/json");
    }

    /**
     * Sends the request, retrying transient failures (as {@code dialect} reads them) of idempotent
     * ones, and returns whatever the provider answered last. Throws a classified exception naming
     * {@code providerName} only when no answer arrived (timeout, connection failure).
     */
    public Response send(String providerName, ErrorDialect dialect, HttpRequest.Builder builder, boolean idempotent) {
        HttpRequest request = builder.timeout(requestTimeout).build();
        int attempt = 0;
        while (true) {
            Response response;
            long started = System.nanoTime();
            try {
                HttpResponse<String> raw = client().send(request,
                        HttpResponse.BodyHandlers.ofString(StandardCharsets.UTF_8));
                response = new Response(raw.statusCode(), raw.headers().map(), raw.body());
                telemetry.providerCall(providerName, outcome(response, dialect), Duration.ofNanos(System.nanoTime() - started));
            } catch (IOException e) {
                telemetry.providerCall(providerName, e instanceof java.net.http.HttpTimeoutException ? "timeout"
                        : "connection_error", Duration.ofNanos(System.nanoTime() - started));
                Failure failure = ProviderFailures.classify(e);
                if (idempotent && attempt < maxRetries) {
                    LOG.debug("{} request failed without an answer ({}); retrying", providerName,
                            e.getClass().getSimpleName());
                    pause(providerName, backoff(attempt, null));
                    attempt++;
                    continue;
                }
                LOG.debug("{} request failed without an answer ({})", providerName, e.getClass().getSimpleName());
                throw ProviderFailures.exception(providerName, failure);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw ProviderFailures.exception(providerName, new Failure(ErrorReason.TRANSIENT, 0, null));
            }
            Optional<Failure> failure = dialect.classify(response);
            if (failure.isPresent() && failure.get().reason() == ErrorReason.TRANSIENT && idempotent
                    && attempt < maxRetries) {
                LOG.debug("{} answered HTTP {}; retrying", providerName, response.status());
                pause(providerName, backoff(attempt, failure.get().retryAfter()));
                attempt++;
                continue;
            }
            if (failure.isPresent()) {
                LOG.debug("{} answered HTTP {} ({})", providerName, response.status(), failure.get().reason().wire());
            }
            return response;
        }
    }

    /** A bounded label for one answer: the status class, with rate limits told apart. */
    private static String outcome(Response response, ErrorDialect dialect) {
        Optional<Failure> failure = dialect.classify(response);
        if (failure.isPresent() && failure.get().reason() == ErrorReason.RATE_LIMIT) {
            return "rate_limited";
        }
        int status = response.status();
        return status >= 500 ? "server_error" : status >= 400 ? "client_error" : failure.isPresent() ? "error_in_body" : "ok";
    }

    /** Sends and throws the classified failure unless the answer is a success. */
    public Response sendExpectingSuccess(String providerName, ErrorDialect dialect, HttpRequest.Builder builder,
            boolean idempotent) {
        Response response = send(providerName, dialect, builder, idempotent);
        Optional<Failure> failure = dialect.classify(response);
        if (failure.isPresent()) {
            throw ProviderFailures.exception(providerName, failure.get());
        }
        return response;
    }

    private Duration backoff(int attempt, Duration retryAfter) {
        long base = retryBaseDelay.toMillis() << Math.min(attempt, 10);
        long capped = Math.min(base, MAX_BACKOFF.toMillis());
        long jittered = capped / 2 + ThreadLocalRandom.current().nextLong(capped / 2 + 1);
        if (retryAfter != null && retryAfter.compareTo(MAX_HONOURED_RETRY_AFTER) <= 0) {
            return Duration.ofMillis(Math.max(jittered, retryAfter.toMillis()));
        }
        return Duration.ofMillis(jittered);
    }

    private static void pause(String providerName, Duration d) {
        try {
            Thread.sleep(d.toMillis());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw ProviderFailures.exception(providerName, new Failure(ErrorReason.TRANSIENT, 0, null));
        }
    }

    /** Throws the "answered garbage" failure: the provider's status was fine but the body was not. */
    public static com.amdahl.connections.domain.ConnectionsException garbage(String providerName, Response response) {
        return ProviderFailures.exception(providerName, new Failure(ErrorReason.UNKNOWN, response.status(), null));
    }
}
