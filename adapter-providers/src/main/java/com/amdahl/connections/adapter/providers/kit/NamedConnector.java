package com.amdahl.connections.adapter.providers.kit;

import java.util.List;

/**
 * The facts every plugin states once, in its constructor: type, name, catalog listing, API origin,
 * streams and error dialect. {@link OAuthPlugin} and {@link ApiKeyPlugin} build on it; a handle plugin extends it directly.
 */
public abstract class NamedConnector implements ConnectorPlugin {
    private final String type;
    private final String name;
    private final Listing listing;
    private final String apiOrigin;
    private final List<Stream> streams;
    private final ErrorDialect dialect;

    /** A plugin without streams (not syncable yet) that reads errors the standard way. */
    protected NamedConnector(String type, String name, Listing listing, String apiOrigin) {
        this(type, name, listing, apiOrigin, List.of(), ErrorDialect.STANDARD);
    }

    protected NamedConnector(String type, String name, Listing listing, String apiOrigin, List<Stream> streams,
            ErrorDialect dialect) {
        this.type = type;
        this.name = name;
        this.listing = listing;
        this.apiOrigin = apiOrigin;
        this.streams = List.copyOf(streams);
        this.dialect = dialect;
    }

    @Override
    public final String type() {
        return type;
    }

    @Override
    public final String name() {
        return name;
    }

    @Override
    public final Listing listing() {
        return listing;
    }

    @Override
    public final String apiOrigin() {
        return apiOrigin;
    }

    @Override
    public final List<Stream> streams() {
        return streams;
    }

    @Override
    public final ErrorDialect errorDialect() {
        return dialect;
    }
}
