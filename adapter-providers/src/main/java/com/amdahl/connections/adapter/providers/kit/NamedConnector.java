package com.amdahl.connections.adapter.providers.kit;

/** The three facts every non-OAuth plugin states (OAuth plugins take them from their {@link OAuthApp}). */
public abstract class NamedConnector implements ConnectorPlugin {
    private final String type;
    private final String name;
    private final String apiOrigin;

    protected NamedConnector(String type, String name, String apiOrigin) {
        this.type = type;
        this.name = name;
        this.apiOrigin = apiOrigin;
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
    public final String apiOrigin() {
        return apiOrigin;
    }
}
