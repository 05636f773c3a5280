package com.amdahl.connections.adapter.providers.kit;

import com.amdahl.connections.application.port.out.Credentials;
import java.net.http.HttpRequest;
import java.util.List;

/**
 * The base of an API-key plugin: type, name, catalog listing, origin, how the key signs a request,
 * streams and error dialect, stated once in the constructor. Stream requests and the key check are signed the
 * same way ({@link #authorize}, {@link #signed}).
 */
public abstract class ApiKeyPlugin extends NamedConnector implements ApiKeyConnector {
    /** How a key signs a request: a bearer token, a header of its own, HTTP Basic… */
    @FunctionalInterface
    public interface Signing {
        /** {@code Authorization: Bearer <key>}. */
        Signing BEARER = Bearer::token;

        HttpRequest.Builder sign(HttpRequest.Builder request, String key);

        /** The key as the value of header {@code name} ({@code X-Api-Key}). */
        static Signing header(String name) {
            return (request, key) -> request.header(name, key);
        }
    }

    private final Signing signing;

    protected ApiKeyPlugin(String type, String name, Listing listing, String apiOrigin, Signing signing,
            List<Stream> streams) {
        this(type, name, listing, apiOrigin, signing, streams, ErrorDialect.STANDARD);
    }

    protected ApiKeyPlugin(String type, String name, Listing listing, String apiOrigin, Signing signing,
            List<Stream> streams, ErrorDialect dialect) {
        super(type, name, listing, apiOrigin, streams, dialect);
        this.signing = signing;
    }

    @Override
    public final HttpRequest.Builder authorize(HttpRequest.Builder request, Credentials credentials) {
        return signing.sign(request, credentials.get(Credentials.API_KEY).orElse(""));
    }

    /** A request to {@code url} signed with {@code key}, as stream requests are. */
    protected final HttpRequest.Builder signed(String url, String key) {
        return authorize(HttpCore.request(url), Credentials.apiKey(key));
    }
}
