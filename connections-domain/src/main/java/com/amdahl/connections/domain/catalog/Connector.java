package com.amdahl.connections.domain.catalog;

import java.util.List;
import java.util.Objects;

/**
 * One catalog entry: what a connector is and how it connects. Whether it is connectable in this
 * environment is decided by the application (it depends on configured provider apps); the
 * catalog only knows whether a live puller exists ({@code comingSoon}).
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
        String notes) {

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
    }

    public String kind() {
        return KIND_FIRST_PARTY;
    }

    public boolean isPersonal() {
        return ownership == Ownership.PERSONAL;
    }
}
