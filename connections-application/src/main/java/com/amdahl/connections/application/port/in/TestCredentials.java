package com.amdahl.connections.application.port.in;

import com.amdahl.connections.application.Principal;
import com.amdahl.connections.domain.connection.AccountIdentity;
import com.amdahl.connections.domain.sync.ErrorReason;
import com.amdahl.connections.domain.workspace.ConnectionId;

/**
 * "Test connection": re-checks a connection's stored credentials with the provider's identity or
 * verify call, without starting a run. A rejection marks the connection for re-authorization, a
 * pass clears an authorization problem, and either way an audit event records who tested.
 */
public interface TestCredentials {
    CredentialTestResult test(Principal principal, ConnectionId id);

    /** As an adapter asks: the id as the caller wrote it; one that cannot exist is not found, after the scope check. */
    CredentialTestResult test(Principal principal, String id);

    /**
     * {@code ok} with the {@code account} the provider answered for (null when it names none), or
     * not ok with why ({@code auth}: rejected; {@code rate_limit}, {@code transient}: the provider
     * could not answer now; {@code config}: the account can no longer be found) and a sentence.
     */
    record CredentialTestResult(boolean ok, AccountIdentity account, ErrorReason errorReason, String message) {
        public static CredentialTestResult passed(AccountIdentity account) {
            return new CredentialTestResult(true, account, null, null);
        }

        public static CredentialTestResult failed(ErrorReason reason, String message) {
            return new CredentialTestResult(false, null, reason, message);
        }
    }
}
