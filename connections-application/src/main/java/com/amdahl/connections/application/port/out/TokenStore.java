package com.amdahl.connections.application.port.out;

import java.time.Instant;
import java.util.Optional;

/** API tokens, looked up by the hash of their secret. */
public interface TokenStore {
    void save(ApiToken token);

    Optional<ApiToken> findByHash(String tokenHash);

    /** Records use; implementations may coalesce writes. */
    void touch(String tokenId, Instant at);
}
