package com.amdahl.connections.adapter.providers.kit;

import com.amdahl.connections.adapter.providers.kit.HttpCore.Response;
import com.amdahl.connections.adapter.providers.kit.ProviderFailures.Failure;
import java.util.Optional;

/**
 * How one provider says what went wrong. {@link #STANDARD} reads HTTP statuses, {@code Retry-After},
 * the OAuth 2.0 error codes (RFC 6749/6750) and GraphQL {@code errors[]}; a connector states its
 * own codes in its package ({@link ErrorCodes#standard()}{@code .with(reason, codes…)}) and
 * anything else with {@code extendedBy(r -> ...)}.
 */
@FunctionalInterface
public interface ErrorDialect {
    ErrorDialect STANDARD = r -> ProviderFailures.classify(r.status(), r.headers(), r.body());

    /** The failure an answer stands for; empty for a success. */
    Optional<Failure> classify(Response response);

    /** This dialect, but {@code specific} is asked first and wins when it recognizes the answer. */
    default ErrorDialect extendedBy(ErrorDialect specific) {
        return response -> specific.classify(response).or(() -> classify(response));
    }
}
