package com.amdahl.connections.adapter.providers.connectors.linkedin;

import com.amdahl.connections.adapter.providers.kit.Bearer;
import com.amdahl.connections.adapter.providers.kit.ConnectorContext;
import com.amdahl.connections.adapter.providers.kit.Endpoints;
import com.amdahl.connections.adapter.providers.kit.ErrorDialect;
import com.amdahl.connections.adapter.providers.kit.HandleConnector;
import com.amdahl.connections.adapter.providers.kit.HttpCore.Response;
import com.amdahl.connections.adapter.providers.kit.HttpCore;
import com.amdahl.connections.adapter.providers.kit.Json;
import com.amdahl.connections.adapter.providers.kit.Listing;
import com.amdahl.connections.adapter.providers.kit.MalformedPage;
import com.amdahl.connections.adapter.providers.kit.NamedConnector;
import com.amdahl.connections.adapter.providers.kit.PerConnection;
import com.amdahl.connections.adapter.providers.kit.SingleObject;
import com.amdahl.connections.adapter.providers.kit.Stream;
import com.amdahl.connections.adapter.providers.kit.StreamRun;
import com.amdahl.connections.application.port.out.Credentials;
import com.amdahl.connections.application.port.out.HandleResolver.ResolvedHandle;
import com.amdahl.connections.domain.catalog.Cadence;
import com.amdahl.connections.domain.catalog.Category;
import com.amdahl.connections.domain.catalog.Ownership;
import com.fasterxml.jackson.databind.JsonNode;
import java.util.List;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * LinkedIn: organization vanity names resolved with the configured access token (Marketing API).
 * One stream: the tracked organization ({@code GET /rest/organizations/{id}}) read with that token.
 * Its posts ({@code r_organization_social}) and follower statistics ({@code rw_organization_admin})
 * need the token's member to administer that very organization, which a platform token does not
 * for the organizations members track: those streams are not offered (see the README).
 */
public final class LinkedIn extends NamedConnector implements HandleConnector {
    /** The LinkedIn Marketing API version sent as {@code LinkedIn-Version} (YYYYMM). */
    public static final String VERSION = "202610";
    private static final Pattern VANITY = Pattern.compile("[A-Za-z0-9][A-Za-z0-9_.&-]{0,99}");
    private static final List<Stream> STREAMS = List.of(new PerConnection("organization",
            run -> SingleObject.get("organization", "/rest/organizations/" + organizationId(run), "")
                    .header("Authorization", Bearer.of(run.context().settings().value("CONNECTIONS_LINKEDIN_ACCESS_TOKEN").orElse("")))
                    .header("LinkedIn-Version", VERSION).header("X-Restli-Protocol-Version", "2.0.0")));

    private static String organizationId(StreamRun run) {
        return Endpoints.encode(Optional.ofNullable(run.credentials()).flatMap(c -> c.get(Credentials.ACCOUNT_ID))
                .orElseThrow(MalformedPage::new));
    }

    public LinkedIn() {
        // posts and follower_statistics need the token's member to administer the tracked
        // organization, which the platform's token does not: not offered (README, Providers)
        super("linkedin", "LinkedIn", Listing.of(Category.SOCIAL, Ownership.WORKSPACE, Cadence.ONE_DAY),
                "https://api.linkedin.com", STREAMS, ErrorDialect.STANDARD);
    }

    @Override
    public String lookupCredentialVariable() {
        return "CONNECTIONS_LINKEDIN_ACCESS_TOKEN";
    }

    @Override
    public Optional<ResolvedHandle> resolve(ConnectorContext context, String token, String handle) {
        String vanity = ConnectorContext.normalizeHandle(handle, "linkedin.com/company/", "linkedin.com/showcase/");
        if (vanity == null || !VANITY.matcher(vanity).matches()) {
            return Optional.empty();
        }
        String url = context.api("/rest/organizations?q=vanityName&vanityName=" + Endpoints.encode(vanity));
        Response r = context.send(Bearer.token(HttpCore.request(url), token)
                .header("LinkedIn-Version", VERSION)
                .header("X-Restli-Protocol-Version", "2.0.0").GET());
        if (r.status() == 404) {
            return Optional.empty();
        }
        JsonNode elements = context.lookupAnswer(r).path("elements");
        if (!elements.isArray()) {
            throw context.garbage(r);
        }
        if (elements.isEmpty()) {
            return Optional.empty();
        }
        JsonNode org = elements.get(0);
        String id = Json.text(org, "id").orElseThrow(() -> context.garbage(r));
        return Optional.of(new ResolvedHandle(id, Json.text(org, "vanityName").orElse(vanity),
                Json.text(org, "localizedName").orElse(null), null, null));
    }
}
