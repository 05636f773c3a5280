package com.amdahl.connections.application.service;

import com.amdahl.connections.application.Principal;
import com.amdahl.connections.application.TokenScope;
import com.amdahl.connections.application.port.in.AdministerWorkspaces;
import com.amdahl.connections.application.port.in.Authenticate;
import com.amdahl.connections.application.port.out.ApiToken;
import com.amdahl.connections.application.port.out.TokenStore;
import com.amdahl.connections.application.port.out.WorkspaceDirectory;
import com.amdahl.connections.domain.ConnectionsException;
import com.amdahl.connections.domain.ErrorCode;
import com.amdahl.connections.domain.workspace.Member;
import com.amdahl.connections.domain.workspace.Role;
import com.amdahl.connections.domain.workspace.UserId;
import com.amdahl.connections.domain.workspace.Workspace;
import com.amdahl.connections.domain.workspace.WorkspaceId;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;

/**
 * Tokens and membership. A token is an opaque random string shown once; only its SHA-256 hash
 * is stored. A resolved token is remembered for one second (a hot path: every request), so a
 * demotion made by another process applies within a second, and at once within this one.
 */
final class AccessService implements Authenticate, AdministerWorkspaces {
    static final String TOKEN_PREFIX = "cnx_";
    /**
     * How long a resolved token is trusted without reading it again. Membership changes made in
     * this process apply at once (they clear it); ones made by another process within a second.
     */
    static final Duration REMEMBER_FOR = Duration.ofSeconds(1);
    private static final int MAX_REMEMBERED = 10_000;

    private final Map<String, Resolved> recent = new ConcurrentHashMap<>();

    private record Resolved(Principal principal, Instant until) {
    }

    private final WorkspaceDirectory directory;
    private final TokenStore tokens;
    private final Clock clock;

    AccessService(WorkspaceDirectory directory, TokenStore tokens, Clock clock) {
        this.directory = directory;
        this.tokens = tokens;
        this.clock = clock;
    }

    @Override
    public Optional<Principal> authenticate(String bearerToken) {
        if (bearerToken == null || !bearerToken.startsWith(TOKEN_PREFIX) || bearerToken.length() > 200) {
            return Optional.empty();
        }
        String hash = Secrets.sha256Hex(bearerToken);
        Instant now = clock.instant();
        Resolved cached = recent.get(hash);
        if (cached != null && now.isBefore(cached.until())) {
            return Optional.of(cached.principal());
        }
        Optional<ApiToken> token = tokens.findByHash(hash);
        if (token.isEmpty()) {
            return Optional.empty();
        }
        ApiToken found = token.get();
        Optional<Principal> principal = found.platformAdmin() ? Optional.of(Principal.ofPlatformAdmin())
                : directory.findMember(found.workspaceId(), found.userId())
                        .map(m -> Principal.member(m.workspaceId(), m.userId(), m.role(), found.scopes()));
        principal.ifPresent(p -> {
            tokens.touch(found.id(), now);
            if (recent.size() >= MAX_REMEMBERED) {
                recent.clear();
            }
            recent.put(hash, new Resolved(p, now.plus(REMEMBER_FOR)));
        });
        return principal;
    }

    @Override
    public boolean createWorkspace(String workspaceId, String name) {
        WorkspaceId id = parse(() -> new WorkspaceId(workspaceId), "workspace_id");
        String display = name == null || name.isBlank() ? workspaceId : name.strip();
        return directory.createWorkspace(new Workspace(id, display, clock.instant()));
    }

    @Override
    public void addMember(String workspaceId, String userId, Role role) {
        WorkspaceId workspace = requireWorkspace(workspaceId);
        directory.saveMember(new Member(workspace, parse(() -> new UserId(userId), "user_id"), role));
        recent.clear();
    }

    @Override
    public String createToken(String workspaceId, String userId, boolean readOnly) {
        return issueToMember(workspaceId, userId, readOnly ? Set.of(TokenScope.CONNECTIONS_READ)
                : Set.of(TokenScope.CONNECTIONS_READ, TokenScope.CONNECTIONS_WRITE, TokenScope.RECORDS_READ));
    }

    @Override
    public String createToken(String workspaceId, String userId, Set<String> scopes) {
        Set<TokenScope> parsed = new java.util.LinkedHashSet<>();
        for (String wire : scopes) {
            parsed.add(com.amdahl.connections.domain.WireNames.parse(TokenScope.class, wire).orElseThrow(() ->
                    new ConnectionsException(ErrorCode.VALIDATION_FAILED, "unknown scope '" + wire + "'",
                            java.util.Map.of("scope", "must be one of connections:read, connections:write, records:read"))));
        }
        if (parsed.isEmpty()) {
            throw new ConnectionsException(ErrorCode.VALIDATION_FAILED, "a token needs at least one scope",
                    java.util.Map.of("scope", "name at least one"));
        }
        return issueToMember(workspaceId, userId, Set.copyOf(parsed));
    }

    private String issueToMember(String workspaceId, String userId, Set<TokenScope> scopes) {
        WorkspaceId workspace = requireWorkspace(workspaceId);
        UserId user = parse(() -> new UserId(userId), "user_id");
        if (directory.findMember(workspace, user).isEmpty()) {
            throw new ConnectionsException(ErrorCode.OWNER_NOT_MEMBER, "The user is not a member of the workspace");
        }
        return issue(workspace, user, scopes, false);
    }

    @Override
    public String createPlatformAdminToken() {
        return issue(null, null, Set.of(), true);
    }

    private String issue(WorkspaceId workspace, UserId user, Set<TokenScope> scopes, boolean platformAdmin) {
        String secret = TOKEN_PREFIX + Secrets.random(32);
        tokens.save(new ApiToken(UUID.randomUUID().toString(), Secrets.sha256Hex(secret), workspace, user, scopes,
                platformAdmin, clock.instant(), null));
        return secret;
    }

    private WorkspaceId requireWorkspace(String workspaceId) {
        WorkspaceId id = parse(() -> new WorkspaceId(workspaceId), "workspace_id");
        if (directory.findWorkspace(id).isEmpty()) {
            throw new ConnectionsException(ErrorCode.WORKSPACE_NOT_FOUND, "No such workspace");
        }
        return id;
    }

    private static <T> T parse(java.util.function.Supplier<T> parser, String field) {
        try {
            return parser.get();
        } catch (IllegalArgumentException | NullPointerException invalid) {
            throw Validation.failure(field, "must be 1-128 characters of letters, digits, '.', '_', '@' or '-'");
        }
    }
}
