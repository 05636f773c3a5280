package com.amdahl.connections.domain.connection;

import com.amdahl.connections.domain.workspace.UserId;
import java.util.Objects;

/** The editable and descriptive part of a connection. */
public record Profile(String name, Scope scope, UserId ownerUserId, AccountIdentity account, SocialProfile social) {
    public static final int MAX_NAME_LENGTH = 200;

    public Profile {
        Objects.requireNonNull(scope, "scope");
        if (name == null || name.isBlank() || name.length() > MAX_NAME_LENGTH) {
            throw new IllegalArgumentException("name must be 1-" + MAX_NAME_LENGTH + " characters");
        }
    }

    Profile withName(String newName) {
        return new Profile(newName, scope, ownerUserId, account, social);
    }

    Profile withOwner(UserId owner) {
        return new Profile(name, scope, owner, account, social);
    }

    Profile withAccount(AccountIdentity newAccount) {
        return new Profile(name, scope, ownerUserId, newAccount, social);
    }
}
