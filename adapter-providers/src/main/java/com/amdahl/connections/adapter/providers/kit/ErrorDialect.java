package com.amdahl.connections.adapter.providers.kit;

import com.amdahl.connections.adapter.providers.kit.HttpCore.Response;
import com.amdahl.connections.adapter.providers.kit.ProviderFailures.Failure;
import java.util.Optional;

/**
 * How one provider says what went wrong. {@link #STANDARD} reads HTTP statuses, {@code Retry-After}
 * and the error codes every launch provider uses (OAuth {@code invalid_grant}, Slack
 * {@code ok:false}, GraphQL {@code errors[]}…); a connector overrides it for anything else, e.g.
 * {@code STANDARD.extendedBy(r -> ...)}.
 */
@FunctionalInterface
public interface ErrorDialect {
    ErrorDialect STANDARD = Response::failure;

    /** The failure an answer stands for; empty for a success. */
    Optional<Failure> classify(Response response);

    /** This dialect, but {@code specific} is asked first and wins when it recognizes the answer. */
    default ErrorDialect extendedBy(ErrorDialect specific) {
        return response -> specific.classify(response).or(() -> classify(response));
    }
}
