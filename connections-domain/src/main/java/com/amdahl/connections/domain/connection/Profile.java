package com.amdahl.connections.domain.connection;

import com.amdahl.connections.domain.catalog.Scope;
import com.amdahl.connections.domain.workspace.UserId;
import java.util.Objects;

/**
 * The editable and descriptive part of a connection. A {@code sample} connection is demo data
 * ({@code serve --demo}): it shows history and health but never syncs, so no provider is called
 * with its made-up credentials.
 */
public record Profile(String name, Scope scope, UserId ownerUserId, AccountIdentity account, SocialProfile social,
        boolean sample) {
    public static final int MAX_NAME_LENGTH = 200;

    public Profile(String name, Scope scope, UserId ownerUserId, AccountIdentity account, SocialProfile social) {
        this(name, scope, ownerUserId, account, social, false);
    }

    public Profile {
        Objects.requireNonNull(scope, "scope");
        if (name == null || name.isBlank() || name.length() > MAX_NAME_LENGTH) {
            throw new IllegalArgumentException("name must be 1-" + MAX_NAME_LENGTH + " characters");
        }
    }

    Profile withName(String newName) {
        return new Profile(newName, scope, ownerUserId, account, social, sample);
    }

    Profile withOwner(UserId owner) {
        return new Profile(name, scope, owner, account, social, sample);
    }

    Profile withAccount(AccountIdentity newAccount) {
        return new Profile(name, scope, ownerUserId, newAccount, social, sample);
    }

    /** The same profile marked as demo data. */
    public Profile asSample() {
        return new Profile(name, scope, ownerUserId, account, social, true);
    }
}
