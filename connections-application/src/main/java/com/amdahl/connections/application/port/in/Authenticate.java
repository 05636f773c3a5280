package com.amdahl.connections.application.port.in;

import com.amdahl.connections.application.Principal;
import java.util.Optional;

/** Resolves a bearer token to its principal; empty for unknown tokens or removed members. */
public interface Authenticate {
    Optional<Principal> authenticate(String bearerToken);
}
