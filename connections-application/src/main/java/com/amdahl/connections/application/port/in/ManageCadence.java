package com.amdahl.connections.application.port.in;

import com.amdahl.connections.application.Principal;
import com.amdahl.connections.domain.catalog.Cadence;
import java.util.List;

/** Platform admins set the sync cadence per connector type. */
public interface ManageCadence {
    List<CadenceRow> list(Principal principal);

    /** {@code cadence} is a preset name, or null to clear the override. */
    CadenceRow set(Principal principal, String connectorType, String cadence);

    /**
     * {@link #set} as an adapter asks: the body (the cadence) is read only once the caller is known
     * to be a platform admin.
     */
    CadenceRow override(Principal principal, String connectorType, Body<String> cadence);

    /** One connector type's cadence; {@code override} null when none is set. */
    record CadenceRow(String connectorType, Cadence defaultCadence, Cadence override) {
        public Cadence effective() {
            return Cadence.effective(defaultCadence, override);
        }
    }
}
