package com.amdahl.connections.application.port.in;

import com.amdahl.connections.application.Principal;
import com.amdahl.connections.application.port.out.HandleResolver.ResolvedHandle;

/** Resolves a public handle to its account before a handle connect; unknown handles are {@code handle_not_found}. */
public interface ResolveHandle {
    ResolvedHandle resolve(Principal principal, String connectorType, String handle);
}
