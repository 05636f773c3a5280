package com.amdahl.connections.domain.catalog;

import com.amdahl.connections.domain.ConnectionsException;
import com.amdahl.connections.domain.ErrorCode;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The connector catalog, in display order, one entry per type. The entries come from outside the
 * domain: the provider adapter's plugins each state their own (CONTRACT section 2 is their launch set).
 */
public final class Catalog {
    private final Map<String, Connector> byType;

    private Catalog(List<Connector> connectors) {
        Map<String, Connector> map = new LinkedHashMap<>();
        for (Connector connector : connectors) {
            if (map.put(connector.type(), connector) != null) {
                throw new IllegalArgumentException("duplicate connector type " + connector.type());
            }
        }
        this.byType = Collections.unmodifiableMap(map);
    }

    /** A catalog of these connectors in this order; types are unique. */
    public static Catalog of(List<Connector> connectors) {
        return new Catalog(connectors);
    }

    /** This catalog plus extra entries after it (embedders' own connectors, test-only entries). */
    public Catalog with(List<Connector> extra) {
        List<Connector> all = new ArrayList<>(byType.values());
        all.addAll(extra);
        return new Catalog(all);
    }

    public List<Connector> all() {
        return List.copyOf(byType.values());
    }

    public Optional<Connector> find(String type) {
        return Optional.ofNullable(type == null ? null : byType.get(type));
    }

    /** The connector of a type, or {@link ErrorCode#UNKNOWN_CONNECTOR_TYPE}. */
    public Connector require(String type) {
        return find(type).orElseThrow(() -> new ConnectionsException(
                ErrorCode.UNKNOWN_CONNECTOR_TYPE, "Unknown connector type"));
    }
}
