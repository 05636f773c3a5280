package com.amdahl.connections.adapter.persistence;

import com.amdahl.connections.application.TokenScope;
import com.amdahl.connections.application.port.out.ApiToken;
import com.amdahl.connections.application.port.out.TokenStore;
import com.amdahl.connections.domain.workspace.WorkspaceId;
import java.time.Duration;
import java.time.Instant;
import java.util.Arrays;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Collectors;

/** API tokens in {@code api_tokens}; scopes are stored as space-separated wire names. */
final class JdbiTokenStore implements TokenStore {
    /** {@link #touch} writes at most once per this interval per token. */
    static final Duration TOUCH_INTERVAL = Duration.ofMinutes(1);

    private final Database db;

    JdbiTokenStore(Database db) {
        this.db = db;
    }

    @Override
    public void save(ApiToken token) {
        db.withHandle(handle -> handle.createUpdate("INSERT INTO api_tokens (id, token_hash, workspace_id, user_id,"
                        + " scopes, platform_admin, created_at, last_used_at) VALUES (:id, :token_hash, :workspace_id,"
                        + " :user_id, :scopes, :platform_admin, :created_at, :last_used_at)")
                .bind("id", token.id())
                .bind("token_hash", token.tokenHash())
                .bind("workspace_id", token.workspaceId() == null ? null : token.workspaceId().value())
                .bind("user_id", Rows.value(token.userId()))
                .bind("scopes", token.scopes().stream().map(TokenScope::wire).sorted()
                        .collect(Collectors.joining(" ")))
                .bind("platform_admin", token.platformAdmin())
                .bind("created_at", Sql.ts(token.createdAt()))
                .bind("last_used_at", Sql.ts(token.lastUsedAt()))
                .execute());
    }

    @Override
    public Optional<ApiToken> findByHash(String tokenHash) {
        return db.withHandle(handle -> handle.createQuery("SELECT id, token_hash, workspace_id, user_id, scopes,"
                        + " platform_admin, created_at, last_used_at FROM api_tokens WHERE token_hash = :token_hash")
                .bind("token_hash", tokenHash)
                .map((rs, ctx) -> {
                    String workspace = rs.getString("workspace_id");
                    return new ApiToken(rs.getString("id"), rs.getString("token_hash"),
                            workspace == null ? null : new WorkspaceId(workspace), Rows.user(rs.getString("user_id")),
                            scopes(rs.getString("scopes")), rs.getBoolean("platform_admin"),
                            Sql.instant(rs, "created_at"), Sql.instant(rs, "last_used_at"));
                })
                .findOne());
    }

    @Override
    public void touch(String tokenId, Instant at) {
        // coalesced: a token used many times a minute is written once
        db.withHandle(handle -> handle.createUpdate("UPDATE api_tokens SET last_used_at = :at WHERE id = :id"
                        + " AND (last_used_at IS NULL OR last_used_at <= :threshold)")
                .bind("at", Sql.ts(at))
                .bind("threshold", Sql.ts(at.minus(TOUCH_INTERVAL)))
                .bind("id", tokenId)
                .execute());
    }

    private static Set<TokenScope> scopes(String stored) {
        return Arrays.stream(stored.split(" ")).filter(s -> !s.isEmpty())
                .map(s -> Rows.wire(TokenScope.class, s)).collect(Collectors.toSet());
    }
}
