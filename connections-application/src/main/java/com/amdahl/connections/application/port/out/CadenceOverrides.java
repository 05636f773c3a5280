package com.amdahl.connections.application.port.out;

import com.amdahl.connections.domain.catalog.Cadence;
import java.util.Map;

/** The platform-wide cadence overrides per connector type. */
public interface CadenceOverrides {
    /** Every override by connector type. */
    Map<String, Cadence> all();

    /** Sets ({@code cadence} non-null) or clears (null) the override of a connector type. */
    void set(String connectorType, Cadence cadence);
}
