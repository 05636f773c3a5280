package com.amdahl.connections.application.service;

import com.amdahl.connections.application.Permissions;
import com.amdahl.connections.application.Principal;
import com.amdahl.connections.application.port.in.Body;
import com.amdahl.connections.application.port.in.ManageCadence;
import com.amdahl.connections.application.port.out.CadenceOverrides;
import com.amdahl.connections.domain.catalog.Cadence;
import com.amdahl.connections.domain.catalog.Catalog;
import com.amdahl.connections.domain.catalog.Connector;
import java.util.List;
import java.util.Map;

/** The platform-admin cadence setting per connector type; a change applies on the next scheduler tick. */
final class CadenceService implements ManageCadence {
    private final Catalog catalog;
    private final CadenceOverrides overrides;

    CadenceService(Catalog catalog, CadenceOverrides overrides) {
        this.catalog = catalog;
        this.overrides = overrides;
    }

    @Override
    public List<CadenceRow> list(Principal principal) {
        Permissions.requirePlatformAdmin(principal);
        Map<String, Cadence> all = overrides.all();
        return catalog.all().stream()
                .map(c -> new CadenceRow(c.type(), c.defaultCadence(), all.get(c.type())))
                .toList();
    }

    @Override
    public CadenceRow set(Principal principal, String connectorType, String cadence) {
        Permissions.requirePlatformAdmin(principal);
        return setChecked(connectorType, cadence);
    }

    @Override
    public CadenceRow override(Principal principal, String connectorType, Body<String> cadence) {
        Permissions.requirePlatformAdmin(principal);
        return setChecked(connectorType, cadence.read());
    }

    /** Sets the override; the caller is a platform admin. */
    private CadenceRow setChecked(String connectorType, String cadence) {
        Connector connector = catalog.require(connectorType);
        Cadence override = cadence == null ? null : Cadence.parse(cadence);
        overrides.set(connector.type(), override);
        return new CadenceRow(connector.type(), connector.defaultCadence(), override);
    }

    /** The cadence in force for a connector type right now. */
    Cadence effective(Connector connector) {
        return Cadence.effective(connector.defaultCadence(), overrides.all().get(connector.type()));
    }
}
