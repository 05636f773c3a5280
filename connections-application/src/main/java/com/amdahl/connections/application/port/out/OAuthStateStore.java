package com.amdahl.connections.application.port.out;

import java.time.Instant;
import java.util.Optional;

/** Server-side storage of OAuth states (CONTRACT section 5 and 9.10). */
public interface OAuthStateStore {
    void save(OAuthState state);

    /** Looks a state up by its hash, whatever its workspace: the state itself is the credential here. */
    Optional<OAuthState> find(String stateHash);

    /**
     * Marks the state used if it is not used yet: one conditional write, so of two racing
     * callbacks exactly one wins.
     *
     * @return true for the caller that consumed it
     */
    boolean markUsed(String stateHash, Instant at);

    /** Deletes states that expired before {@code cutoff}; returns how many. */
    int deleteExpired(Instant cutoff);
}
