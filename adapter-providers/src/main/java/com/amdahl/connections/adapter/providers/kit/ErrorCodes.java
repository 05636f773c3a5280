package com.amdahl.connections.adapter.providers.kit;

import com.amdahl.connections.adapter.providers.kit.HttpCore.Response;
import com.amdahl.connections.adapter.providers.kit.ProviderFailures.Failure;
import com.amdahl.connections.domain.sync.ErrorReason;
import com.fasterxml.jackson.databind.JsonNode;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.function.Function;

/**
 * An error dialect made of error codes: the kit's standard ones (RFC 6749 {@code invalid_grant},
 * {@code invalid_client}…, RFC 6750 {@code invalid_token}), plus those one provider adds in its own
 * package, e.g. {@code ErrorCodes.standard().with(ErrorReason.AUTH, "invalid_session_id")}. A code
 * counts wherever a provider puts it in an error body ({@code error}, {@code code},
 * {@code errorCode}, {@code reason}, {@code status}, {@code errorType}, nested in {@code error},
 * {@code errors} or {@code extensions}), case-insensitively; how codes and statuses combine is
 * {@link ProviderFailures#classify(int, Map, String, ErrorCodes)}.
 */
public final class ErrorCodes implements ErrorDialect {
    private static final ErrorCodes STANDARD = new ErrorCodes(Map.of(), Set.of(), json -> Optional.empty())
            .with(ErrorReason.AUTH, "invalid_grant", "invalid_token")
            .with(ErrorReason.CONFIG, "invalid_client", "unauthorized_client", "invalid_scope", "unsupported_grant_type")
            .with(ErrorReason.TRANSIENT, "server_error", "temporarily_unavailable");

    private final Map<String, ErrorReason> codes;
    private final Set<String> anywhere;
    private final Function<JsonNode, Optional<String>> inBand;

    private ErrorCodes(Map<String, ErrorReason> codes, Set<String> anywhere, Function<JsonNode, Optional<String>> inBand) {
        this.codes = Map.copyOf(codes);
        this.anywhere = Set.copyOf(anywhere);
        this.inBand = inBand;
    }

    /** HTTP statuses, {@code Retry-After}, the RFC 6749/6750 codes and GraphQL {@code errors[]}. */
    public static ErrorCodes standard() {
        return STANDARD;
    }

    /** These codes, plus {@code more} standing for {@code reason}. */
    public ErrorCodes with(ErrorReason reason, String... more) {
        Map<String, ErrorReason> next = new HashMap<>(codes);
        for (String code : more) {
            next.put(code.toLowerCase(Locale.ROOT), reason);
        }
        return new ErrorCodes(next, anywhere, inBand);
    }

    /**
     * Codes that also count when they appear, spelled as given, anywhere in a body (inside text, or
     * deeper than the fields read): Salesforce {@code REQUEST_LIMIT_EXCEEDED}.
     */
    public ErrorCodes withAnywhere(ErrorReason reason, String... more) {
        Set<String> next = new LinkedHashSet<>(anywhere);
        next.addAll(List.of(more));
        return new ErrorCodes(with(reason, more).codes, next, inBand);
    }

    /**
     * How a 2xx answer names an error in its body (Slack {@code ok:false} with {@code error});
     * the code it returns is read like any other, an unknown one is {@code unknown}.
     */
    public ErrorCodes withInBandError(Function<JsonNode, Optional<String>> errorOfSuccess) {
        return new ErrorCodes(codes, anywhere, errorOfSuccess);
    }

    @Override
    public Optional<Failure> classify(Response response) {
        return ProviderFailures.classify(response.status(), response.headers(), response.body(), this);
    }

    /** The reason a code stands for in this dialect. */
    public Optional<ErrorReason> reasonOf(String code) {
        return Optional.ofNullable(codes.get(code.toLowerCase(Locale.ROOT)));
    }

    Set<String> anywhere() {
        return anywhere;
    }

    Optional<String> inBandError(JsonNode json) {
        return inBand.apply(json);
    }
}
