package com.amdahl.connections.adapter.providers.kit;

import com.amdahl.connections.application.port.out.Credentials;
import java.net.http.HttpRequest;
import java.util.List;

/**
 * The base of an OAuth plugin: its {@link OAuthApp} (which names type, name and API origin),
 * catalog listing, streams and error dialect, stated once in the constructor. Requests are signed by
 * {@link #authorize} (the access token as Bearer unless a plugin overrides it), identity and revoke
 * calls included ({@link #signed}).
 */
public abstract class OAuthPlugin extends NamedConnector implements OAuthConnector {
    private final OAuthApp app;

    protected OAuthPlugin(OAuthApp app, Listing listing, List<Stream> streams) {
        this(app, listing, streams, ErrorDialect.STANDARD);
    }

    protected OAuthPlugin(OAuthApp app, Listing listing, List<Stream> streams, ErrorDialect dialect) {
        super(app.type(), app.name(), listing, app.apiOrigin(), streams, dialect);
        this.app = app;
    }

    @Override
    public final OAuthApp app() {
        return app;
    }

    /** A request to {@code url} signed with the grant, as stream requests are. */
    protected final HttpRequest.Builder signed(String url, Credentials credentials) {
        return authorize(HttpCore.request(url), credentials);
    }
}
