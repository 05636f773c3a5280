package com.amdahl.connections.domain.catalog;

import java.util.List;
import java.util.Objects;

/**
 * One catalog entry: what a connector is and how it connects. Whether it is connectable in this
 * environment is decided by the application (it depends on configured provider apps); the
 * catalog only knows whether a live puller exists ({@code comingSoon}). An API-key connector has
 * its {@link CredentialFields} (one secret {@code api_key} unless it says otherwise); others none.
 */
public record Connector(
        String type,
        String name,
        Category category,
        AuthMethod authMethod,
        Ownership ownership,
        Direction direction,
        Scope defaultScope,
        List<String> streams,
        Cadence defaultCadence,
        boolean comingSoon,
        String notes,
        CredentialFields credentialFields) {

    public static final String KIND_FIRST_PARTY = "first_party";

    public Connector {
        Objects.requireNonNull(type, "type");
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(category, "category");
        Objects.requireNonNull(authMethod, "authMethod");
        Objects.requireNonNull(ownership, "ownership");
        Objects.requireNonNull(direction, "direction");
        Objects.requireNonNull(defaultScope, "defaultScope");
        Objects.requireNonNull(defaultCadence, "defaultCadence");
        if (!type.matches("[a-z][a-z0-9_]*")) {
            throw new IllegalArgumentException("connector type must be lower snake case: " + type);
        }
        streams = List.copyOf(streams);
        if (authMethod == AuthMethod.API_KEY && credentialFields == null) {
            credentialFields = CredentialFields.API_KEY;
        } else if (authMethod != AuthMethod.API_KEY && credentialFields != null) {
            throw new IllegalArgumentException("only an API-key connector has credential fields: " + type);
        }
    }

    /** An entry with the credential fields its auth method implies (one {@code api_key} for an API-key connector). */
    public Connector(String type, String name, Category category, AuthMethod authMethod, Ownership ownership,
            Direction direction, Scope defaultScope, List<String> streams, Cadence defaultCadence, boolean comingSoon,
            String notes) {
        this(type, name, category, authMethod, ownership, direction, defaultScope, streams, defaultCadence, comingSoon,
                notes, null);
    }

    public String kind() {
        return KIND_FIRST_PARTY;
    }

    public boolean isPersonal() {
        return ownership == Ownership.PERSONAL;
    }
}
