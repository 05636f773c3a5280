package com.amdahl.connections.adapter.providers.notify;

import com.amdahl.connections.application.port.out.NotificationSender;
import java.io.IOException;
import java.net.ConnectException;
import java.net.InetAddress;
import java.net.URI;
import java.net.UnknownHostException;
import java.net.http.HttpClient;
import java.net.http.HttpConnectTimeoutException;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.HttpTimeoutException;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import javax.net.ssl.SSLException;

/**
 * Outbound notifications over {@code java.net.http}: one POST with a short timeout, redirects never
 * followed, the response body discarded unread (receivers' answers are not kept anywhere). Errors
 * are described by kind only, never with the URL, a header or a body.
 */
public final class NotificationHttp implements NotificationSender {
    public static final Duration DEFAULT_TIMEOUT = Duration.ofSeconds(10);

    private final Duration timeout;
    /** Built on first use: creating an HttpClient initializes TLS, which a start without deliveries does not need. */
    private volatile HttpClient client;

    private NotificationHttp(Duration timeout) {
        this.timeout = Objects.requireNonNull(timeout, "timeout");
    }

    /** A sender whose every POST (connect, send, answer) must finish within {@code timeout}. */
    public static NotificationSender sender(Duration timeout) {
        return new NotificationHttp(timeout);
    }

    private HttpClient client() {
        HttpClient built = client;
        if (built == null) {
            synchronized (this) {
                if (client == null) {
                    client = HttpClient.newBuilder().connectTimeout(timeout)
                            .followRedirects(HttpClient.Redirect.NEVER).build();
                }
                built = client;
            }
        }
        return built;
    }

    @Override
    public List<InetAddress> resolve(String host) {
        try {
            return List.of(InetAddress.getAllByName(host));
        } catch (UnknownHostException | SecurityException unresolved) {
            return List.of();
        }
    }

    @Override
    public Response post(URI url, Map<String, String> headers, byte[] body) {
        HttpRequest.Builder request = HttpRequest.newBuilder(url).timeout(timeout)
                .POST(HttpRequest.BodyPublishers.ofByteArray(body));
        headers.forEach(request::header);
        try {
            HttpResponse<Void> response = client().send(request.build(), HttpResponse.BodyHandlers.discarding());
            return new Response(response.statusCode(), null);
        } catch (HttpConnectTimeoutException e) {
            return new Response(null, "connect timed out after " + timeout.toSeconds() + " s");
        } catch (HttpTimeoutException e) {
            return new Response(null, "no answer within " + timeout.toSeconds() + " s");
        } catch (ConnectException e) {
            return new Response(null, "connection refused");
        } catch (SSLException e) {
            return new Response(null, "TLS handshake failed");
        } catch (IOException e) {
            return new Response(null, "connection failed (" + e.getClass().getSimpleName() + ")");
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return new Response(null, "interrupted");
        } catch (IllegalArgumentException e) {
            return new Response(null, "the URL cannot be requested");
        }
    }
}
